import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway, type Gateway } from '../src/app.js';
import { type Config, loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logging/logger.js';
import type { TestDatabase } from '../test/helpers/databases.js';

/**
 * A gateway for a benchmark on `db`, listening on a free loopback port: no outbox worker, silent
 * logs; `env` adds or overrides settings (e.g. TRUST_PROXY).
 */
export async function startBenchGateway(db: TestDatabase, env: Record<string, string> = {}): Promise<{ gateway: Gateway; config: Config }> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    GATEWAY_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    OUTBOX_WORKER: 'false',
    LOG_LEVEL: 'silent',
    ...(db.database.kind === 'postgres' ? { DATABASE_URL: db.database.url } : { SQLITE_PATH: db.database.path }),
    ...env,
  });
  const gateway = await createGateway(config, createLogger('silent'));
  await gateway.listen();
  return { gateway, config };
}
