/**
 * npm run bench:oidc — logins per second over loopback with keep-alive: client credentials, refresh
 * token and the full authorization-code + PKCE flow (a signed-in browser session: authorize →
 * interaction → resume → code → token). The baseline, in the same run, is a bare oidc-provider of
 * the same version with an in-memory adapter and a no-op login, timed in slices alternating with the
 * gateway's (bench/slices.ts). Concurrency 8, BENCH_SECONDS (3) per grant and side.
 */
import 'reflect-metadata';
import express from 'express';
import { exportJWK, generateKeyPair } from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Adapter, type AdapterPayload, type Configuration } from 'oidc-provider';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.js';
import { GRANT_REDIRECT as REDIRECT, type GrantTarget, grantsOf, grantTarget, STATEMENT_BUDGETS } from '../test/helpers/oidc-grants.js';
import { StatementCounter } from '../test/helpers/statement-counter.js';
import { WebClient } from '../test/helpers/web-client.js';
import { startBenchGateway } from './gateway.js';
import { atLeast, type Goal } from './goals.js';
import { type BenchLine, onEachDatabase, printTable } from './report.js';
import { alternate, rateOf, side } from './slices.js';

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 3) * 1000;
const CONCURRENCY = 8;

type Grant = keyof typeof STATEMENT_BUDGETS;

export interface Target extends Pick<GrantTarget, 'issuer' | 'clientId' | 'clientSecret' | 'signIn'> {
  /** The SQL statements one request of each grant issues (the gateway only). */
  statements?(): Promise<Record<Grant, number>>;
  close(): Promise<void>;
}

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

/** Each grant's rate on the gateway and on the bare provider, measured in alternating slices. */
async function measurePair(project: Target, baseline: Target) {
  const [p, b] = [await prepare(project), await prepare(baseline)];
  const rates = { project: {} as Record<keyof Timed, number>, baseline: {} as Record<keyof Timed, number> };
  for (const grant of ['clientCredentials', 'refresh', 'codeFlow'] as const) {
    const sides = [side(p[grant]), side(b[grant])] as const;
    await alternate([...sides], { totalMs: DURATION_MS, slices: SLICES, concurrency: CONCURRENCY, warmUp: 20 });
    rates.project[grant] = rateOf(sides[0]);
    rates.baseline[grant] = rateOf(sides[1]);
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

/**
 * oidc-provider's bundled in-memory adapter keeps at most 1000 entries (an LRU), so a long run evicts
 * live refresh tokens; the baseline uses the same idea without the bound: plain Maps.
 */
class UnboundedMemoryAdapter implements Adapter {
  private static readonly stores = new Map<string, Map<string, AdapterPayload>>();
  private static readonly grants = new Map<string, Set<string>>();
  private readonly store: Map<string, AdapterPayload>;

  constructor(private readonly model: string) {
    this.store = UnboundedMemoryAdapter.stores.get(model) ?? new Map();
    UnboundedMemoryAdapter.stores.set(model, this.store);
  }

  private readonly byUid = new Map<string, string>();

  async upsert(id: string, payload: AdapterPayload): Promise<void> {
    this.store.set(id, payload);
    if (payload.uid) this.byUid.set(payload.uid, id);
    if (payload.grantId) {
      const ids = UnboundedMemoryAdapter.grants.get(payload.grantId) ?? new Set<string>();
      ids.add(`${this.model}:${id}`);
      UnboundedMemoryAdapter.grants.set(payload.grantId, ids);
    }
  }
  async find(id: string) {
    return this.store.get(id);
  }
  async findByUid(uid: string) {
    const id = this.byUid.get(uid);
    return id ? this.store.get(id) : undefined;
  }
  async findByUserCode(code: string) {
    return [...this.store.values()].find((p) => p.userCode === code);
  }
  async consume(id: string): Promise<void> {
    const payload = this.store.get(id);
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string): Promise<void> {
    this.store.delete(id);
  }
  async revokeByGrantId(grantId: string): Promise<void> {
    for (const key of UnboundedMemoryAdapter.grants.get(grantId) ?? []) {
      const [model, id] = key.split(':') as [string, string];
      UnboundedMemoryAdapter.stores.get(model)?.delete(id);
    }
    UnboundedMemoryAdapter.grants.delete(grantId);
  }
}

/** The same provider version with an in-memory adapter, one static client, and a login that asks nothing. */
export async function bareTarget(): Promise<Target> {
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const configuration: Configuration = {
    adapter: UnboundedMemoryAdapter,
    clients: [
      {
        client_id: 'bare',
        client_secret: 'bare-secret',
        redirect_uris: [REDIRECT],
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'k1', alg: 'RS256', use: 'sig' } as never] },
    cookies: { keys: ['bench-cookie-key'] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, email: `${sub}@bench.example` }) }),
    claims: { openid: ['sub'], email: ['email'] },
    scopes: ['openid', 'email', 'offline_access'],
    rotateRefreshToken: true,
    features: { devInteractions: { enabled: false }, clientCredentials: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session!.grantIdFor(client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client!.clientId, accountId: session!.accountId! });
      grant.addOIDCScope(String(ctx.oidc.params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(`${base}/oidc`, configuration);
  app.get('/interaction/:uid', async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'consent') {
      const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: 'bare' });
      grant.addOIDCScope(String(details.params.scope));
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: 'bench' } }, { mergeWithLastSubmission: false });
  });
  app.use('/oidc', provider.callback());
  return {
    issuer: `${base}/oidc`,
    clientId: 'bare',
    clientSecret: 'bare-secret',
    signIn: async () => undefined,
    close: () => new Promise((resolve) => server.close(() => resolve())),
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
    const target = await gatewayTarget(kind);
    const { project, baseline } = await measurePair(target, bare);
    await bare.close();
    const counts = await target.statements!();
    await target.close();
    // The statement count of one request beside each rate, with its budget (oidc-statement-budget test).
    const sql = (grant: Grant) => `${counts[grant]} SQL statements, budget ${STATEMENT_BUDGETS[grant][kind]}`;
    return [
      {
        name: `oidc client_credentials, ${kind} (${sql('client_credentials')})`,
        project: project.clientCredentials,
        baseline: baseline.clientCredentials,
        unit: 'req/s',
        goal: GOALS[kind].client_credentials,
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
