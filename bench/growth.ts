/**
 * npm run bench:growth — how each figure moves as one tenant grows (issue 16, "Growth"). The tenant is
 * seeded in steps (bench/seed.ts; seeding time is printed apart, it is not a figure) and at each step:
 * - CSV (at 1k, 10k, 100k invitations and their guests): a 2000-row upload in process through the batch
 *   service, as bench/csv-import.ts does, the faster of two; against the 1k figure (goal ≤ 1.2×);
 * - listings (at 10k, 100k, 1M): bench/growth-load.ts's `invitations(first: 50)` with its guest and
 *   delivery, first page and a deep cursor, and `partners(first: 50)`; p50 and p99 over loopback HTTP,
 *   against the 10k figure; and at the same sizes the expired-guest sweep every process runs each minute;
 * A ratio above 1.5× prints where the time went at the largest size (bench/growth-explain.ts).
 * GROWTH_MAX caps the largest size (e.g. 10000 for a quick run). On SQLite and, with
 * TEST_DATABASE_URL, PostgreSQL.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { Gateway } from '../src/app.js';
import { Invitation } from '../src/invitations/invitation.entity.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '../test/helpers/databases.js';
import { startBenchGateway } from './gateway.js';
import { atMost } from './goals.js';
import { explainGrowth } from './growth-explain.js';
import { type Endpoint, listings, measureListings, send } from './growth-load.js';
import { benchTenant, CSV_ROWS } from './growth-tenant.js';
import { type BenchLine, onEachDatabase, printTable } from './report.js';

const MAX = Number(process.env.GROWTH_MAX ?? 1_000_000);
const CSV_SIZES = [1_000, 10_000, 100_000].filter((n) => n <= MAX);
const LIST_SIZES = [10_000, 100_000, 1_000_000].filter((n) => n <= MAX);
/** Above this ratio to the smallest size a figure is not flat, and the bench prints why. */
const NOT_FLAT = 1.5;
const CSV = `CSV ${CSV_ROWS} rows in process`;
const SWEEP = 'expired-guest sweep (every 60 s, src/app.ts)';

/** One figure at one size: this tenant's ms and, measured at the same moment, the reference's. */
interface Point {
  ms: number;
  ref?: number;
}
/** figure → size → point. */
type Figures = Map<string, Map<number, Point>>;

function put(figures: Figures, figure: string, size: number, point: Point): void {
  if (!figures.has(figure)) figures.set(figure, new Map());
  figures.get(figure)!.set(size, point);
}

/**
 * The largest size against its reference at the same moment (CSV: an empty tenant; listings: a tenant
 * of the smallest size), so the shared machine's noise falls on both; the sweep (no reference) against its smallest size.
 */
function growth(bySize: Map<number, Point>): { smallest: number; largest: number; ratio: number } {
  const sizes = [...bySize.keys()].sort((a, b) => a - b);
  const [smallest, largest] = [sizes[0]!, sizes.at(-1)!];
  const last = bySize.get(largest)!;
  return { smallest, largest, ratio: last.ms / (last.ref ?? bySize.get(smallest)!.ms) };
}

async function measure(kind: DatabaseKind): Promise<BenchLine[]> {
  const db = await createTestDatabase(kind);
  // The benchmark measures writing, not the per-tenant mail budget.
  const { gateway, config } = await startBenchGateway(db, { INVITATION_MAIL_PER_HOUR: '1000000' });
  try {
    const big = await benchTenant(gateway, config, `Growth-${kind}`);
    // Listings' reference: a tenant that stays at the smallest size, measured in slices alternating with the big one.
    const ref = await benchTenant(gateway, config, `Reference-${kind}`);
    if (LIST_SIZES.length) console.error(`growth ${kind}: reference tenant seeded in ${(await ref.growTo(LIST_SIZES[0]!)).toFixed(1)} s`);
    const figures: Figures = new Map();
    for (const size of [...new Set([...CSV_SIZES, ...LIST_SIZES])].sort((a, b) => a - b)) {
      console.error(`growth ${kind}: seeded up to ${size} invitations in ${(await big.growTo(size)).toFixed(1)} s`);
      if (LIST_SIZES.includes(size)) {
        const [mine, theirs] = [await listings(gateway, big.tenantId, size), await listings(gateway, ref.tenantId, LIST_SIZES[0]!)];
        const pairs = mine.flatMap((listing, n) => [
          { endpoint: big.endpoint, listing },
          { endpoint: ref.endpoint, listing: theirs[n]! },
        ]);
        const measured = await measureListings(pairs);
        for (const [n, listing] of mine.entries()) {
          const [at, against] = [measured[2 * n]!, measured[2 * n + 1]!];
          put(figures, `${listing.name}: p50`, size, { ms: at.p50, ref: against.p50 });
          put(figures, `${listing.name}: p99`, size, { ms: at.p99, ref: against.p99 });
          console.error(`growth ${kind} ${size}: ${listing.name}: p50 ${at.p50.toFixed(1)} ms (ref ${against.p50.toFixed(1)})`);
        }
        // Not a request but what every process runs each minute (over all tenants); SQLite holds the event loop meanwhile.
        const e0 = performance.now();
        await gateway.services.users.disableExpiredGuests();
        put(figures, SWEEP, size, { ms: performance.now() - e0 });
      }
      if (CSV_SIZES.includes(size)) {
        // Against an empty tenant at the same moment, as the issue's goal reads; the faster of two each.
        const empty = await benchTenant(gateway, config, `Empty${size}-${kind}`);
        await empty.upload('warm', 50);
        await big.upload(`warm${size}x`, 50);
        const [e1, b1, b2, e2] = [
          await empty.upload('a'),
          await big.upload(`g${size}a`),
          await big.upload(`g${size}b`),
          await empty.upload('b'),
        ];
        put(figures, CSV, size, { ms: Math.min(b1, b2), ref: Math.min(e1, e2) });
        console.error(`growth ${kind} ${size}: ${CSV}: ${Math.min(b1, b2).toFixed(0)} ms (empty ${Math.min(e1, e2).toFixed(0)})`);
      }
    }
    printGrowth(kind, figures);
    await explainNotFlat(gateway, db, figures, big.tenantId, big.upload, big.endpoint);
    return [...figures].map(([figure, bySize]) => {
      const { smallest, largest } = growth(bySize);
      const [at, first] = [bySize.get(largest)!, bySize.get(smallest)!];
      return {
        name: `growth ${figure}, ${kind}: at ${largest} vs ${at.ref === undefined ? `at ${smallest}` : figure === CSV ? 'an empty tenant' : `a tenant of ${smallest}`}`,
        project: at.ms,
        baseline: at.ref ?? first.ms,
        unit: 'ms',
        goal: figure === CSV ? atMost(1.2) : undefined,
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
  console.log(`\nGrowth, ${kind}: ms in this tenant / in the reference at the same moment (CSV: an empty tenant; listings: a 10k one)`);
  console.log('| figure | 1k/10k | 100k | 1M | ratio largest/smallest | flat? |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const [figure, bySize] of figures) {
    const { smallest, largest, ratio } = growth(bySize);
    const cell = (n: number) => {
      const p = bySize.get(n);
      return p ? `${p.ms.toFixed(1)}${p.ref === undefined ? '' : ` / ${p.ref.toFixed(1)}`}` : '—';
    };
    // The first column holds the smallest size (CSV: 1k, and 10k beside it; listings: 10k).
    const first = smallest === 1000 ? `${cell(1000)} (1k); ${cell(10_000)} (10k)` : `${cell(smallest)} (${label(smallest)})`;
    const cells = [first, cell(100_000), cell(1_000_000)];
    const flat = ratio <= NOT_FLAT ? 'yes' : 'NO, see below';
    console.log(
      `| ${figure} | ${cells.join(' | ')} | ${ratio.toFixed(2)}× (${label(largest)}/${smallest === 1000 ? 'empty' : label(smallest)}) | ${flat} |`,
    );
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
    if (growth(bySize).ratio <= NOT_FLAT) continue;
    const base = figure.replace(/: p(50|99)$/, '');
    if (explained.has(base)) continue;
    explained.add(base);
    const listing = byName.get(base);
    await explainGrowth(gateway, db, `${figure} at ${label(count)} invitations`, async () => {
      if (listing) await send(endpoint, listing);
      else if (base === SWEEP) await gateway.services.users.disableExpiredGuests();
      else await upload(`explain${explained.size}`);
    });
  }
}

export async function runGrowthBench(): Promise<BenchLine[]> {
  return onEachDatabase(measure);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(
    'bench/growth',
    await runGrowthBench(),
    'the same figure at the same moment in an empty tenant (CSV) or one of the smallest size (listings); the sweep at the smallest size',
  );
}
