import { SignJWT, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { tokenResponse, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { GraphQLClient, type TestGateway } from '../helpers/test-gateway.js';
import {
  ApplicationsDocument,
  AssignApplicationDocument,
  DeleteApplicationDocument,
  GrantApiAccessDocument,
  ViewerDocument,
} from '../graphql/generated.js';

describe.each(testDatabases())('API authentication on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  let b: TenantFixture;

  const suite = useGatewaySuite(kind, { tenants: [{}, {}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a, b],
      } = suite),
  );

  /** Signs a token with tenant A's real private key, so only the claim under test is wrong. */
  async function forge(claims: Record<string, unknown>, tenantId = a.tenant.id, expiresIn = '5m'): Promise<string> {
    const [jwk] = await t.gateway.services.signingKeys.privateJwks(tenantId);
    const key = await importJWK(jwk!, 'RS256');
    return new SignJWT({ client_id: a.admin.app.appId, ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: jwk!.kid })
      .setIssuer(`${t.baseUrl}/${a.tenant.id}/v2.0`)
      .setAudience(`${t.baseUrl}/graphql`)
      .setSubject(typeof claims.sub === 'string' ? claims.sub : a.admin.app.appId)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(key);
  }

  async function viewerWith(authorization?: string) {
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query: '{ viewer { id tenant { id } } }' }),
    });
    const body = (await response.json()) as {
      data?: { viewer: { id: string; tenant: { id: string } } };
      errors?: { extensions: { code: string } }[];
    };
    return {
      status: response.status,
      code: body.errors?.[0]?.extensions.code,
      viewer: body.data?.viewer,
      wwwAuthenticate: response.headers.get('www-authenticate'),
    };
  }

  it('issues a JWT access token for the API through client credentials and accepts it', async () => {
    const { status, body } = await tokenResponse(t, a.tenant.id, a.admin.app.appId, a.admin.clientSecret);
    expect(status).toBe(200);
    expect(body.token_type).toBe('Bearer');
    const [header, payload] = String(body.access_token)
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(payload).toMatchObject({ iss: `${t.baseUrl}/${a.tenant.id}/v2.0`, aud: `${t.baseUrl}/graphql`, client_id: a.admin.app.appId });
    const result = await viewerWith(`Bearer ${body.access_token}`);
    expect(result.status).toBe(200);
    expect(result.viewer).toEqual({ id: a.admin.app.id, tenant: { id: a.tenant.id } });
  });

  it('loads roles from the directory on each request', async () => {
    const data = await a.admin.client.data(ViewerDocument);
    expect(data.viewer).toMatchObject({
      kind: 'Application',
      roles: ['GlobalAdministrator'],
      tenant: { id: a.tenant.id, domains: [a.tenant.defaultDomain] },
    });
  });

  it('refuses a wrong client secret and a client of another tenant at the token endpoint', async () => {
    expect((await tokenResponse(t, a.tenant.id, a.admin.app.appId, 'wrong-secret')).status).toBe(401);
    const crossTenant = await tokenResponse(t, a.tenant.id, b.admin.app.appId, b.admin.clientSecret);
    expect(crossTenant.status).toBe(401);
    expect(crossTenant.body.error).toBe('invalid_client');
  });

  it('refuses a token for another resource', async () => {
    const { status, body } = await tokenResponse(t, a.tenant.id, a.admin.app.appId, a.admin.clientSecret, {
      resource: 'https://evil.example/api',
    });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_target');
  });

  it('publishes discovery and the tenant JWKS, and 404s an unknown tenant', async () => {
    const discovery = (await (await fetch(`${t.baseUrl}/${a.tenant.id}/v2.0/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    expect(discovery.issuer).toBe(`${t.baseUrl}/${a.tenant.id}/v2.0`);
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) expect(key).not.toHaveProperty('d');
    const other = (await (await fetch(`${t.baseUrl}/${b.tenant.id}/v2.0/jwks`)).json()) as { keys: { kid: string }[] };
    expect(other.keys.map((k) => k.kid)).not.toContain(jwks.keys[0]!.kid);
    expect((await fetch(`${t.baseUrl}/00000000-0000-7000-8000-000000000000/v2.0/.well-known/openid-configuration`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/not-a-tenant/v2.0/.well-known/openid-configuration`)).status).toBe(404);
  });

  it('answers UNAUTHENTICATED without a token', async () => {
    const result = await viewerWith();
    expect(result.code).toBe('UNAUTHENTICATED');
    expect(result.viewer).toBeUndefined();
    expect(await new GraphQLClient(t, null).errorCode(ApplicationsDocument, {})).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['a malformed header', 'Token abc'],
    ['garbage', 'Bearer not-a-jwt'],
  ])('answers 401 UNAUTHENTICATED for %s', async (_label, header) => {
    const result = await viewerWith(header);
    expect(result.status).toBe(401);
    expect(result.code).toBe('UNAUTHENTICATED');
    expect(result.wwwAuthenticate).toContain('invalid_token');
  });

  it('refuses an expired token', async () => {
    const expired = await forge({}, a.tenant.id, '-1m');
    expect((await viewerWith(`Bearer ${expired}`)).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token for another audience', async () => {
    const [jwk] = await t.gateway.services.signingKeys.privateJwks(a.tenant.id);
    const token = await new SignJWT({ client_id: a.admin.app.appId })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: jwk!.kid })
      .setIssuer(`${t.baseUrl}/${a.tenant.id}/v2.0`)
      .setAudience('https://other.example/api')
      .setSubject(a.admin.app.appId)
      .setExpirationTime('5m')
      .sign(await importJWK(jwk!, 'RS256'));
    expect((await viewerWith(`Bearer ${token}`)).code).toBe('UNAUTHENTICATED');
  });

  it("refuses a token claiming tenant A's issuer but signed with tenant B's key", async () => {
    const [bKey] = await t.gateway.services.signingKeys.privateJwks(b.tenant.id);
    const token = await new SignJWT({ client_id: a.admin.app.appId })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: bKey!.kid })
      .setIssuer(`${t.baseUrl}/${a.tenant.id}/v2.0`)
      .setAudience(`${t.baseUrl}/graphql`)
      .setSubject(a.admin.app.appId)
      .setExpirationTime('5m')
      .sign(await importJWK(bKey!, 'RS256'));
    expect((await viewerWith(`Bearer ${token}`)).code).toBe('UNAUTHENTICATED');
  });

  it('refuses an unsigned token and a token of the wrong type', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        iss: `${t.baseUrl}/${a.tenant.id}/v2.0`,
        aud: `${t.baseUrl}/graphql`,
        sub: a.admin.app.appId,
        client_id: a.admin.app.appId,
        exp: 9999999999,
      }),
    ).toString('base64url');
    expect((await viewerWith(`Bearer ${header}.${payload}.`)).code).toBe('UNAUTHENTICATED');
    const [jwk] = await t.gateway.services.signingKeys.privateJwks(a.tenant.id);
    const idTokenLike = await new SignJWT({ client_id: a.admin.app.appId })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: jwk!.kid })
      .setIssuer(`${t.baseUrl}/${a.tenant.id}/v2.0`)
      .setAudience(`${t.baseUrl}/graphql`)
      .setSubject(a.admin.app.appId)
      .setExpirationTime('5m')
      .sign(await importJWK(jwk!, 'RS256'));
    expect((await viewerWith(`Bearer ${idTokenLike}`)).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a validly signed token that names no caller, or a user of another tenant or disabled', async () => {
    // Signed with tenant A's real key for A's issuer: only the caller it names is wrong.
    expect((await viewerWith(`Bearer ${await forge({ sub: 'someone-else' })}`)).code).toBe('UNAUTHENTICATED');
    const mine = await t.gateway.services.users.createMember(a.tenant.id, { displayName: 'Una User', mail: 'una@member.example' });
    // A user's token counts only from an app an administrator granted delegated access, within `scp`.
    expect((await viewerWith(`Bearer ${await forge({ oid: mine.id, sub: mine.id, scp: 'Directory.AccessAsUser.All' })}`)).code).toBe(
      'UNAUTHENTICATED',
    );
    await a.admin.client.data(GrantApiAccessDocument, { applicationId: a.admin.app.id, scopes: ['DirectoryAccessAsUserAll'] });
    const delegated = { scp: 'Directory.AccessAsUser.All' };
    // The app requires assignment: the user must also be allowed to sign in to it.
    expect((await viewerWith(`Bearer ${await forge({ oid: mine.id, sub: mine.id, ...delegated })}`)).code).toBe('UNAUTHENTICATED');
    await a.admin.client.data(AssignApplicationDocument, { applicationId: a.admin.app.id, principal: { type: 'User', id: mine.id } });
    expect((await viewerWith(`Bearer ${await forge({ oid: mine.id, sub: mine.id })}`)).code).toBe('UNAUTHENTICATED');
    expect((await viewerWith(`Bearer ${await forge({ oid: mine.id, sub: mine.id, ...delegated })}`)).viewer?.id).toBe(mine.id);
    const theirs = await t.gateway.services.users.createMember(b.tenant.id, { displayName: 'Theo Theirs', mail: 'theo@member.example' });
    expect((await viewerWith(`Bearer ${await forge({ oid: theirs.id, sub: theirs.id, ...delegated })}`)).code).toBe('UNAUTHENTICATED');
    expect((await viewerWith(`Bearer ${await forge({ oid: '00000000-0000-7000-8000-000000000000', ...delegated })}`)).code).toBe(
      'UNAUTHENTICATED',
    );
    await t.gateway.services.users.setEnabled(
      {
        tenantId: a.tenant.id,
        kind: PrincipalKind.Application,
        id: a.admin.app.id,
        displayName: 'admin',
        roles: [DirectoryRole.GlobalAdministrator],
        scopes: null,
      },
      mine.id,
      false,
    );
    expect((await viewerWith(`Bearer ${await forge({ oid: mine.id, sub: mine.id, ...delegated })}`)).code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 for a token of an unknown issuer or tenant', async () => {
    const [jwk] = await t.gateway.services.signingKeys.privateJwks(a.tenant.id);
    for (const issuer of ['https://evil.example/v2.0', `${t.baseUrl}/00000000-0000-7000-8000-000000000000/v2.0`]) {
      const token = await new SignJWT({ client_id: a.admin.app.appId })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: jwk!.kid })
        .setIssuer(issuer)
        .setAudience(`${t.baseUrl}/graphql`)
        .setSubject(a.admin.app.appId)
        .setExpirationTime('5m')
        .sign(await importJWK(jwk!, 'RS256'));
      const result = await viewerWith(`Bearer ${token}`);
      expect([result.status, result.code], issuer).toEqual([401, 'UNAUTHENTICATED']);
    }
  });

  it("scopes a valid token of tenant B to tenant B's data", async () => {
    const result = await viewerWith(`Bearer ${b.admin.token}`);
    expect(result.viewer?.tenant.id).toBe(b.tenant.id);
    const apps = await b.admin.client.data(ApplicationsDocument, {});
    expect(apps.applications.nodes.map((n) => n.id)).not.toContain(a.admin.app.id);
  });

  it('stops accepting the token of a deleted application at once', async () => {
    const doomed = await a.principal([DirectoryRole.GuestInviter]);
    expect((await viewerWith(`Bearer ${doomed.token}`)).status).toBe(200);
    await a.admin.client.data(DeleteApplicationDocument, { id: doomed.app.id });
    expect((await viewerWith(`Bearer ${doomed.token}`)).code).toBe('UNAUTHENTICATED');
  });

  it('takes role changes into account without a new token', async () => {
    const noRole = await a.principal([]);
    expect((await noRole.client.data(ViewerDocument)).viewer.roles).toEqual([]);
    expect(await noRole.client.errorCode(ApplicationsDocument, {})).toBe('FORBIDDEN');
    await t.gateway.services.roles.grant(a.tenant.id, PrincipalKind.Application, noRole.app.id, DirectoryRole.GuestInviter);
    expect((await noRole.client.data(ViewerDocument)).viewer.roles).toEqual(['GuestInviter']);
  });
});
