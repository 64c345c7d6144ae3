/**
 * npm run bench:csv — imports a 2000-row invitation file (50 partner domains, an app and a group per
 * row, each row mailed) through the batch service in process and as a multipart GraphQL request over
 * HTTP, prints where the time went (parse, validate, write, and mail rendering measured alone), and
 * uploads the same kind of file into a tenant that already holds BENCH_GUESTS (100k) guests. The
 * baselines, in the same run, are the same invitations as a plain loop of single inviteUser calls, the
 * issue's time budgets, and the upload into the empty tenant. On SQLite and (with TEST_DATABASE_URL)
 * PostgreSQL. Emails are only queued: sending is the outbox worker's job, afterwards.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { invitationTemplate } from '../src/mail/invitation-message.js';
import { SecretBox } from '../src/shared/secrets.js';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.js';
import { clientCredentialsToken } from '../test/helpers/fixtures.js';
import { generatedCsv, uploadCsv } from '../test/helpers/upload.js';
import { atMost, below } from './goals.js';
import { startBenchGateway } from './gateway.js';
import { type BenchLine, onEachDatabase, printTable } from './report.js';
import { seedInvitations } from './seed.js';
import { adminTenant } from './tenant.js';

export { type BenchLine, printTable } from './report.js';

const ROWS = 2000;
const GUESTS = Number(process.env.BENCH_GUESTS ?? 100_000);
const BUDGET = { sqlite: { inProcess: 250, http: 500 }, postgres: { inProcess: 600, http: 900 } } as const;

/**
 * Rendering and sealing the 2000 mails alone, as queueInvitationMessages does before its INSERT: the
 * upload's one template, sealed once, and each guest's name and link sealed on their own.
 */
function mailRenderingMs(): number {
  const box = new SecretBox('bench-secret-bench-secret-bench-secret-0');
  const tenant = { name: 'Bench', privacyUrl: null, contactUrl: null, logoUrl: null, brandColor: null };
  const t0 = performance.now();
  const sealed = new Set<string>();
  for (let i = 0; i < ROWS; i++) {
    const invitation = {
      displayName: `Partner User ${i}`,
      inviterDisplayName: 'bench admin',
      invitationText: null,
      language: 'en',
      expiresAt: new Date(t0),
    };
    const redeemUrl = `http://127.0.0.1/redeem/${'x'.repeat(36)}?ticket=${'y'.repeat(43)}`;
    const shared = invitationTemplate({ tenant, invitation })!;
    if (!sealed.has(shared.key)) {
      box.seal(JSON.stringify({ text: shared.template.text, html: shared.template.html }));
      sealed.add(shared.key);
    }
    box.seal(JSON.stringify({ name: invitation.displayName, redeemUrl }));
  }
  return performance.now() - t0;
}

async function measure(kind: DatabaseKind): Promise<BenchLine[]> {
  const db = await createTestDatabase(kind);
  // The benchmark measures writing, not the per-tenant mail budget.
  const { gateway, config } = await startBenchGateway(db, { INVITATION_MAIL_PER_HOUR: '1000000' });
  try {
    const { services } = gateway;
    /** A tenant with an admin app (token for HTTP), an app and a group to grant. */
    const setUp = async (name: string) => {
      const { tenant, admin, clientSecret, actor } = await adminTenant(gateway, name, `${name.toLowerCase()}-${kind}.example`);
      const { application: app } = await services.apps.createAsOperator(tenant.id, {
        displayName: 'Portal',
        replyUrls: ['https://portal.bench.example/cb'],
      });
      const group = await services.groups.create(actor, { displayName: 'Partners' });
      const csv = (prefix: string, rows = ROWS) => Buffer.from(generatedCsv(rows, { prefix, appId: app.appId, groupId: group.id }));
      const upload = async (prefix: string, rows = ROWS) => {
        const t0 = performance.now();
        const result = await services.batches.upload(actor, { fileName: `${prefix}.csv`, content: csv(prefix, rows), dryRun: false });
        if (result.batch.createdCount !== rows) throw new Error(`expected ${rows} created, got ${JSON.stringify(result.batch)}`);
        return { ms: performance.now() - t0, timings: result.timings! };
      };
      return { tenant, admin, clientSecret, actor, app, group, csv, upload };
    };
    const empty = await setUp('Bench');
    await empty.upload('warm', 50); // JIT, prepared statements

    // The faster of two uploads: one slow run on a shared machine says little.
    const runs = [await empty.upload('csv-a'), await empty.upload('csv-b')];
    const inProcess = runs[0]!.ms <= runs[1]!.ms ? runs[0]! : runs[1]!;

    const token = await clientCredentialsToken(
      { baseUrl: config.publicUrl } as never,
      empty.tenant.id,
      empty.admin.appId,
      empty.clientSecret,
    );
    await uploadCsv({ baseUrl: config.publicUrl } as never, token, 'warm-http.csv', empty.csv('warmhttp', 50));
    const h0 = performance.now();
    const overHttp = await uploadCsv({ baseUrl: config.publicUrl } as never, token, 'http.csv', empty.csv('http'));
    const httpMs = performance.now() - h0;
    if (overHttp.batch?.createdCount !== ROWS) throw new Error(`HTTP upload: ${JSON.stringify(overHttp).slice(0, 300)}`);

    const rendering = mailRenderingMs();

    const t1 = performance.now();
    for (let i = 0; i < ROWS; i++) {
      await services.invitations.invite(empty.actor, {
        email: `loop${i}@partner${i % 50}.example`,
        displayName: `Partner User ${i}`,
        applicationIds: [empty.app.id],
        groupIds: [empty.group.id],
        language: 'en',
      });
    }
    const loopMs = performance.now() - t1;

    const big = await setUp('Big');
    const s0 = performance.now();
    await seedInvitations(gateway, big.tenant.id, big.admin.id, GUESTS);
    console.error(`seeded ${GUESTS} guests on ${kind} in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
    await big.upload('warm', 50);
    const bigRuns = [await big.upload('csv-a'), await big.upload('csv-b')];
    const intoBig = bigRuns[0]!.ms <= bigRuns[1]!.ms ? bigRuns[0]! : bigRuns[1]!;

    const budget = BUDGET[kind];
    const name = `csv-import ${ROWS} rows, ${kind}`;
    const phase = (label: string, ms: number): BenchLine => ({
      name: `${name}: of which ${label}`,
      project: ms,
      baseline: inProcess.ms,
      unit: 'ms',
    });
    return [
      { name: `${name}: in process vs a loop of single invites`, project: inProcess.ms, baseline: loopMs, unit: 'ms', goal: atMost(0.05) },
      {
        name: `${name}: in process vs its budget`,
        project: inProcess.ms,
        baseline: budget.inProcess,
        unit: 'ms',
        goal: below(budget.inProcess, 'ms'),
      },
      phase('parse', inProcess.timings.parse),
      phase('validate (reads included)', inProcess.timings.validate),
      phase('write (grants, audit, mails)', inProcess.timings.write),
      phase('mail rendering and sealing (measured alone)', rendering),
      { name: `${name}: multipart HTTP vs its budget`, project: httpMs, baseline: budget.http, unit: 'ms', goal: below(budget.http, 'ms') },
      {
        name: `${name}: into a tenant of ${GUESTS} guests vs an empty one`,
        project: intoBig.ms,
        baseline: inProcess.ms,
        unit: 'ms',
        goal: atMost(1.2),
      },
    ];
  } finally {
    await gateway.close();
    await db.drop();
  }
}

export async function runCsvBench(): Promise<BenchLine[]> {
  return onEachDatabase(measure);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(
    'bench/csv-import',
    await runCsvBench(),
    'see each line: the loop of single invites, the budget, or the upload into an empty tenant; same run',
  );
}
