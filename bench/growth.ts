/**
 * npm run bench:growth — how each figure moves as one tenant grows (issue 16, "Growth"). The tenant is
 * seeded in steps (bench/seed.ts; seeding time is printed apart, it is not a figure) and at each step:
 * - CSV (at 1k, 10k, 100k invitations and their guests): a 2000-row upload in process through the batch
 *   service, as bench/csv-import.ts does, the faster of two; against the 1k figure (goal ≤ 1.2×);
 * - listings (at 10k, 100k, 1M): bench/growth-load.ts's `invitations(first: 50)` with its guest and
 *   delivery, first page and a deep cursor, and `partners(first: 50)`; p50 and p99 over loopback HTTP,
 *   against the 10k figure.
 * A ratio above 1.5× prints where the time went at the largest size (bench/growth-explain.ts).
 * GROWTH_MAX caps the largest size (e.g. 10000 for a quick run). On SQLite and, with
 * TEST_DATABASE_URL, PostgreSQL.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { Gateway } from '../src/app.js';
import { DirectoryRole } from '../src/directory/role-assignment.entity.js';
import { Invitation } from '../src/invitations/invitation.entity.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '../test/helpers/databases.js';
import { clientCredentialsToken } from '../test/helpers/fixtures.js';
import { generatedCsv } from '../test/helpers/upload.js';
import { startBenchGateway } from './gateway.js';
import { atMost } from './goals.js';
import { explainGrowth } from './growth-explain.js';
import { type Endpoint, listings, measureListings, send } from './growth-load.js';
import { type BenchLine, printTable } from './report.js';
import { seedInvitations } from './seed.js';

const MAX = Number(process.env.GROWTH_MAX ?? 1_000_000);
const CSV_SIZES = [1_000, 10_000, 100_000].filter((n) => n <= MAX);
const LIST_SIZES = [10_000, 100_000, 1_000_000].filter((n) => n <= MAX);
const ROWS = 2000;
/** Above this ratio to the smallest size a figure is not flat, and the bench prints why. */
const NOT_FLAT = 1.5;

/** figure → size → value (ms). */
type Figures = Map<string, Map<number, number>>;

function put(figures: Figures, figure: string, size: number, ms: number): void {
  if (!figures.has(figure)) figures.set(figure, new Map());
  figures.get(figure)!.set(size, ms);
}

/** The tenant that grows: an admin app (for tokens and as inviter), an app and a group each CSV row is granted. */
async function setUp(gateway: Gateway, kind: DatabaseKind) {
  const { services } = gateway;
  const tenant = await services.tenants.create({ name: 'Growth', domains: [`growth-${kind}.example`] });
  const { application: admin, clientSecret } = await services.apps.createAsOperator(tenant.id, { displayName: 'bench admin' }, [
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
  const { application: app } = await services.apps.createAsOperator(tenant.id, { displayName: 'Portal', replyUrls: ['https://portal.growth.example/cb'] });
  const group = await services.groups.create(actor, { displayName: 'Partners' });
  /** One upload of `rows` new guests (a fresh `prefix` each time); its time in ms. */
  const upload = async (prefix: string, rows = ROWS) => {
    const content = Buffer.from(generatedCsv(rows, { prefix, appId: app.appId, groupId: group.id }));
    const t0 = performance.now();
    const result = await services.batches.upload(actor, { fileName: `${prefix}.csv`, content, dryRun: false });
    if (result.batch.createdCount !== rows) throw new Error(`expected ${rows} created, got ${JSON.stringify(result.batch)}`);
    return performance.now() - t0;
  };
  return { tenant, admin, clientSecret, upload };
}

async function measure(kind: DatabaseKind): Promise<BenchLine[]> {
  const db = await createTestDatabase(kind);
  // The benchmark measures writing, not the per-tenant mail budget.
  const { gateway, config } = await startBenchGateway(db, { INVITATION_MAIL_PER_HOUR: '1000000' });
  try {
    const bench = await setUp(gateway, kind);
    const token = await clientCredentialsToken({ baseUrl: config.publicUrl } as never, bench.tenant.id, bench.admin.appId, bench.clientSecret);
    const endpoint: Endpoint = { url: `${config.publicUrl}/graphql`, headers: { authorization: `Bearer ${token}` } };
    const figures: Figures = new Map();
    const sizes = [...new Set([...CSV_SIZES, ...LIST_SIZES])].sort((a, b) => a - b);
    let seeded = 0;
    for (const size of sizes) {
      // Top the tenant up to `size` invitations (earlier uploads count).
      const count = await gateway.db.manager.countBy(Invitation, { tenantId: bench.tenant.id });
      const s0 = performance.now();
      await seedInvitations(gateway, bench.tenant.id, bench.admin.id, size - count, seeded);
      seeded += size - count;
      console.error(`growth ${kind}: seeded ${size - count} to reach ${size} invitations in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
      if (LIST_SIZES.includes(size)) {
        const all = await listings(gateway, bench.tenant.id, size);
        const measured = await measureListings(endpoint, all);
        for (const [n, listing] of all.entries()) {
          const latency = measured[n]!;
          put(figures, `${listing.name}: p50`, size, latency.p50);
          put(figures, `${listing.name}: p99`, size, latency.p99);
          console.error(`growth ${kind} ${size}: ${listing.name}: p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`);
        }
      }
      if (CSV_SIZES.includes(size)) {
        await bench.upload(`warm${size}x`, 50); // JIT, prepared statements
        const ms = Math.min(await bench.upload(`g${size}a`), await bench.upload(`g${size}b`));
        put(figures, `CSV ${ROWS} rows in process`, size, ms);
        console.error(`growth ${kind} ${size}: CSV ${ROWS} rows in ${ms.toFixed(0)} ms`);
      }
    }
    printGrowth(kind, figures);
    await explainNotFlat(gateway, db, figures, bench.tenant.id, bench.upload, endpoint);
    return [...figures].map(([figure, bySize]) => {
      const [smallest, largest] = [Math.min(...bySize.keys()), Math.max(...bySize.keys())];
      return {
        name: `growth ${figure}, ${kind}: at ${largest} vs at ${smallest}`,
        project: bySize.get(largest)!,
        baseline: bySize.get(smallest)!,
        unit: 'ms',
        goal: figure.startsWith('CSV') ? atMost(1.2) : undefined,
      };
    });
  } finally {
    await gateway.close();
    await db.drop();
  }
}

const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

/** The README's table: figure, one column per size, the ratio largest/smallest, and whether it stays flat. */
function printGrowth(kind: DatabaseKind, figures: Figures): void {
  console.log(`\nGrowth, ${kind} (ms; CSV at 1k/10k/100k invitations, listings at 10k/100k/1M)`);
  console.log('| figure | 1k/10k | 100k | 1M | ratio largest/smallest | flat? |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const [figure, bySize] of figures) {
    const sizes = [...bySize.keys()].sort((a, b) => a - b);
    const cells = [sizes[0]!, sizes[0]! === 1000 ? 10_000 : 100_000, sizes[0]! === 1000 ? 100_000 : 1_000_000].map((n, i) => {
      const v = bySize.get(n);
      return v === undefined ? '—' : `${v.toFixed(1)}${i === 0 || (i === 1 && sizes[0] === 1000) ? ` (${label(n)})` : ''}`;
    });
    const ratio = bySize.get(sizes.at(-1)!)! / bySize.get(sizes[0]!)!;
    const flat = ratio <= NOT_FLAT ? 'yes' : 'NO, see below';
    console.log(`| ${figure} | ${cells.join(' | ')} | ${ratio.toFixed(2)}× (${label(sizes.at(-1)!)}/${label(sizes[0]!)}) | ${flat} |`);
  }
}

/** For each figure above NOT_FLAT, one more run at the current (largest) size with its statements explained. */
async function explainNotFlat(
  gateway: Gateway,
  db: TestDatabase,
  figures: Figures,
  tenantId: string,
  upload: (prefix: string) => Promise<number>,
  endpoint: Endpoint,
): Promise<void> {
  const count = await gateway.db.manager.countBy(Invitation, { tenantId });
  const byName = new Map((await listings(gateway, tenantId, count)).map((l) => [l.name, l]));
  const explained = new Set<string>();
  for (const [figure, bySize] of figures) {
    const sizes = [...bySize.keys()].sort((a, b) => a - b);
    if (bySize.get(sizes.at(-1)!)! / bySize.get(sizes[0]!)! <= NOT_FLAT) continue;
    const base = figure.replace(/: p(50|99)$/, '');
    if (explained.has(base)) continue;
    explained.add(base);
    const listing = byName.get(base);
    await explainGrowth(gateway, db, `${figure} at ${label(count)} invitations`, async () => {
      if (listing) await send(endpoint, listing);
      else await upload(`explain${explained.size}`);
    });
  }
}

export async function runGrowthBench(): Promise<BenchLine[]> {
  const kinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const lines: BenchLine[] = [];
  for (const kind of kinds) lines.push(...(await measure(kind)));
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable('bench/growth', await runGrowthBench(), 'the same figure in the same tenant at its smallest size, same run');
}
