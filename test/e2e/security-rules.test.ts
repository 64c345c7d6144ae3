import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppAssignment } from '../../src/apps/app-assignment.entity.js';
import { GroupMember } from '../../src/directory/group.entity.js';
import { User, UserType } from '../../src/directory/user.entity.js';
import { SigningKey } from '../../src/oidc/signing-key.entity.js';
import { OidcPayload } from '../../src/oidc/oidc-payload.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { clientCredentialsToken, createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, login, type PartnerApp, REPLY_URL, redeemBySignUp, registerApp } from '../helpers/partner-flow.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { TestClock } from '../helpers/test-clock.js';
import { startUpstreamIdp } from '../helpers/upstream-idp.js';
import { text, WebClient } from '../helpers/web-client.js';
import {
  AssignApplicationDocument,
  CreateGroupDocument,
  RegisterIdentityProviderDocument,
  RemoveGroupMemberDocument,
  RotateSigningKeyDocument,
  SigningKeysDocument,
  UpdateApplicationDocument,
} from '../graphql/generated.js';

/**
 * Security rules that the rest of the suite exercised without asserting: each test replays the
 * attack so that breaking the enforcing line makes it fail (see the comment on each).
 */

/** The gateway's clock: real time plus an offset, or a fixed instant. */
/** Status of a userinfo request with this access token (200, or 401 when access is refused). */
async function userinfoStatus(app: PartnerApp, accessToken: string): Promise<number> {
  const response = await fetch(app.config.serverMetadata().userinfo_endpoint!, { headers: { authorization: `Bearer ${accessToken}` } });
  return response.status;
}

/** The provider's stored artefacts of one account (sessions, grants, tokens). */
const storedFor = (t: TestGateway, accountId: string) => t.gateway.db.manager.countBy(OidcPayload, { accountId });

describe.each(testDatabases())('security rules at token time on %s', (kind) => {
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let contoso: TenantFixture;
  let n = 0;
  const address = () => `rules${++n}@fabrikam.example`;

  const suite = useGatewaySuite(kind, { smtp: true, tenants: [{ domains: ['contoso-rules.example'] }] });
  beforeAll(
    () =>
      void ({
        smtp,
        t,
        tenants: [contoso],
      } = suite),
  );

  /** A guest who belongs to `groupId` and has no assignment of its own, signed in to `app`. */
  async function signedInThroughGroup(app: PartnerApp, groupId: string) {
    const email = address();
    const invitation = await invite(contoso, email, null, { groupIds: [groupId] });
    const web = new WebClient();
    await redeemBySignUp(t, smtp, web, invitation.inviteRedeemUrl!, email);
    const guestId = invitation.invitedUser!.id;
    expect(await t.gateway.db.manager.countBy(AppAssignment, { principalId: guestId })).toBe(0);
    const { tokens } = await login(web, app);
    expect(tokens, 'a user assigned only through a group signs in').not.toBeNull();
    // Refresh and userinfo work while the group grants access.
    const refreshed = await oidc.refreshTokenGrant(app.config, tokens!.refresh_token!);
    expect(await userinfoStatus(app, refreshed.access_token)).toBe(200);
    return { guestId, web, refreshed };
  }

  async function groupAssignedTo(app: PartnerApp): Promise<string> {
    const group = (await contoso.admin.client.data(CreateGroupDocument, { input: { displayName: `Group ${++n}` } })).createGroup;
    await contoso.admin.client.data(AssignApplicationDocument, { applicationId: app.id, principal: { type: 'Group', id: group.id } });
    return group.id;
  }

  describe('app assignment is checked at every token, refresh and userinfo request', () => {
    // Enforced by AccessService.checkSignIn (`app?.assignmentRequired && !isAssigned`) and assignmentsOf's group clause.
    // The admin paths may also delete the tokens; the rows are deleted directly here so that the
    // tokens stay stored and only the check can refuse.

    it('refuses refresh and userinfo once the user leaves the group, though its tokens are still stored', async () => {
      const app = await registerApp(t, contoso);
      const groupId = await groupAssignedTo(app);
      const { guestId, refreshed } = await signedInThroughGroup(app, groupId);
      await t.gateway.db.manager.delete(GroupMember, { groupId, userId: guestId });
      expect(await storedFor(t, guestId)).toBeGreaterThan(0);
      await expect(oidc.refreshTokenGrant(app.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
      expect(await userinfoStatus(app, refreshed.access_token)).toBe(401);
    });

    it("refuses refresh and userinfo once the group's assignment is gone, though its tokens are still stored", async () => {
      const app = await registerApp(t, contoso);
      const groupId = await groupAssignedTo(app);
      const { guestId, refreshed } = await signedInThroughGroup(app, groupId);
      await t.gateway.db.manager.delete(AppAssignment, { applicationId: app.id, principalId: groupId });
      expect(await storedFor(t, guestId)).toBeGreaterThan(0);
      await expect(oidc.refreshTokenGrant(app.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
      expect(await userinfoStatus(app, refreshed.access_token)).toBe(401);
    });

    it('refuses refresh and userinfo after removeGroupMember over GraphQL', async () => {
      const app = await registerApp(t, contoso);
      const groupId = await groupAssignedTo(app);
      const { guestId, refreshed } = await signedInThroughGroup(app, groupId);
      await contoso.admin.client.data(RemoveGroupMemberDocument, { groupId, userId: guestId });
      await expect(oidc.refreshTokenGrant(app.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
      expect(await userinfoStatus(app, refreshed.access_token)).toBe(401);
    });

    it('applies assignmentRequired turned on after sign-in: a group assigned to another app does not count, one assigned to this app does', async () => {
      const app = await registerApp(t, contoso, { assignmentRequired: false });
      const other = await registerApp(t, contoso);
      const groupId = await groupAssignedTo(other);
      const { guestId, refreshed } = await signedInThroughGroup(app, groupId);
      await contoso.admin.client.data(UpdateApplicationDocument, { id: app.id, input: { assignmentRequired: true } });
      expect(await storedFor(t, guestId)).toBeGreaterThan(0);
      await expect(oidc.refreshTokenGrant(app.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
      expect(await userinfoStatus(app, refreshed.access_token)).toBe(401);

      // The refused refresh token was not consumed: once the group is assigned to this app, it works again.
      await contoso.admin.client.data(AssignApplicationDocument, { applicationId: app.id, principal: { type: 'Group', id: groupId } });
      const again = await oidc.refreshTokenGrant(app.config, refreshed.refresh_token!);
      expect(await userinfoStatus(app, again.access_token)).toBe(200);
    });
  });

  describe("rotateSigningKey stays in the caller's tenant", () => {
    // Enforced by SigningKeyService.rotate, which retires only `actor.tenantId`'s keys.
    it("tenant A's rotation leaves tenant B's keys, JWKS and tokens as they were", async () => {
      const a = await createTenant(t);
      const b = await createTenant(t);
      const bKeys = async () => (await b.admin.client.data(SigningKeysDocument)).signingKeys.map((k) => [k.kid, k.status]);
      const jwks = async (tenantId: string) =>
        ((await (await fetch(`${t.baseUrl}/${tenantId}/v2.0/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
      const kidOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()).kid as string;
      const before = await bKeys();
      const bJwks = await jwks(b.tenant.id);
      const aJwks = await jwks(a.tenant.id);
      expect(before).toEqual([[bJwks[0], 'active']]);

      // Activating at once: a key of B retired by mistake would stop signing immediately.
      const rotated = (await a.admin.client.data(RotateSigningKeyDocument, { activateInSeconds: 0 })).rotateSigningKey;
      expect(rotated.map((k) => k.status)).toEqual(['active', 'retired']);
      expect(await jwks(a.tenant.id)).not.toEqual(aJwks);

      expect(await bKeys()).toEqual(before);
      expect(await jwks(b.tenant.id)).toEqual(bJwks);
      expect(await t.gateway.db.manager.findBy(SigningKey, { tenantId: b.tenant.id })).toEqual([
        expect.objectContaining({ kid: bJwks[0], retiresAt: null }),
      ]);
      expect(kidOf(await clientCredentialsToken(t, b.tenant.id, b.admin.app.appId, b.admin.clientSecret))).toBe(bJwks[0]);
    });
  });

  describe('federation accepts only what the partner provider may assert', () => {
    // Enforced by FederationService.completeSignIn: `claims.email_verified === false` and `provider.domains.includes(...)`.
    let upstream: Awaited<ReturnType<typeof startUpstreamIdp>>;
    let app: PartnerApp;
    let fabrikam: TenantFixture;

    beforeAll(async () => {
      upstream = await startUpstreamIdp(`${t.baseUrl}/federation/callback`);
      fabrikam = await createTenant(t, 'http', { domains: ['fabrikam-fed.example'] });
      await fabrikam.admin.client.data(RegisterIdentityProviderDocument, {
        input: { issuer: upstream.issuer, clientId: 'gateway', clientSecret: 'upstream-secret', domains: ['fabrikam-fed.example'] },
      });
      app = await registerApp(t, contoso);
    });
    afterAll(() => upstream.close());

    it('refuses a redemption when the partner provider says email_verified: false', async () => {
      upstream.addAccount('unverified-sub', 'dana@fabrikam-fed.example', 'Dana', { emailVerified: false });
      upstream.signInAs('unverified-sub');
      const invitation = await invite(contoso, 'dana@fabrikam-fed.example', app);
      const web = new WebClient();
      const accept = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
      expect(accept.location?.startsWith(upstream.issuer)).toBe(true);
      const page = await web.follow(accept, (u) => u.startsWith(REPLY_URL));
      expect(page.status).toBe(403);
      expect(text(page)).toContain('did not confirm an email address');
      expect((await t.gateway.db.manager.findOneByOrFail(User, { id: invitation.invitedUser!.id })).externalUserState).toBe(
        'PendingAcceptance',
      );
      expect(await t.gateway.db.manager.countBy(User, { mail: 'dana@fabrikam-fed.example', userType: UserType.Member })).toBe(0);
    });

    it('refuses an address of a domain the partner provider does not answer for, and signs nobody in', async () => {
      // The partner's provider asserts an address at another company (here: the inviting tenant's own domain).
      upstream.addAccount('foreign-sub', 'ceo@contoso-rules.example', 'Not The CEO');
      upstream.signInAs('foreign-sub');
      const web = new WebClient();
      const panel = await web.get(`${t.baseUrl}/${contoso.tenant.id}/myapps`);
      const started = await web.submit(panel, `/${contoso.tenant.id}/myapps`, { email: 'erin@fabrikam-fed.example', password: '' });
      expect(started.location?.startsWith(upstream.issuer)).toBe(true);
      const page = await web.follow(started);
      expect(page.status).toBe(403);
      expect(text(page)).toContain('does not answer for contoso-rules.example');
      expect(await t.gateway.db.manager.countBy(User, { mail: 'ceo@contoso-rules.example' })).toBe(0);
      // Still signed out: the panel asks for credentials.
      expect((await web.get(`${t.baseUrl}/${contoso.tenant.id}/myapps`)).body).toContain('name="password"');
    });
  });
});

describe.each(testDatabases())('access expiry is checked at sign-in and refresh on %s', (kind) => {
  // Enforced by AccessService.checkSignIn (`accessExpiresAt <= clock.now()`). The expiry job is not
  // run (its timer has not fired: this gateway is fresh), so the guest stays enabled with its tokens
  // stored, and only the check can refuse.
  const clock = new TestClock();
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let contoso: TenantFixture;
  let app: PartnerApp;

  const suite = useGatewaySuite(kind, { smtp: true, clock, tenants: [{ domains: ['contoso-expiry.example'] }], app: true });
  beforeAll(
    () =>
      void ({
        smtp,
        t,
        tenants: [contoso],
        app,
      } = suite),
  );

  it('refuses refresh, userinfo and a new sign-in from the moment access ends, without the expiry job', async () => {
    const email = 'expiring@fabrikam.example';
    const endsAt = new Date(Math.ceil((Date.now() + 5 * 60_000) / 1000) * 1000);
    const invitation = await invite(contoso, email, app, { accessExpiresAt: endsAt.toISOString() });
    const web = new WebClient();
    await redeemBySignUp(t, smtp, web, invitation.inviteRedeemUrl!, email, 'Lantern-Copper-Ninety');
    const { tokens } = await login(web, app);
    expect(tokens).not.toBeNull();
    const guestId = invitation.invitedUser!.id;

    clock.fixed = new Date(endsAt.getTime() - 1000);
    const refreshed = await oidc.refreshTokenGrant(app.config, tokens!.refresh_token!);
    expect(await userinfoStatus(app, refreshed.access_token)).toBe(200);

    clock.fixed = endsAt;
    const guest = await t.gateway.db.manager.findOneByOrFail(User, { id: guestId });
    expect(guest.accountEnabled).toBe(true);
    expect(await storedFor(t, guestId)).toBeGreaterThan(0);
    await expect(oidc.refreshTokenGrant(app.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await userinfoStatus(app, refreshed.access_token)).toBe(401);

    // The browser that is still signed in, and a fresh one with the password, are refused with the reason.
    for (const [browser, options] of [
      [web, {}],
      [new WebClient(), { credentials: { email, password: 'Lantern-Copper-Ninety' } }],
    ] as const) {
      const denied = await login(browser, app, options);
      expect(denied.tokens).toBeNull();
      expect(denied.page.status).toBe(403);
      expect(text(denied.page)).toContain('Your access to this organization has ended');
    }
    expect((await t.gateway.db.manager.findOneByOrFail(User, { id: guestId })).accountEnabled).toBe(true);
    clock.fixed = null;
  });
});
