/**
 * The targets bench/oidc.ts times (and bench/oidc-profile.ts profiles): what a grant needs of either
 * side, and the baseline, a bare oidc-provider of the gateway's version.
 */
import express from 'express';
import { exportJWK, generateKeyPair } from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Adapter, type AdapterPayload, type Configuration } from 'oidc-provider';
import { GRANT_REDIRECT as REDIRECT, type GrantTarget, type STATEMENT_BUDGETS } from '../test/helpers/oidc-grants.js';

export type Grant = keyof typeof STATEMENT_BUDGETS;

export interface Target extends Pick<GrantTarget, 'issuer' | 'clientId' | 'clientSecret' | 'signIn'> {
  /** The SQL statements one request of each grant issues (the gateway only). */
  statements?(): Promise<Record<Grant, number>>;
  close(): Promise<void>;
}

/** The API the JWT-issuing bare provider's client-credentials tokens are for. */
const BENCH_API = 'https://api.bench.example';

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

/**
 * The same provider version with an in-memory adapter, one static client, and a login that asks nothing.
 * Its access tokens are opaque; with `jwtClientCredentials`, client credentials get an RS256 JWT access
 * token for an API, as the gateway issues them (its user flows' access tokens are opaque too). With
 * `adapter`, it stores its artefacts there instead of in memory (bench/oidc-bare-store.ts).
 */
export async function bareTarget({
  jwtClientCredentials = false,
  adapter = UnboundedMemoryAdapter as new (model: string) => Adapter,
} = {}): Promise<Target> {
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const configuration: Configuration = {
    adapter,
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
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: jwtClientCredentials,
        defaultResource: (ctx) => (ctx.oidc.params?.grant_type === 'client_credentials' ? BENCH_API : (undefined as unknown as string)),
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          audience: BENCH_API,
          scope: 'directory',
          accessTokenTTL: 3600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
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
