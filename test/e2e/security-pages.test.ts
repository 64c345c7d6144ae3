import { beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { User, UserType } from '../../src/directory/user.entity.js';
import { Invitation } from '../../src/invitations/invitation.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { clientCredentialsToken, createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import {
  invite,
  latestMail,
  login,
  managedTenantWithMember,
  type PartnerApp,
  REPLY_URL,
  redeemBySignUp,
  registerApp,
} from '../helpers/partner-flow.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import { GraphQLClient, type TestGateway } from '../helpers/test-gateway.js';
import { TestClock } from '../helpers/test-clock.js';
import { text, WebClient, type WebResponse } from '../helpers/web-client.js';
import { ResendInvitationDocument, RevokeInvitationDocument, UpdateApplicationDocument } from '../graphql/generated.js';

/**
 * Security rules of the redemption and sign-in pages that the rest of the suite exercised without
 * asserting: each test replays the attack so that breaking the enforcing line makes it fail.
 */

const csrfOf = (page: WebResponse) => /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
const codeIn = async (t: TestGateway, smtp: TestSmtpServer, email: string) =>
  /\b(\d{6})\b/.exec((await latestMail(t, smtp, email)).text ?? '')![1]!;

/** The test's own escaping (not the gateway's, so that breaking the gateway's cannot fix the expectation). */
const escaped = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function expectEscaped(page: WebResponse, ...values: string[]): void {
  expect(page.body).not.toMatch(/<script|<img src=x/i);
  for (const value of values) expect(page.body).toContain(escaped(value));
}

describe.each(testDatabases())('security rules of the redemption pages on %s', (kind) => {
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let contoso: TenantFixture;
  let other: TenantFixture;
  let app: PartnerApp;
  let n = 0;
  const address = () => `pages${++n}@fabrikam.example`;
  const members = (email: string) => t.gateway.db.manager.countBy(User, { mail: email, userType: UserType.Member });
  const statusOf = async (id: string) => (await t.gateway.db.manager.findOneByOrFail(Invitation, { id })).status;

  const clock = new TestClock();
  const suite = useGatewaySuite(kind, { smtp: true, clock, tenants: [{ domains: ['contoso-pages.example'] }, {}], app: true });
  beforeAll(
    () =>
      void ({
        smtp,
        t,
        tenants: [contoso, other],
        app,
      } = suite),
  );

  it("refuses a valid invitation and ticket under another tenant's id", async () => {
    // Enforced by RedemptionService.open: `opened.tenant.id !== tenantId`.
    const invitation = await invite(contoso, address(), app);
    const forged = new URL(invitation.inviteRedeemUrl!);
    forged.searchParams.set('tenant', other.tenant.id);
    const web = new WebClient();
    const page = await web.get(forged.href);
    expect(page.status).toBe(404);
    expect(text(page)).toContain('This invitation link is not valid');
    expect(text(page)).not.toContain(contoso.tenant.name);
    forged.searchParams.delete('tenant');
    expect((await web.get(forged.href)).status).toBe(404);
    expect((await web.get(invitation.inviteRedeemUrl!)).status).toBe(200);
  });

  it('refuses the sign-up profile step without a verified code, and with a code verified for another invitation', async () => {
    // Enforced by the /redeem/profile route: `session.verifiedEmail !== email`.
    const email = address();
    const invitation = await invite(contoso, email, app);
    const web = new WebClient();
    const codePage = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
    expect(codePage.body).toContain('action="/redeem/code"');
    const skipped = await web.post(`${t.baseUrl}/redeem/profile`, {
      csrf: csrfOf(codePage),
      displayName: 'Mallory',
      password: 'Orchid-Basalt-Twelve',
    });
    expect(skipped.status).toBe(400);
    expect(text(skipped)).toContain('Verify your email address first');
    expect(await members(email)).toBe(0);
    expect(await statusOf(invitation.id)).toBe('PendingAcceptance');

    // A code proven for my own invitation does not carry over to someone else's link opened in the same browser.
    const mine = address();
    const myInvitation = await invite(contoso, mine, app);
    const attacker = new WebClient();
    const myCodePage = await attacker.submit(await attacker.get(myInvitation.inviteRedeemUrl!), '/redeem/accept');
    const profile = await attacker.submit(myCodePage, '/redeem/code', { code: await codeIn(t, smtp, mine) });
    expect(profile.body).toContain('action="/redeem/profile"');
    const victim = address();
    const victimInvitation = await invite(contoso, victim, app);
    expect((await attacker.get(victimInvitation.inviteRedeemUrl!)).status).toBe(200);
    const hijack = await attacker.submit(profile, '/redeem/profile', { displayName: 'Mallory', password: 'Orchid-Basalt-Twelve' });
    expect(hijack.status).toBe(400);
    expect(text(hijack)).toContain('Verify your email address first');
    expect(await members(victim)).toBe(0);
    expect(await statusOf(victimInvitation.id)).toBe('PendingAcceptance');
  });

  describe('a withdrawn link stays closed', () => {
    it('after revokeInvitation: the link, and a redemption already under way in a browser', async () => {
      // Enforced by RedemptionService.openByHash: `status !== PendingAcceptance`.
      const email = address();
      const invitation = await invite(contoso, email, app);
      const web = new WebClient();
      const codePage = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
      const profile = await web.submit(codePage, '/redeem/code', { code: await codeIn(t, smtp, email) });
      await contoso.admin.client.data(RevokeInvitationDocument, { id: invitation.id });

      expect((await new WebClient().get(invitation.inviteRedeemUrl!)).status).toBe(404);
      const finished = await web.submit(profile, '/redeem/profile', { displayName: 'Late Partner', password: 'Orchid-Basalt-Twelve' });
      expect(finished.status).toBe(404);
      expect(text(finished)).toContain('not valid');
      expect(await members(email)).toBe(0);
      expect(await statusOf(invitation.id)).toBe('Revoked');
    });

    it('after resendInvitation: the old link, and a browser that opened it; the new link works', async () => {
      // Enforced by RedemptionService.openByHash: `sameHash(invitation.ticketHash, ticketHash)`.
      const invitation = await invite(contoso, address(), app);
      const web = new WebClient();
      const review = await web.get(invitation.inviteRedeemUrl!);
      const resent = (await contoso.admin.client.data(ResendInvitationDocument, { id: invitation.id })).resendInvitation;
      expect(resent.inviteRedeemUrl).not.toBe(invitation.inviteRedeemUrl);

      expect((await new WebClient().get(invitation.inviteRedeemUrl!)).status).toBe(404);
      const accepted = await web.submit(review, '/redeem/accept');
      expect(accepted.status).toBe(404);
      expect((await new WebClient().get(resent.inviteRedeemUrl!)).status).toBe(200);
    });

    it('the final conditional UPDATE refuses a link withdrawn after it was checked', async () => {
      // The window between the check of the link and the redemption is too short to hit over HTTP, so the
      // service is called directly. Enforced by RedemptionService.redeemOnce's `status = :pending AND "ticketHash" = :hash`.
      const domain = `late${n}.example`;
      const owner = await managedTenantWithMember(t, domain, `a@${domain}`, 'Harbor-Velvet-Forty');
      for (const withdraw of ['revoke', 'resend'] as const) {
        const email = `${withdraw}@${domain}`;
        const member = await t.gateway.services.users.createMember(owner.tenant.id, { displayName: 'Late', mail: email });
        await t.gateway.services.accounts.setPassword(member.id, 'Harbor-Velvet-Forty');
        const home = await t.gateway.db.manager.findOneByOrFail(User, { id: member.id });
        const invitation = await invite(contoso, email, app);
        const opened = await t.gateway.services.redemption.open(
          contoso.tenant.id,
          invitation.id,
          new URL(invitation.inviteRedeemUrl!).searchParams.get('ticket')!,
        );
        if (withdraw === 'revoke') await contoso.admin.client.data(RevokeInvitationDocument, { id: invitation.id });
        else await contoso.admin.client.data(ResendInvitationDocument, { id: invitation.id });
        await expect(
          t.gateway.services.redemption.redeem(opened, home, { context: { ip: null, userAgent: null }, authMethods: [] }),
          withdraw,
        ).rejects.toMatchObject({ code: 'INVITATION_INVALID' });
        expect(await statusOf(invitation.id)).toBe(withdraw === 'revoke' ? 'Revoked' : 'PendingAcceptance');
        expect((await t.gateway.db.manager.findOneByOrFail(User, { id: invitation.invitedUser!.id })).externalUserState).toBe(
          'PendingAcceptance',
        );
      }
    });
  });

  describe('every page escapes what admins, inviters and visitors can write', () => {
    // Enforced by `html` in src/pages/layout.ts (escapeHtml) and by views.ts never marking these values as SafeHtml.
    const TENANT = `Evil <script>alert('tenant')</script> & Co`;
    const OWNER = `Owner <img src=x onerror="alert('owner')">`;
    const INVITER = `Inviter <script>alert("inviter")</script>`;
    const APP = `App <script>alert('app')</script>`;
    const TEXT = `Hello <script>alert('text')</script> "quoted"`;
    const NAME = `"><script>alert('name')</script>`;
    const HINT = `"><script>alert('hint')</script>`;
    let evil: TenantFixture;
    let evilApp: PartnerApp;

    beforeAll(async () => {
      evil = await createTenant(t, 'http', { name: TENANT, domains: [`evil${n}.example`] });
      // An inviting app with a hostile display name: it becomes the invitation's inviter.
      const { application, clientSecret } = await t.gateway.services.apps.createAsOperator(evil.tenant.id, { displayName: INVITER }, [
        DirectoryRole.GlobalAdministrator,
      ]);
      const token = await clientCredentialsToken(t, evil.tenant.id, application.appId, clientSecret);
      evil = { ...evil, admin: { app: application, clientSecret, token, client: new GraphQLClient(t, token) } };
      evilApp = await registerApp(t, evil);
      await evil.admin.client.data(UpdateApplicationDocument, { id: evilApp.id, input: { displayName: APP } });
    });

    it('review, profile and access panel pages', async () => {
      const email = address();
      const invitation = await invite(evil, email, evilApp, { displayName: NAME, invitationText: TEXT });
      const web = new WebClient();
      const review = await web.get(invitation.inviteRedeemUrl!);
      expect(review.status).toBe(200);
      expectEscaped(review, TENANT, INVITER, APP, TEXT);

      const codePage = await web.submit(review, '/redeem/accept');
      const profile = await web.submit(codePage, '/redeem/code', { code: await codeIn(t, smtp, email) });
      expect(profile.body).toContain('action="/redeem/profile"');
      expectEscaped(profile, NAME);
      expect(profile.body).toContain(`value="${escaped(NAME)}"`);

      const done = await web.submit(profile, '/redeem/profile', { displayName: NAME, password: 'Orchid-Basalt-Twelve' });
      expect(done.location).toBe(REPLY_URL);
      const panel = await web.get(`${t.baseUrl}/${evil.tenant.id}/myapps`);
      expect(text(panel)).toContain(APP);
      expectEscaped(panel, TENANT, APP);
    });

    it('the access-denied page of an app sign-in', async () => {
      const email = address();
      const invitation = await invite(evil, email, null);
      const web = new WebClient();
      await redeemBySignUp(t, smtp, web, invitation.inviteRedeemUrl!, email);
      const denied = await login(web, evilApp);
      expect(denied.page.status).toBe(403);
      expectEscaped(denied.page, APP);
    });

    it('the expired-link and sign-up-refused pages', async () => {
      const expiring = await invite(evil, address(), evilApp);
      clock.fixed = new Date(expiring.expiresAt!);
      const expired = await new WebClient().get(expiring.inviteRedeemUrl!);
      clock.fixed = null;
      expect(expired.status).toBe(410);
      expectEscaped(expired, INVITER);

      // A managed tenant with a hostile name owns the invited domain: the refusal names it.
      const domain = `owner${n}.example`;
      await createTenant(t, 'http', { name: OWNER, domains: [domain] });
      const managed = await invite(evil, `newcomer@${domain}`, evilApp);
      const web = new WebClient();
      const refused = await web.submit(await web.get(managed.inviteRedeemUrl!), '/redeem/accept');
      expect(refused.status).toBe(403);
      expectEscaped(refused, OWNER);
    });

    it('the sign-in pages: login_hint from the app and the address posted back', async () => {
      const hinted = await login(new WebClient(), evilApp, { loginHint: HINT });
      expect(hinted.page.body).toContain('name="password"');
      expectEscaped(hinted.page, HINT);

      const web = new WebClient();
      const panel = await web.get(`${t.baseUrl}/${evil.tenant.id}/myapps`);
      const posted = `${HINT}@fabrikam.example`;
      const refused = await web.submit(panel, `/${evil.tenant.id}/myapps`, { email: posted, password: 'not-the-password' });
      expect(refused.status).toBe(401);
      expectEscaped(refused, posted);
    });
  });
});
