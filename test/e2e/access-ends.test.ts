import http from 'node:http';
import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { OidcPayload } from '../../src/oidc/oidc-payload.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, login, type PartnerApp, REPLY_URL, redeemBySignUp, registerApp } from '../helpers/partner-flow.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import { GraphQLClient, startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { TestClock } from '../helpers/test-clock.js';
import { text, WebClient } from '../helpers/web-client.js';
import { throughSecondFactor } from '../helpers/policy-flow.js';
import {
  AddGroupMemberDocument,
  AssignApplicationDocument,
  AssignDirectoryRoleDocument,
  CreateGroupDocument,
  GrantApiAccessDocument,
  InviteUserDocument,
  RemoveGroupMemberDocument,
  ResetRedemptionDocument,
  UserDocument,
  ViewerDocument,
} from '../graphql/generated.js';

/** A GET with headers fetch() would not send (Host). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ statusCode: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res
          .setEncoding('utf8')
          .on('data', (chunk: string) => (body += chunk))
          .on('end', () => resolve({ statusCode: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** Attacks on ending access, replayed over HTTP: each was possible before the fix. */
describe.each(testDatabases())('access that must end at once (%s)', (kind) => {
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let contoso: TenantFixture;
  let console_: PartnerApp;
  let n = 0;
  const address = (domain = 'fabrikam.example') => `person${++n}.${kind}@${domain}`;

  const clock = new TestClock();
  const suite = useGatewaySuite(kind, {
    smtp: true,
    clock,
    tenants: [{ domains: ['contoso.example'] }],
    app: { assignmentRequired: false },
  });
  beforeAll(async () => {
    ({
      smtp,
      t,
      tenants: [contoso],
      app: console_,
    } = suite);
    await contoso.admin.client.data(GrantApiAccessDocument, { applicationId: console_.id, scopes: ['DirectoryAccessAsUserAll'] });
  });

  /** A silent code flow in a signed-in browser, for an API token. */
  async function apiToken(web: WebClient): Promise<string> {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(console_.config, {
      redirect_uri: REPLY_URL,
      scope: 'openid Directory.AccessAsUser.All',
      resource: `${t.baseUrl}/graphql`,
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    // The guests here hold GlobalAdministrator: a second factor first (MFA for administrators is on by default).
    const page = await throughSecondFactor(t, web, await web.follow(await web.get(url.href), (u) => u.startsWith(REPLY_URL)));
    const tokens = await oidc.authorizationCodeGrant(
      console_.config,
      new URL(page.url),
      { pkceCodeVerifier: verifier, expectedState: state },
      { resource: `${t.baseUrl}/graphql` },
    );
    return tokens.access_token;
  }

  /** A redeemed guest of Contoso holding GlobalAdministrator, signed in to the console app with an API token. */
  async function adminGuest() {
    const email = address();
    const sent = await invite(contoso, email, null);
    const web = new WebClient();
    await redeemBySignUp(t, smtp, web, sent.inviteRedeemUrl!, email);
    const guestId = sent.invitedUser!.id;
    await contoso.admin.client.data(AssignDirectoryRoleDocument, { principal: { type: 'User', id: guestId }, role: 'GlobalAdministrator' });
    const api = new GraphQLClient(t, await apiToken(web));
    expect((await api.data(ViewerDocument)).viewer).toMatchObject({ id: guestId, roles: ['GlobalAdministrator'] });
    return { email, guestId, web, api, upn: sent.invitedUser!.userPrincipalName };
  }

  it('a GuestInviter can neither reset a privileged guest to its own address nor grant apps or groups', async () => {
    const victim = await adminGuest();
    const inviter = await contoso.principal([DirectoryRole.GuestInviter]);
    expect(await inviter.client.errorCode(ResetRedemptionDocument, { userId: victim.guestId, newEmail: 'mallory@attacker.example' })).toBe(
      'FORBIDDEN',
    );
    expect((await contoso.admin.client.data(UserDocument, { id: victim.guestId })).user).toMatchObject({
      mail: victim.email,
      externalUserState: 'Accepted',
    });
    expect((await victim.api.data(ViewerDocument)).viewer.roles).toEqual(['GlobalAdministrator']);

    const before = await t.gateway.db.manager.countBy(User, { tenantId: contoso.tenant.id });
    expect(
      await inviter.client.errorCode(InviteUserDocument, { input: { email: 'mallory2@attacker.example', applicationIds: [console_.id] } }),
    ).toBe('GRANT_NOT_ALLOWED');
    expect(await t.gateway.db.manager.countBy(User, { tenantId: contoso.tenant.id })).toBe(before);
  });

  it("resetRedemption ends the old identity's API token at once, also after someone else redeems; the old address can be invited again", async () => {
    const victim = await adminGuest();
    const reset = (
      await contoso.admin.client.data(ResetRedemptionDocument, { userId: victim.guestId, newEmail: 'newcomer@litware.example' })
    ).resetRedemption;
    expect(await victim.api.errorCode(ViewerDocument)).toBe('UNAUTHENTICATED');

    const newcomer = new WebClient();
    await redeemBySignUp(t, smtp, newcomer, reset.inviteRedeemUrl!, 'newcomer@litware.example');
    // The guest object (with its role) is Accepted again, bound to another home identity.
    expect(await victim.api.errorCode(ViewerDocument)).toBe('UNAUTHENTICATED');
    const theirs = new GraphQLClient(t, await apiToken(newcomer));
    expect((await theirs.data(ViewerDocument)).viewer).toMatchObject({ id: victim.guestId, roles: ['GlobalAdministrator'] });

    const again = (await contoso.admin.client.data(InviteUserDocument, { input: { email: victim.email } })).inviteUser;
    expect(again.invitedUser!.id).not.toBe(victim.guestId);
    expect(again.invitedUser!.userPrincipalName).toBe(victim.upn.replace('#EXT#', '2#EXT#'));
  });

  it("a GuestInviter's re-invitation keeps the access end and the CC restriction a GlobalAdministrator set", async () => {
    const app = await registerApp(t, contoso, { assignmentRequired: true });
    const email = address('partner-limits.example');
    const end = new Date(Date.now() + 3_600_000);
    await contoso.admin.client.data(InviteUserDocument, {
      input: {
        email,
        applicationIds: [app.id],
        accessExpiresAt: end.toISOString(),
        ccEmailAddress: 'boss@partner-limits.example',
        sendInvitationMessage: false,
      },
    });
    const inviter = await contoso.principal([DirectoryRole.GuestInviter]);
    const again = (await inviter.client.data(InviteUserDocument, { input: { email, sendInvitationMessage: false } })).inviteUser;
    expect(again.ccEmailAddress).toBe('boss@partner-limits.example');
    expect((await t.gateway.db.manager.findOneByOrFail(User, { id: again.invitedUser!.id })).accessExpiresAt?.getTime()).toBe(
      end.getTime(),
    );
    // The CC restriction still holds on the new link: no account can be created with it.
    const web = new WebClient();
    const accepted = await web.submit(await web.get(again.inviteRedeemUrl!), '/redeem/accept');
    expect(accepted.status).toBe(403);
    // A later end from the inviter does not loosen it either; an earlier one tightens it.
    await inviter.client.data(InviteUserDocument, {
      input: { email, accessExpiresAt: new Date(Date.now() + 86_400_000).toISOString(), sendInvitationMessage: false },
    });
    expect((await t.gateway.db.manager.findOneByOrFail(User, { id: again.invitedUser!.id })).accessExpiresAt?.getTime()).toBe(
      end.getTime(),
    );
    const sooner = new Date(Date.now() + 600_000);
    await inviter.client.data(InviteUserDocument, {
      input: { email, accessExpiresAt: sooner.toISOString(), sendInvitationMessage: false },
    });
    expect((await t.gateway.db.manager.findOneByOrFail(User, { id: again.invitedUser!.id })).accessExpiresAt?.getTime()).toBe(
      sooner.getTime(),
    );
    // An administrator re-inviting without naming an end keeps it.
    await contoso.admin.client.data(InviteUserDocument, { input: { email, sendInvitationMessage: false } });
    expect((await t.gateway.db.manager.findOneByOrFail(User, { id: again.invitedUser!.id })).accessExpiresAt?.getTime()).toBe(
      sooner.getTime(),
    );
  });

  it("an app cannot introspect another app's tokens", async () => {
    const app = await registerApp(t, contoso, { assignmentRequired: false });
    const other = await registerApp(t, contoso, { assignmentRequired: false });
    const email = address();
    const sent = await invite(contoso, email, null);
    const web = new WebClient();
    await redeemBySignUp(t, smtp, web, sent.inviteRedeemUrl!, email);
    const { tokens } = await login(web, app);
    expect((await oidc.tokenIntrospection(app.config, tokens!.refresh_token!)).active).toBe(true);
    expect((await oidc.tokenIntrospection(other.config, tokens!.refresh_token!)).active).toBe(false);
    expect((await oidc.tokenIntrospection(other.config, tokens!.access_token)).active).toBe(false);
  });

  it('the provider builds its URLs from PUBLIC_URL, never from a host or forwarded header a client wrote', async () => {
    // Behind a proxy the gateway trusts by address, a client that reaches it directly must not be believed.
    const behindProxy = await startTestGateway(kind, { TRUST_PROXY: '10.0.0.1' });
    try {
      const tenant = await createTenant(behindProxy);
      const { statusCode, body } = await rawGet(`${behindProxy.ownUrl}/${tenant.tenant.id}/v2.0/.well-known/openid-configuration`, {
        host: 'evil.example',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
      });
      expect(statusCode).toBe(200);
      const metadata = JSON.parse(body) as Record<string, string>;
      expect(metadata.authorization_endpoint).toBe(`${behindProxy.baseUrl}/${tenant.tenant.id}/v2.0/auth`);
      expect(body).not.toContain('evil.example');
    } finally {
      await behindProxy.stop();
    }
  });

  it('removing a member from an app-assigned group ends its access and refresh tokens at once', async () => {
    const app = await registerApp(t, contoso, { assignmentRequired: true });
    const group = (await contoso.admin.client.data(CreateGroupDocument, { input: { displayName: `Group ${n}` } })).createGroup;
    await contoso.admin.client.data(AssignApplicationDocument, { applicationId: app.id, principal: { type: 'Group', id: group.id } });
    const email = address();
    const sent = await invite(contoso, email, null);
    await contoso.admin.client.data(AddGroupMemberDocument, { groupId: group.id, userId: sent.invitedUser!.id });
    const web = new WebClient();
    await redeemBySignUp(t, smtp, web, sent.inviteRedeemUrl!, email);
    const { tokens } = await login(web, app);
    expect((await oidc.tokenIntrospection(app.config, tokens!.access_token)).active).toBe(true);
    expect((await oidc.tokenIntrospection(app.config, tokens!.refresh_token!)).active).toBe(true);

    const stored = () => t.gateway.db.manager.countBy(OidcPayload, { accountId: sent.invitedUser!.id, clientId: app.clientId });
    expect(await stored()).toBeGreaterThan(0);
    await contoso.admin.client.data(RemoveGroupMemberDocument, { groupId: group.id, userId: sent.invitedUser!.id });
    expect(await stored()).toBe(0);
    expect((await oidc.tokenIntrospection(app.config, tokens!.access_token)).active).toBe(false);
    expect((await oidc.tokenIntrospection(app.config, tokens!.refresh_token!)).active).toBe(false);
    await expect(oidc.refreshTokenGrant(app.config, tokens!.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('a database failure while checking a refresh is a server_error, not a refusal', async () => {
    const app = await registerApp(t, contoso, { assignmentRequired: true });
    const email = address();
    const sent = await invite(contoso, email, null);
    await contoso.admin.client.data(AssignApplicationDocument, {
      applicationId: app.id,
      principal: { type: 'User', id: sent.invitedUser!.id },
    });
    const web = new WebClient();
    await redeemBySignUp(t, smtp, web, sent.inviteRedeemUrl!, email);
    const { tokens } = await login(web, app);
    // The assignment check reads group_member: without it, the check fails as a broken database would.
    // (SQL, not an API: the test is about the database failing.)
    const rename = (from: string, to: string) => t.gateway.db.dataSource.query(`ALTER TABLE "${from}" RENAME TO "${to}"`);
    await rename('group_member', 'group_member_away');
    try {
      const failure = await oidc.refreshTokenGrant(app.config, tokens!.refresh_token!).then(
        () => null,
        (error: { cause?: Response }) => error.cause ?? null,
      );
      expect(failure?.status).toBe(500);
      expect(await failure?.json()).toMatchObject({ error: 'server_error' });
    } finally {
      await rename('group_member_away', 'group_member');
    }
    expect((await oidc.refreshTokenGrant(app.config, tokens!.refresh_token!)).access_token, 'the refresh token still works').toBeTruthy();
  });

  it('the access end applies at once, before the job disables the guest: API, introspection, userinfo, refresh and the access panel', async () => {
    const app = await registerApp(t, contoso, { assignmentRequired: true });
    const email = address();
    const endsAt = new Date(Math.ceil((Date.now() + 5 * 60_000) / 1000) * 1000);
    const sent = await invite(contoso, email, app, { accessExpiresAt: endsAt.toISOString() });
    const web = new WebClient();
    await redeemBySignUp(t, smtp, web, sent.inviteRedeemUrl!, email);
    const { tokens } = await login(web, app);
    const api = new GraphQLClient(t, await apiToken(web));
    expect((await api.data(ViewerDocument)).viewer.id).toBe(sent.invitedUser!.id);
    expect(text(await web.get(`${t.baseUrl}/${contoso.tenant.id}/myapps`))).toContain('Partner Expenses');

    // The access end arrives; the expiry job does not run (its timer has not fired on this fresh gateway).
    clock.fixed = endsAt;
    expect(await api.errorCode(ViewerDocument)).toBe('UNAUTHENTICATED');
    expect((await oidc.tokenIntrospection(app.config, tokens!.access_token)).active).toBe(false);
    expect((await oidc.tokenIntrospection(app.config, tokens!.refresh_token!)).active).toBe(false);
    await expect(oidc.fetchUserInfo(app.config, tokens!.access_token, oidc.skipSubjectCheck)).rejects.toBeTruthy();
    await expect(oidc.refreshTokenGrant(app.config, tokens!.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(text(await web.get(`${t.baseUrl}/${contoso.tenant.id}/myapps`))).not.toContain('Partner Expenses');
    // Nothing was deleted: the checks alone refused.
    expect((await t.gateway.db.manager.findOneByOrFail(User, { id: sent.invitedUser!.id })).accountEnabled).toBe(true);
    clock.fixed = null;
  });
});
