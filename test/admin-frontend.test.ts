import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../src/directory/role-assignment.entity.js';
import { User } from '../src/directory/user.entity.js';
import { createTenant, type TenantFixture } from './helpers/fixtures.js';
import { type PartnerApp, REPLY_URL, registerApp } from './helpers/partner-flow.js';
import { GraphQLClient, startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { WebClient } from './helpers/web-client.js';
import { UsersDocument, ViewerDocument } from './graphql/generated.js';

/** An admin frontend signs an administrator in with the code flow and calls the API with the user's token. */
describe('the GraphQL API with a user access token', () => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let frontend: PartnerApp;

  beforeAll(async () => {
    t = await startTestGateway('sqlite');
    contoso = await createTenant(t, 'http', { domains: ['contoso.example'] });
    frontend = await registerApp(t, contoso, { assignmentRequired: false });
  });
  afterAll(() => t.stop());

  async function apiToken(email: string, password: string): Promise<string> {
    const web = new WebClient();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(frontend.config, {
      redirect_uri: REPLY_URL, scope: 'openid email', resource: `${t.baseUrl}/graphql`, state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    let page = await web.follow(await web.get(url.href), (u) => u.startsWith(REPLY_URL));
    const action = /<form method="post" action="([^"]+\/login)"/.exec(page.body)![1]!;
    page = await web.follow(await web.submit(page, action, { email, password }), (u) => u.startsWith(REPLY_URL));
    const tokens = await oidc.authorizationCodeGrant(frontend.config, new URL(page.url), { pkceCodeVerifier: verifier, expectedState: state }, { resource: `${t.baseUrl}/graphql` });
    return tokens.access_token;
  }

  it("carries the user's roles, read from the directory on each call", async () => {
    const admin = await t.gateway.services.users.createMember(contoso.tenant.id, { displayName: 'Ada Admin', mail: 'ada@contoso.example', roles: [DirectoryRole.GlobalAdministrator] });
    await t.gateway.services.accounts.setPassword(admin.id, 'Violet-Canyon-Radar-4');
    const token = await apiToken('ada@contoso.example', 'Violet-Canyon-Radar-4');
    const [, payload] = token.split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({ aud: `${t.baseUrl}/graphql`, oid: admin.id });
    const client = new GraphQLClient(t, token);
    expect((await client.data(ViewerDocument)).viewer).toMatchObject({ kind: 'User', id: admin.id, displayName: 'Ada Admin', roles: ['GlobalAdministrator'] });
    expect((await client.data(UsersDocument, {})).users.totalCount).toBeGreaterThan(0);

    const plain = await t.gateway.services.users.createMember(contoso.tenant.id, { displayName: 'Pat Plain', mail: 'pat@contoso.example' });
    await t.gateway.services.accounts.setPassword(plain.id, 'Amber-Sextant-Kiwi-1');
    const plainClient = new GraphQLClient(t, await apiToken('pat@contoso.example', 'Amber-Sextant-Kiwi-1'));
    expect((await plainClient.data(ViewerDocument)).viewer.roles).toEqual([]);
    expect(await plainClient.errorCode(UsersDocument, {})).toBe('FORBIDDEN');

    await t.gateway.db.manager.update(User, { id: admin.id }, { accountEnabled: false });
    expect(await client.errorCode(ViewerDocument)).toBe('UNAUTHENTICATED');
  });
});
