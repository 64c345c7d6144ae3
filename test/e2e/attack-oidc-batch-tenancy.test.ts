import { beforeAll, describe, expect, it } from 'vitest';
import { AssignmentPrincipalType } from '../../src/apps/app-assignment.entity.js';
import { operatorActor } from '../../src/directory/actor.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { GRANT_REDIRECT, type Grants, grantsOf, grantTarget, type GrantTarget } from '../helpers/oidc-grants.js';
import { WebClient } from '../helpers/web-client.js';

/**
 * What the held writes and the early read of a presented token (src/oidc/adapter.ts) must not change:
 * a token, code or client of one tenant is nothing at another's issuer; the early read of another
 * client's token, or of garbage, answers invalid_grant and harms nobody; revocation between two
 * requests holds at once; a refresh's sign-in log entry is written before its answer.
 */
describe.each(testDatabases())('OIDC held writes across tenants and clients on %s', (kind) => {
  const suite = useGatewaySuite(kind);
  let a: GrantTarget;
  let b: GrantTarget;
  let grantsA: Grants;
  let grantsB: Grants;
  let webA: WebClient;
  let webB: WebClient;
  const admin = (tenantId: string) => ({ ...operatorActor(tenantId), roles: [DirectoryRole.GlobalAdministrator] });
  const placeholder = (n: number) => (kind === 'postgres' ? `$${n}` : '?');
  const count = async (sql: string, params: unknown[]) => Number((await suite.t.gateway.db.dataSource.query(sql, params))[0].n);
  const logEntries = (tenantId: string) =>
    count(`SELECT COUNT(*) AS n FROM "sign_in_event" WHERE "tenantId" = ${placeholder(1)} AND "kind" = 'refresh'`, [tenantId]);

  beforeAll(async () => {
    a = await grantTarget(suite.t.gateway, 'TenantA');
    b = await grantTarget(suite.t.gateway, 'TenantB');
    grantsA = await grantsOf(a);
    grantsB = await grantsOf(b);
    webA = new WebClient();
    webB = new WebClient();
    await a.signIn(webA);
    await b.signIn(webB);
    await grantsA.clientCredentials();
    await grantsB.clientCredentials();
  });

  it("a refresh token of tenant A at B's issuer is invalid_grant, and still works at A", async () => {
    const token = (await grantsA.codeFlow(webA)).refresh_token!;
    await expect(grantsB.refresh(token)).rejects.toMatchObject({ error: 'invalid_grant' });
    // Interleaved with B's own refresh in the same instant: nothing read for one tenant answers the other.
    const own = (await grantsB.codeFlow(webB)).refresh_token!;
    const [foreign, mine] = await Promise.allSettled([grantsB.refresh(token), grantsB.refresh(own)]);
    expect(foreign).toMatchObject({ status: 'rejected', reason: { error: 'invalid_grant' } });
    expect(mine.status).toBe('fulfilled');
    expect((await grantsA.refresh(token)).refresh_token).toBeTruthy();
  });

  it("a client of tenant A cannot authenticate at B's issuer, even with B's token in hand", async () => {
    const crossed = await grantsOf({ issuer: b.issuer, clientId: a.clientId, clientSecret: a.clientSecret });
    const refused = { status: 401, cause: [{ parameters: { error: 'invalid_client' } }] };
    await expect(crossed.clientCredentials()).rejects.toMatchObject(refused);
    const tokenB = (await grantsB.codeFlow(webB)).refresh_token!;
    await expect(crossed.refresh(tokenB)).rejects.toMatchObject(refused);
    expect((await grantsB.refresh(tokenB)).refresh_token).toBeTruthy();
  });

  it("a code of tenant A at B's token endpoint is invalid_grant", async () => {
    // The code flow's own exchange happens inside codeFlow; take a code by hand for A and present it to B.
    const { url } = await authorizeOnly(a, webA);
    const code = new URL(url).searchParams.get('code')!;
    const answer = await fetch(await tokenEndpoint(b), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(b.clientId)}:${encodeURIComponent(b.clientSecret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: GRANT_REDIRECT, code_verifier: 'x'.repeat(43) }),
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('a refresh token presented as a code, and a code as a refresh token, are invalid_grant', async () => {
    const refresh = (await grantsA.codeFlow(webA)).refresh_token!;
    const code = new URL((await authorizeOnly(a, webA)).url).searchParams.get('code')!;
    const post = async (fields: Record<string, string>) => {
      const answer = await fetch(await tokenEndpoint(a), {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(a.clientId)}:${encodeURIComponent(a.clientSecret)}`).toString('base64')}`,
        },
        body: new URLSearchParams(fields),
      });
      return { status: answer.status, error: ((await answer.json()) as { error?: string }).error };
    };
    expect(
      await post({ grant_type: 'authorization_code', code: refresh, redirect_uri: GRANT_REDIRECT, code_verifier: 'x'.repeat(43) }),
    ).toEqual({
      status: 400,
      error: 'invalid_grant',
    });
    expect(await post({ grant_type: 'refresh_token', refresh_token: code })).toEqual({ status: 400, error: 'invalid_grant' });
    expect((await grantsA.refresh(refresh)).refresh_token).toBeTruthy();
  });

  it("another client's refresh token (same tenant) is invalid_grant and does not consume it", async () => {
    const { application, clientSecret } = await suite.t.gateway.services.apps.createAsOperator(
      a.tenantId,
      { displayName: 'Other app', replyUrls: [GRANT_REDIRECT], assignmentRequired: false },
      [],
    );
    const other = await grantsOf({ issuer: a.issuer, clientId: application.appId, clientSecret });
    const token = (await grantsA.codeFlow(webA)).refresh_token!;
    await expect(other.refresh(token)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await grantsA.refresh(token)).refresh_token).toBeTruthy();
  });

  it.each([
    ['an unknown token', 'x'.repeat(43)],
    ['a token of exactly 1024 characters', 'y'.repeat(1024)],
    ['a huge token', 'z'.repeat(60_000)],
    ['a token of odd characters', '"\';--\u0000é\u{1F600}%00'],
  ])("%s is refused as the client's error, not a server error", async (_name, token) => {
    // A huge one is invalid_request (the provider's own size check), the rest invalid_grant.
    const refusal = await grantsA.refresh(token).then(
      () => null,
      (error: { status?: number; error?: string }) => error,
    );
    expect(refusal).toMatchObject({ status: 400, error: token.length > 10_000 ? 'invalid_request' : 'invalid_grant' });
  });

  it('revoking sign-in sessions, disabling the account, or removing its assignment ends the next refresh at once', async () => {
    const { services } = suite.t.gateway;
    let token = (await grantsA.codeFlow(webA)).refresh_token!;
    token = (await grantsA.refresh(token)).refresh_token!;
    await services.users.revokeSignInSessions(admin(a.tenantId), a.userId);
    await expect(grantsA.refresh(token)).rejects.toMatchObject({ error: 'invalid_grant' });

    await a.signIn((webA = new WebClient()));
    token = (await grantsA.codeFlow(webA)).refresh_token!;
    await services.users.setEnabled(admin(a.tenantId), a.userId, false);
    await expect(grantsA.refresh(token)).rejects.toMatchObject({ error: 'invalid_grant' });
    await services.users.setEnabled(admin(a.tenantId), a.userId, true);

    // Assignment required, the member assigned; the token works, then the assignment goes.
    await a.signIn((webA = new WebClient()));
    await services.apps.update(admin(a.tenantId), a.applicationId, { assignmentRequired: true });
    await services.assignments.assign(admin(a.tenantId), a.applicationId, { type: AssignmentPrincipalType.User, id: a.userId });
    token = (await grantsA.codeFlow(webA)).refresh_token!;
    token = (await grantsA.refresh(token)).refresh_token!;
    await services.assignments.unassign(admin(a.tenantId), a.applicationId, { type: AssignmentPrincipalType.User, id: a.userId });
    await expect(grantsA.refresh(token)).rejects.toMatchObject({ error: 'invalid_grant' });
    await services.apps.update(admin(a.tenantId), a.applicationId, { assignmentRequired: false });
  });

  it("a refresh's sign-in log entry is written when its answer arrives, a success and a replay alike", async () => {
    const first = (await grantsB.codeFlow(webB)).refresh_token!;
    const before = await logEntries(b.tenantId);
    await grantsB.refresh(first);
    expect(await logEntries(b.tenantId)).toBe(before + 1);
    await expect(grantsB.refresh(first)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await logEntries(b.tenantId)).toBe(before + 2);
  });

  async function tokenEndpoint(target: GrantTarget): Promise<string> {
    return ((await (await fetch(`${target.issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string }).token_endpoint;
  }

  /** Authorizes (consent and all) without exchanging the code: the callback URL. */
  async function authorizeOnly(target: GrantTarget, web: WebClient): Promise<{ url: string }> {
    const discovery = (await (await fetch(`${target.issuer}/.well-known/openid-configuration`)).json()) as {
      authorization_endpoint: string;
    };
    const auth = new URL(discovery.authorization_endpoint);
    auth.search = new URLSearchParams({
      client_id: target.clientId,
      redirect_uri: GRANT_REDIRECT,
      response_type: 'code',
      scope: 'openid offline_access',
      prompt: 'consent',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const landed = await web.follow(await web.get(auth.href), (u) => u.startsWith(GRANT_REDIRECT));
    return { url: landed.url };
  }
});
