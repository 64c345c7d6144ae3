import { Router } from 'express';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Metrics } from './metrics.js';

/**
 * What health and metrics read from the mail outbox. Mail sits above observability (it counts its
 * sends in the metrics), so the composition root (src/app.ts) hands this in instead of an import.
 */
export interface OutboxProbe {
  /** Whether this process's outbox worker is running. */
  workerRunning(): boolean;
  /** Messages queued or being sent. */
  depth(): Promise<number>;
}

export interface HealthDeps {
  config: Config;
  db: Database;
  outbox: OutboxProbe;
  metrics: Metrics;
}

const CHECK_TIMEOUT_MS = 2000;

/** /healthz (alive), /readyz (can serve: database, migrations, outbox worker), /metrics (Prometheus; in production only with METRICS_TOKEN). */
export function healthRoutes(deps: HealthDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const checks = {
      database: await withTimeout(deps.db.dataSource.query('SELECT 1').then(() => true)),
      migrations: await withTimeout(deps.db.dataSource.showMigrations().then((pending) => !pending)),
      outboxWorker: !deps.config.mail.workerEnabled || deps.outbox.workerRunning(),
    };
    const ready = Object.values(checks).every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });

  router.get('/metrics', async (req, res) => {
    const token = deps.config.metricsToken;
    // In production metrics are served only behind a token: without one they are off.
    if (!token && deps.config.production) {
      res.status(404).json({ error: 'not_found' });
      return;
    }
    if (token && req.get('authorization') !== `Bearer ${token}`) {
      res.status(401).set('www-authenticate', 'Bearer').json({ error: 'unauthorized' });
      return;
    }
    const body = await deps.metrics.render(async () => {
      const depth = await deps.outbox.depth().catch(() => -1);
      deps.metrics.outboxDepth.set(depth);
    });
    res.type(deps.metrics.registry.contentType).send(body);
  });
  return router;
}

async function withTimeout(check: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
