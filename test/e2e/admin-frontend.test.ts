import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { type PartnerApp, REPLY_URL } from '../helpers/partner-flow.js';
import { GraphQLClient, type TestGateway } from '../helpers/test-gateway.js';
import { WebClient } from '../helpers/web-client.js';
import { throughSecondFactor } from '../helpers/policy-flow.js';
import {
  ApplicationApiAccessDocument,
  AuditEventsDocument,
  CreateGroupDocument,
  GrantApiAccessDocument,
  RevokeApiAccessDocument,
  SetUserEnabledDocument,
  UsersDocument,
  ViewerDocument,
} from '../graphql/generated.js';

const ADMIN_PASSWORD = 'Violet-Canyon-Radar-4';

/**
 * An admin frontend signs an administrator in with the code flow and calls the API with the user's
 * token: only an app an administrator granted delegated API access gets such a token, the token
 * carries `scp`, and the API acts with the user's roles within that scope.
 */
describe('the GraphQL API with a user access token (delegated permission)', () => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let frontend: PartnerApp;
  let api: string;

  const suite = useGatewaySuite('sqlite', { tenants: [{ domains: ['contoso.example'] }], app: { assignmentRequired: false } });
  beforeAll(async () => {
    ({
      t,
      tenants: [contoso],
      app: frontend,
    } = suite);
    api = `${t.baseUrl}/graphql`;
    const admin = await t.gateway.services.users.createMember(contoso.tenant.id, {
      displayName: 'Ada Admin',
      mail: 'ada@contoso.example',
      roles: [DirectoryRole.GlobalAdministrator],
    });
    await t.gateway.services.accounts.setPassword(admin.id, ADMIN_PASSWORD);
  });

  /** Signs in through the app and redeems the code; returns the token response or the OAuth error. */
  async function signIn(email: string, password: string, scope: string, app = frontend): Promise<{ token?: string; error?: string }> {
    const web = new WebClient();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(app.config, {
      redirect_uri: REPLY_URL,
      scope,
      resource: api,
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    let page = await web.follow(await web.get(url.href), (u) => u.startsWith(REPLY_URL));
    if (page.url.startsWith(REPLY_URL)) return { error: new URL(page.url).searchParams.get('error') ?? 'none' };
    const action = /<form method="post" action="([^"]+\/login)"/.exec(page.body)![1]!;
    // Ada holds GlobalAdministrator: a second factor first (MFA for administrators is on by default).
    page = await throughSecondFactor(
      t,
      web,
      await web.follow(await web.submit(page, action, { email, password }), (u) => u.startsWith(REPLY_URL)),
    );
    const error = new URL(page.url).searchParams.get('error');
    if (error) return { error };
    try {
      const tokens = await oidc.authorizationCodeGrant(
        app.config,
        new URL(page.url),
        { pkceCodeVerifier: verifier, expectedState: state },
        { resource: api },
      );
      return { token: tokens.access_token };
    } catch (e) {
      return { error: (e as { error?: string }).error ?? String(e) };
    }
  }

  const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

  it('issues no API token to an app without admin consent', async () => {
    const result = await signIn('ada@contoso.example', ADMIN_PASSWORD, 'openid email Directory.AccessAsUser.All');
    expect(result.token).toBeUndefined();
    expect(result.error).toBe('invalid_target');
  });

  it("acts with the user's roles within the granted scope, read from the directory on each call", async () => {
    const { grantApiAccess } = await contoso.admin.client.data(GrantApiAccessDocument, {
      applicationId: frontend.id,
      scopes: ['DirectoryAccessAsUserAll'],
    });
    expect(grantApiAccess.scopes).toEqual(['DirectoryAccessAsUserAll']);
    const { token } = await signIn('ada@contoso.example', ADMIN_PASSWORD, 'openid email Directory.AccessAsUser.All');
    expect(claims(token!)).toMatchObject({ aud: api, scp: 'Directory.AccessAsUser.All', tid: contoso.tenant.id });
    const client = new GraphQLClient(t, token!);
    expect((await client.data(ViewerDocument)).viewer).toMatchObject({
      kind: 'User',
      displayName: 'Ada Admin',
      roles: ['GlobalAdministrator'],
      scopes: ['Directory.AccessAsUser.All'],
    });
    expect((await client.data(UsersDocument, {})).users.totalCount).toBeGreaterThan(0);
    expect((await client.data(CreateGroupDocument, { input: { displayName: 'Made by Ada' } })).createGroup.displayName).toBe('Made by Ada');

    const plain = await t.gateway.services.users.createMember(contoso.tenant.id, { displayName: 'Pat Plain', mail: 'pat@contoso.example' });
    await t.gateway.services.accounts.setPassword(plain.id, 'Amber-Sextant-Kiwi-1');
    const plainClient = new GraphQLClient(
      t,
      (await signIn('pat@contoso.example', 'Amber-Sextant-Kiwi-1', 'openid Directory.AccessAsUser.All')).token!,
    );
    expect((await plainClient.data(ViewerDocument)).viewer.roles).toEqual([]);
    expect(await plainClient.errorCode(UsersDocument, {})).toBe('FORBIDDEN');

    await contoso.admin.client.data(SetUserEnabledDocument, { id: plain.id, enabled: false });
    expect(await plainClient.errorCode(ViewerDocument)).toBe('UNAUTHENTICATED');
  });

  it('a token without any granted scope is not accepted, even when the app holds a grant', async () => {
    const { token } = await signIn('ada@contoso.example', ADMIN_PASSWORD, 'openid email');
    expect(claims(token!).scp ?? '').toBe('');
    expect(await new GraphQLClient(t, token!).errorCode(ViewerDocument)).toBe('UNAUTHENTICATED');
  });

  it('Directory.Read.All allows reads and no writes, whatever the roles', async () => {
    await contoso.admin.client.data(GrantApiAccessDocument, { applicationId: frontend.id, scopes: ['DirectoryReadAll'] });
    const { token } = await signIn('ada@contoso.example', ADMIN_PASSWORD, 'openid Directory.Read.All Directory.AccessAsUser.All');
    expect(claims(token!).scp).toBe('Directory.Read.All');
    const client = new GraphQLClient(t, token!);
    expect((await client.data(UsersDocument, {})).users.totalCount).toBeGreaterThan(0);
    expect(await client.errorCode(CreateGroupDocument, { input: { displayName: 'Not allowed' } })).toBe('FORBIDDEN');
    expect((await client.data(AuditEventsDocument, {})).auditEvents.totalCount).toBeGreaterThan(0);
  });

  it('revoking the grant ends the app’s user tokens at once, audited', async () => {
    await contoso.admin.client.data(GrantApiAccessDocument, { applicationId: frontend.id, scopes: ['DirectoryAccessAsUserAll'] });
    const client = new GraphQLClient(t, (await signIn('ada@contoso.example', ADMIN_PASSWORD, 'openid Directory.AccessAsUser.All')).token!);
    expect((await client.data(ViewerDocument)).viewer.displayName).toBe('Ada Admin');
    const { revokeApiAccess } = await contoso.admin.client.data(RevokeApiAccessDocument, { applicationId: frontend.id });
    expect(revokeApiAccess.apiAccess).toBeNull();
    expect(await client.errorCode(ViewerDocument)).toBe('UNAUTHENTICATED');
    const events = (await contoso.admin.client.data(AuditEventsDocument, { first: 50 })).auditEvents.nodes.map((e) => e.action);
    expect(events).toContain('Add delegated permission grant');
    expect(events).toContain('Remove delegated permission grant');
  });

  it('only a GlobalAdministrator of the same tenant grants API access', async () => {
    const inviter = await contoso.principal([DirectoryRole.GuestInviter]);
    expect(await inviter.client.errorCode(GrantApiAccessDocument, { applicationId: frontend.id, scopes: ['DirectoryReadAll'] })).toBe(
      'FORBIDDEN',
    );
    const fabrikam = await createTenant(t, 'http');
    expect(
      await fabrikam.admin.client.errorCode(GrantApiAccessDocument, { applicationId: frontend.id, scopes: ['DirectoryReadAll'] }),
    ).toBe('NOT_FOUND');
    expect(await fabrikam.admin.client.errorCode(RevokeApiAccessDocument, { applicationId: frontend.id })).toBe('NOT_FOUND');
    expect(await fabrikam.admin.client.errorCode(ApplicationApiAccessDocument, { id: frontend.id })).toBe('NOT_FOUND');
    expect(await contoso.admin.client.errorCode(GrantApiAccessDocument, { applicationId: frontend.id, scopes: [] })).toBe('BAD_USER_INPUT');
  });
});
