/**
 * npm run bench:oidc — logins per second over loopback with keep-alive: client credentials, refresh
 * token and the full authorization-code + PKCE flow (a signed-in browser session: authorize →
 * interaction → resume → code → token). The baseline, in the same run, is a bare oidc-provider of
 * the same version with an in-memory adapter and a no-op login, timed in slices alternating with the
 * gateway's (bench/slices.ts). Concurrency 8, BENCH_SECONDS (3) per grant and side. Client credentials
 * are also timed against a bare provider issuing an RS256 JWT access token, as the gateway does: not the
 * issue's baseline, but it tells the token format's share of the gap from the gateway's own.
 */
import 'reflect-metadata';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.js';
import { grantsOf, grantTarget, STATEMENT_BUDGETS } from '../test/helpers/oidc-grants.js';
import { StatementCounter } from '../test/helpers/statement-counter.js';
import { WebClient } from '../test/helpers/web-client.js';
import { startBenchGateway } from './gateway.js';
import { bareTarget, type Grant, type Target } from './oidc-target.js';
import { storedAdapter } from './oidc-bare-store.js';
import { atLeast, type Goal } from './goals.js';
import { type BenchLine, onEachDatabase, printTable } from './report.js';
import { alternate, rateOf, side } from './slices.js';

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 3) * 1000;
const CONCURRENCY = 8;

/** Slices each grant's measurement alternates between the gateway and the bare provider (bench/slices.ts). */
const SLICES = 6;

type Timed = Record<'clientCredentials' | 'refresh' | 'codeFlow', (worker: number) => Promise<void>>;

/** A target's three grants, ready to time: browsers signed in, one refresh-token family per worker. */
async function prepare(target: Target): Promise<Timed> {
  const grants = await grantsOf(target);
  // One after another: sign-ins from one IP are refused beyond 2 password hashes in flight.
  const webs: WebClient[] = [];
  for (let i = 0; i <= CONCURRENCY; i++) {
    const web = new WebClient();
    await target.signIn(web);
    webs.push(web);
  }
  // One browser per worker while timed: a browser in two flows at once loses one flow's resume cookie
  // (WebClient keeps one cookie per name, whatever its path), which crashed runs with
  // "authorization request has expired".
  let next = 0;
  const codeFlow = (worker?: number) => grants.codeFlow(webs[worker ?? next++ % webs.length]!);
  // One refresh-token family per worker: rotation makes a replayed token revoke its family.
  const tokens: string[] = [];
  for (let i = 0; i < CONCURRENCY; i++) tokens.push((await codeFlow()).refresh_token!);
  return {
    clientCredentials: async () => {
      await grants.clientCredentials();
    },
    refresh: async (worker) => {
      tokens[worker] = (await grants.refresh(tokens[worker]!)).refresh_token!;
    },
    codeFlow: async (worker) => {
      await codeFlow(worker);
    },
  };
}

/**
 * Each grant's rate on the gateway and on the bare provider, measured in alternating slices; client
 * credentials also on a bare provider issuing the gateway's kind of access token (`jwtBaseline`).
 */
async function measurePair(project: Target, baseline: Target, floor: Target, jwtBaseline: Target) {
  const [p, b, f] = [await prepare(project), await prepare(baseline), await prepare(floor)];
  const jwt = await grantsOf(jwtBaseline);
  const perGrant = () => ({}) as Record<keyof Timed, number>;
  const rates = { project: perGrant(), baseline: perGrant(), floor: perGrant(), jwtClientCredentials: 0 };
  for (const grant of ['clientCredentials', 'refresh', 'codeFlow'] as const) {
    const sides = [side(p[grant]), side(b[grant]), side(f[grant])];
    if (grant === 'clientCredentials') sides.push(side(async () => void (await jwt.clientCredentials())));
    await alternate(sides, { totalMs: DURATION_MS, slices: SLICES, concurrency: CONCURRENCY, warmUp: 20 });
    rates.project[grant] = rateOf(sides[0]!);
    rates.baseline[grant] = rateOf(sides[1]!);
    rates.floor[grant] = rateOf(sides[2]!);
    if (sides[3]) rates.jwtClientCredentials = rateOf(sides[3]);
  }
  return rates;
}

async function gatewayTarget(kind: DatabaseKind): Promise<Target> {
  const db = await createTestDatabase(kind);
  const { gateway } = await startBenchGateway(db);
  const target = await grantTarget(gateway);
  return {
    ...target,
    // Counted after the timed runs, one request each: the counting logger is never on while timing.
    statements: async () => {
      const counter = new StatementCounter(gateway.db);
      const grants = await grantsOf(target);
      const web = new WebClient();
      await target.signIn(web);
      let refreshToken = (await grants.codeFlow(web)).refresh_token!;
      return {
        client_credentials: (await counter.record(() => grants.clientCredentials())).length,
        refresh_token: (
          await counter.record(async () => {
            refreshToken = (await grants.refresh(refreshToken)).refresh_token!;
          })
        ).length,
        code_flow: (await counter.record(() => grants.codeFlow(web))).length,
      };
    },
    close: async () => {
      await gateway.close();
      await db.drop();
    },
  };
}

/** The goals (same-run ratios to the bare provider), per database. */
const GOALS: Record<DatabaseKind, Record<Grant, Goal>> = {
  sqlite: { client_credentials: atLeast(0.8), refresh_token: atLeast(0.65), code_flow: atLeast(0.6) },
  postgres: { client_credentials: atLeast(0.6), refresh_token: atLeast(0.6), code_flow: atLeast(0.6) },
};

export async function runOidcBench(): Promise<BenchLine[]> {
  return onEachDatabase(async (kind) => {
    const bare = await bareTarget();
    const bareJwt = await bareTarget({ jwtClientCredentials: true });
    const store = await storedAdapter(kind);
    const stored = await bareTarget({ adapter: store.Adapter });
    const target = await gatewayTarget(kind);
    const { project, baseline, floor, jwtClientCredentials } = await measurePair(target, bare, stored, bareJwt);
    for (const t of [bare, bareJwt, stored]) await t.close();
    await store.close();
    const counts = await target.statements!();
    await target.close();
    // The statement count of one request beside each rate, with its budget (oidc-statement-budget test).
    const sql = (grant: Grant) => `${counts[grant]} SQL statements, budget ${STATEMENT_BUDGETS[grant][kind]}`;
    // Not the baseline either: the same bare provider storing its artefacts in this database
    // through a plain adapter (bench/oidc-bare-store.ts), against the in-memory one: what durable
    // storage alone costs here, whoever writes it.
    const floorLine = (grant: keyof Timed, label: string, unit: string): BenchLine => ({
      name: `oidc ${label}, ${kind}: the bare provider storing its artefacts in ${kind} (a plain adapter), against the in-memory one`,
      project: floor[grant],
      baseline: baseline[grant],
      unit,
    });
    return [
      {
        name: `oidc client_credentials, ${kind} (${sql('client_credentials')})`,
        project: project.clientCredentials,
        baseline: baseline.clientCredentials,
        unit: 'req/s',
        goal: GOALS[kind].client_credentials,
      },
      {
        // Not the baseline (that is the opaque one above): shows how much of the gap is the
        // RS256 JWT the gateway must issue, which the bare provider's opaque token skips.
        name: `oidc client_credentials, ${kind}, against the bare provider issuing the same kind of JWT access token`,
        project: project.clientCredentials,
        baseline: jwtClientCredentials,
        unit: 'req/s',
      },
      {
        name: `oidc refresh_token, ${kind} (${sql('refresh_token')})`,
        project: project.refresh,
        baseline: baseline.refresh,
        unit: 'req/s',
        goal: GOALS[kind].refresh_token,
      },
      {
        name: `oidc code flow + PKCE login, ${kind} (${sql('code_flow')})`,
        project: project.codeFlow,
        baseline: baseline.codeFlow,
        unit: 'logins/s',
        goal: GOALS[kind].code_flow,
      },
      floorLine('clientCredentials', 'client_credentials', 'req/s'),
      floorLine('refresh', 'refresh_token', 'req/s'),
      floorLine('codeFlow', 'code flow + PKCE login', 'logins/s'),
    ];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(
    'bench/oidc',
    await runOidcBench(),
    "a bare oidc-provider 9 with its in-memory adapter, same run, measured in slices alternating with the gateway's",
  );
}
