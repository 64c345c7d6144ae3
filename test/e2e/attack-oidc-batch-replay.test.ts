import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { GRANT_REDIRECT, type Grants, grantsOf, grantTarget, type GrantTarget } from '../helpers/oidc-grants.js';
import { WebClient } from '../helpers/web-client.js';

/**
 * Replay of refresh tokens and codes while a request's writes are held until its answer
 * (src/db/write-batch.ts): a consumed refresh token or code presented again must fail and end the
 * grant, also when the uses race one another (the consume is now written only at the end).
 */
describe.each(testDatabases())('OIDC replay with held writes on %s', (kind) => {
  const suite = useGatewaySuite(kind);
  let target: GrantTarget;
  let grants: Grants;
  let config: oidc.Configuration;
  let web: WebClient;

  beforeAll(async () => {
    target = await grantTarget(suite.t.gateway, 'Replay');
    grants = await grantsOf(target);
    config = await oidc.discovery(new URL(target.issuer), target.clientId, undefined, oidc.ClientSecretBasic(target.clientSecret), {
      execute: [oidc.allowInsecureRequests],
    });
    web = new WebClient();
    await target.signIn(web);
  });

  /** A code, not yet exchanged, and its verifier. */
  async function freshCode(): Promise<{ url: URL; verifier: string; state: string }> {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: GRANT_REDIRECT,
      scope: 'openid email offline_access',
      prompt: 'consent',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const landed = await web.follow(await web.get(url.href), (u) => u.startsWith(GRANT_REDIRECT));
    return { url: new URL(landed.url), verifier, state };
  }

  const exchange = (code: { url: URL; verifier: string; state: string }) =>
    oidc.authorizationCodeGrant(config, code.url, { pkceCodeVerifier: code.verifier, expectedState: code.state });

  it('a refresh token used twice in a row fails and ends the grant', async () => {
    const first = (await grants.codeFlow(web)).refresh_token!;
    const second = (await grants.refresh(first)).refresh_token!;
    await expect(grants.refresh(first)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The replay revoked the grant: the rotated token is dead too.
    await expect(grants.refresh(second)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('a code exchanged twice in a row fails the second time and ends the grant', async () => {
    const code = await freshCode();
    const tokens = await exchange(code);
    await expect(exchange(code)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(grants.refresh(tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  // Was a hole: the consume was no compare-and-set (and then held until the answer), so racing uses
  // all read the token unused: main let 1/10 (SQLite) and 4/10 (PostgreSQL) through. The consume now
  // claims the token in its own statement (adapter.ts); a use that claims nothing ends the grant.
  it('ten concurrent refreshes with one token: exactly one succeeds', () => concurrentRefresh());

  async function concurrentRefresh() {
    const token = (await grants.codeFlow(web)).refresh_token!;
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => grants.refresh(token)));
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.refresh_token!] : []));
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ error: 'invalid_grant' });
    // A replay, as any other: the grant ended, with the token the one winner got.
    await expect(grants.refresh(won[0]!)).rejects.toMatchObject({ error: 'invalid_grant' });
  }

  it('after a concurrent burst, the next replay ends every token the burst handed out', async () => {
    const token = (await grants.codeFlow(web)).refresh_token!;
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => grants.refresh(token)));
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.refresh_token!] : []));
    await expect(grants.refresh(token)).rejects.toMatchObject({ error: 'invalid_grant' });
    for (const rotated of won) await expect(grants.refresh(rotated)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('after a concurrent burst of one code, the next exchange ends every token the burst handed out', async () => {
    const code = await freshCode();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => exchange(code)));
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.refresh_token!] : []));
    expect(won.length).toBeGreaterThanOrEqual(1);
    await expect(exchange(code)).rejects.toMatchObject({ error: 'invalid_grant' });
    for (const token of won) await expect(grants.refresh(token)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  // Was a hole: main let 1/10 (SQLite) and 8-9/10 (PostgreSQL) racing exchanges through, and held
  // writes made it 10/10. The consume now claims the code in its own statement (adapter.ts).
  it('ten concurrent exchanges of one code: exactly one succeeds', async () => {
    const code = await freshCode();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => exchange(code)));
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.refresh_token!] : []));
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ error: 'invalid_grant' });
    await expect(grants.refresh(won[0]!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
