/**
 * Profiling helper: four 2000-row uploads on SQLite (BENCH_KIND=postgres for PostgreSQL). With
 * CPU_PROFILE=file.cpuprofile, the last three (after the warm-up) are profiled alone, without start-up.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
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
const session = process.env.CPU_PROFILE ? new Session() : null;
session?.connect();
for (let r = 0; r < 4; r++) {
  if (r === 1 && session) {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
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
if (session) {
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(process.env.CPU_PROFILE!, JSON.stringify(profile));
}
await gateway.close();
await db.drop();
