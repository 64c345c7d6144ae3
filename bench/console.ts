/**
 * npm run bench:console — the admin console at scale (issue 14). One gateway on SQLite with two
 * tenants: one with 100,000 invitations (and their guests), the baseline one with 1,000, both seeded
 * in the same run. Through the console's own backend (/admin/<tenant>/graphql, a signed-in console
 * session) it times the console's exact operations — ConsoleOverview and ConsoleInvitations (first
 * page, a page 200 pages in by following cursors, status and email filters) — and, in Chromium, the
 * time from navigationStart to the overview's cards being rendered. Median and p95 of several runs.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { print } from 'graphql';
import type { Gateway } from '../src/app.js';
import { ConsoleInvitationsDocument, ConsoleOverviewDocument } from '../src/console/gql/graphql.js';
import { DirectoryRole } from '../src/directory/role-assignment.entity.js';
import { AuditAction } from '../src/shared/audit-actions.js';
import { ConsoleBrowser, CONSOLE_HEADERS } from '../test/helpers/console.js';
import { createTestDatabase } from '../test/helpers/databases.js';
import { overviewInChromium, PASSWORD, REPS, type Side, type Stats, stats } from './console-browser.js';
import { startBenchGateway } from './gateway.js';
import { type BenchLine, printTable } from './report.js';
import { adminTenant } from './tenant.js';
import { seedInvitations } from './seed.js';

const BIG = Number(process.env.BENCH_INVITATIONS ?? 100_000);
const SMALL = 1000;
const DEEP_PAGES = 200;
const OVERVIEW = print(ConsoleOverviewDocument);
const INVITATIONS = print(ConsoleInvitationsDocument);
// What the console sends for an administrator who may read everything (Overview.tsx, Invitations.tsx).
const OVERVIEW_VARIABLES = {
  invitations: true,
  outbox: true,
  directory: true,
  audit: true,
  signIns: true,
  recent: 5,
  redeemed: [AuditAction.RedeemExternalUserInvite],
};
const PAGE = 25;

type Invitations = { invitations: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

/** A signed-in console session posting the console's operations, as its script does. */
class ConsoleCaller {
  private readonly browser: ConsoleBrowser;

  constructor(
    private readonly baseUrl: string,
    private readonly side: Side,
  ) {
    this.browser = new ConsoleBrowser({ baseUrl } as never);
  }

  async signIn(): Promise<void> {
    await this.browser.signIn(`/admin/${this.side.tenantId}/`, this.side.email, PASSWORD);
    await this.call(OVERVIEW, OVERVIEW_VARIABLES);
  }

  async call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${this.baseUrl}/admin/${this.side.tenantId}/graphql`, {
      method: 'POST',
      headers: { ...CONSOLE_HEADERS, cookie: this.browser.cookie },
      body: JSON.stringify({ query, variables }),
    });
    const json = (await response.json()) as { data?: T; errors?: unknown };
    if (!json.data || json.errors) throw new Error(`console call failed: ${JSON.stringify(json).slice(0, 400)}`);
    return json.data;
  }

  async time(query: string, variables: Record<string, unknown>): Promise<Stats> {
    for (let i = 0; i < 3; i++) await this.call(query, variables); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < REPS; i++) {
      const t0 = performance.now();
      await this.call(query, variables);
      samples.push(performance.now() - t0);
    }
    return stats(samples);
  }

  /** The cursor of the page `DEEP_PAGES` in, reached as a person paging would (or the last page of a small tenant). */
  async deepCursor(): Promise<{ after: string; pages: number }> {
    let after: string | null = null;
    let pages = 0;
    while (pages < DEEP_PAGES) {
      const data: Invitations = await this.call<Invitations>(INVITATIONS, { first: PAGE, after, filter: {} });
      if (!data.invitations.pageInfo.hasNextPage) break;
      after = data.invitations.pageInfo.endCursor;
      pages++;
    }
    return { after: after!, pages };
  }
}

async function serverSide(baseUrl: string, side: Side) {
  const caller = new ConsoleCaller(baseUrl, side);
  await caller.signIn();
  const deep = await caller.deepCursor();
  const list = (filter: Record<string, string>, after: string | null = null) => caller.time(INVITATIONS, { first: PAGE, after, filter });
  return {
    overview: await caller.time(OVERVIEW, OVERVIEW_VARIABLES),
    'invitations first page': await list({}),
    [`invitations page ${DEEP_PAGES} (cursors followed)`]: await list({}, deep.after),
    'invitations status PendingAcceptance': await list({ status: 'PendingAcceptance' }),
    'invitations status Accepted': await list({ status: 'Accepted' }),
    'invitations email (exact)': await list({ email: 'guest500@partner0.example' }),
    deepPages: deep.pages,
  };
}

/**
 * A tenant with an administrator (password, no second factor: the bench measures the console) and
 * `rows` invitations. Set up through the services, not HTTP: a keep-alive socket left idle while the
 * seeding blocks the event loop was reset under the next request.
 */
async function tenantWith(gateway: Gateway, name: string, rows: number): Promise<Side> {
  const { services } = gateway;
  const domain = `${name.toLowerCase()}.example`;
  const { tenant, admin: application, actor } = await adminTenant(gateway, name, domain);
  await services.policies.update(actor, { mfaForAdmins: false });
  const email = `admin@${domain}`;
  const admin = await services.users.createMember(tenant.id, {
    displayName: 'Admin',
    mail: email,
    roles: [DirectoryRole.GlobalAdministrator],
  });
  await services.accounts.setPassword(admin.id, PASSWORD);
  const t0 = performance.now();
  await seedInvitations(gateway, tenant.id, application.id, rows);
  console.error(`seeded ${rows} invitations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { tenantId: tenant.id, email, rows };
}

export async function runConsoleBench(): Promise<BenchLine[]> {
  const db = await createTestDatabase('sqlite');
  const { gateway, config } = await startBenchGateway(db);
  const lines: BenchLine[] = [];
  try {
    const big = await tenantWith(gateway, 'Big', BIG);
    const small = await tenantWith(gateway, 'Small', SMALL);
    const project = await serverSide(config.publicUrl, big);
    const baseline = await serverSide(config.publicUrl, small);
    for (const key of Object.keys(project) as (keyof typeof project)[]) {
      const p = project[key];
      const b = baseline[key];
      if (typeof p === 'number' || typeof b === 'number') continue;
      const name = key.startsWith('invitations page') ? `${key} (1k: page ${baseline.deepPages}, its last)` : key;
      lines.push(
        { name: `console ${name}, BFF: median`, project: p.median, baseline: b.median, unit: 'ms' },
        { name: `console ${name}, BFF: p95`, project: p.p95, baseline: b.p95, unit: 'ms' },
      );
    }
    lines.push(...(await overviewInChromium(config.publicUrl, big, small)));
    return lines;
  } finally {
    await gateway.close();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(
    'bench/console',
    await runConsoleBench(),
    `the same operations on a tenant with ${SMALL} invitations, same run; project: ${BIG}`,
  );
}
