/**
 * npm run bench:csv — imports a 2000-row invitation file (50 partner domains, an app and a group
 * per row) through the batch service, and as the baseline performs the same invitations with a
 * plain loop of single inviteUser calls, in the same run, on SQLite and (with TEST_DATABASE_URL)
 * on PostgreSQL. Emails are only queued: sending is the outbox worker's job, afterwards.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { createGateway } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { DirectoryRole } from '../src/directory/role-assignment.entity.js';
import { createLogger } from '../src/logging/logger.js';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.js';
import { generatedCsv } from '../test/helpers/upload.js';
import type { Goal } from './goals.js';

const ROWS = 2000;

export interface BenchLine {
  name: string;
  project: number;
  baseline: number;
  unit: string;
  /** The goal for this figure, printed beside it with whether this run met it. */
  goal?: Goal;
}

async function measure(kind: DatabaseKind): Promise<BenchLine[]> {
  const db = await createTestDatabase(kind);
  const config = loadConfig({
    PORT: '0',
    GATEWAY_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    OUTBOX_WORKER: 'false',
    LOG_LEVEL: 'silent',
    // The benchmark measures writing, not the per-tenant mail budget.
    INVITATION_MAIL_PER_HOUR: '1000000',
    ...(db.database.kind === 'postgres' ? { DATABASE_URL: db.database.url } : { SQLITE_PATH: db.database.path }),
  });
  const gateway = await createGateway(config, createLogger('silent'));
  try {
    const { services } = gateway;
    const tenant = await services.tenants.create({ name: 'Bench', domains: [`bench-${kind}.example`] });
    const { application: admin } = await services.apps.createAsOperator(tenant.id, { displayName: 'bench admin' }, [
      DirectoryRole.GlobalAdministrator,
    ]);
    const actor = {
      tenantId: tenant.id,
      kind: 'application' as never,
      id: admin.id,
      displayName: admin.displayName,
      roles: [DirectoryRole.GlobalAdministrator],
      scopes: null,
    };
    const { application: app } = await services.apps.createAsOperator(tenant.id, {
      displayName: 'Portal',
      replyUrls: ['https://portal.bench.example/cb'],
    });
    const group = await services.groups.create(actor, { displayName: 'Partners' });

    // Warm-up (JIT, prepared statements) on a small file.
    await services.batches.upload(actor, {
      fileName: 'warm.csv',
      content: Buffer.from(generatedCsv(50, { prefix: 'warm', appId: app.appId, groupId: group.id })),
      dryRun: false,
    });

    const csv = Buffer.from(generatedCsv(ROWS, { prefix: 'csv', appId: app.appId, groupId: group.id }));
    const t0 = performance.now();
    const result = await services.batches.upload(actor, { fileName: 'bench.csv', content: csv, dryRun: false });
    const batchMs = performance.now() - t0;
    if (result.batch.createdCount !== ROWS) throw new Error(`expected ${ROWS} created, got ${JSON.stringify(result.batch)}`);

    const t1 = performance.now();
    for (let i = 0; i < ROWS; i++) {
      await services.invitations.invite(actor, {
        email: `loop${i}@partner${i % 50}.example`,
        displayName: `Partner User ${i}`,
        applicationIds: [app.id],
        groupIds: [group.id],
        language: 'en',
      });
    }
    const loopMs = performance.now() - t1;
    return [
      { name: `csv-import ${ROWS} rows, ${kind}: total ms`, project: batchMs, baseline: loopMs, unit: 'ms' },
      {
        name: `csv-import ${ROWS} rows, ${kind}: rows/s`,
        project: (ROWS / batchMs) * 1000,
        baseline: (ROWS / loopMs) * 1000,
        unit: 'rows/s',
      },
    ];
  } finally {
    await gateway.close();
    await db.drop();
  }
}

export async function runCsvBench(): Promise<BenchLine[]> {
  const kinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const lines: BenchLine[] = [];
  for (const kind of kinds) lines.push(...(await measure(kind)));
  return lines;
}

export function printTable(
  title: string,
  lines: BenchLine[],
  baseline = 'the same invitations as a loop of single inviteUser calls, same run',
): void {
  console.log(`\n${title}  (baseline: ${baseline})`);
  console.log('| measurement | project | baseline | ratio (project/baseline) | goal |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const l of lines) {
    const ratio = l.project / l.baseline;
    const goal = l.goal ? `${l.goal.text} ${l.goal.met(ratio, l.project) ? 'met' : 'MISSED'}` : '';
    console.log(`| ${l.name} | ${l.project.toFixed(1)} ${l.unit} | ${l.baseline.toFixed(1)} ${l.unit} | ${ratio.toFixed(3)} | ${goal} |`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable('bench/csv-import', await runCsvBench());
}
