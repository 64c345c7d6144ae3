/** Profiling helper: one 2000-row upload on SQLite (run with `node --cpu-prof --import tsx`). */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { createGateway } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logging/logger.js';
import { createTestDatabase } from '../test/helpers/databases.js';
import { generatedCsv } from '../test/helpers/upload.js';
import { adminTenant } from './tenant.js';

const kind = (process.env.BENCH_KIND ?? 'sqlite') as 'sqlite' | 'postgres';
const db = await createTestDatabase(kind);
const config = loadConfig({
  PORT: '0',
  GATEWAY_SECRET: 'bench-secret-bench-secret-bench-secret-0',
  OUTBOX_WORKER: 'false',
  LOG_LEVEL: 'silent',
  INVITATION_MAIL_PER_HOUR: '1000000',
  ...(db.database.kind === 'postgres' ? { DATABASE_URL: db.database.url } : { SQLITE_PATH: db.database.path }),
});
const gateway = await createGateway(config, createLogger('silent'));
const { services } = gateway;
const { tenant, actor } = await adminTenant(gateway, 'Bench', 'bench.example');
const { application: app } = await services.apps.createAsOperator(tenant.id, {
  displayName: 'Portal',
  replyUrls: ['https://portal.bench.example/cb'],
});
const group = await services.groups.create(actor, { displayName: 'Partners' });
for (let r = 0; r < 4; r++) {
  const csv = Buffer.from(generatedCsv(2000, { prefix: `csv${r}`, appId: app.appId, groupId: group.id }));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = await services.batches.upload(actor, { fileName: 'bench.csv', content: csv, dryRun: false });
  const c = process.cpuUsage(c0);
  console.log(
    `run ${r}: ${(performance.now() - t0).toFixed(0)} ms, cpu ${((c.user + c.system) / 1000).toFixed(0)} ms`,
    JSON.stringify(result.timings),
  );
}
await gateway.close();
await db.drop();
