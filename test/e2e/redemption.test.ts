import * as oidc from 'openid-client';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { User, UserType } from '../../src/directory/user.entity.js';
import { Invitation } from '../../src/invitations/invitation.entity.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
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
import type { TestGateway } from '../helpers/test-gateway.js';
import { TestClock } from '../helpers/test-clock.js';
import { text, WebClient, type WebResponse } from '../helpers/web-client.js';
import { InviteUserDocument, RemoveUserDocument, SetUserEnabledDocument, UnassignApplicationDocument } from '../graphql/generated.js';
import { OidcPayload } from '../../src/oidc/oidc-payload.entity.js';

describe.each(testDatabases())('redemption and partner sign-in on %s', (kind) => {
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let contoso: TenantFixture;
  let app: PartnerApp;
  let n = 0;
  const address = (prefix = 'partner') => `${prefix}${++n}@fabrikam.example`;

  /** Of concurrent redemptions of one invitation: one redirect to the app, the others a readable refusal, one redemption recorded. */
  async function expectOneWinner(results: WebResponse[], guestId: string, loser = { statuses: [404], text: /used already/ }) {
    const winners = results.filter((r) => r.status === 303);
    expect(winners.map((r) => r.location)).toEqual([REPLY_URL]);
    for (const page of results.filter((r) => r.status !== 303)) {
      expect(loser.statuses, text(page)).toContain(page.status);
      expect(text(page)).toMatch(loser.text);
    }
    expect(await t.gateway.db.manager.countBy(AuditEvent, { action: 'Redeem external user invite.', targetId: guestId })).toBe(1);
  }

  const clock = new TestClock();
  const suite = useGatewaySuite(kind, {
    smtp: true,
    clock,
    tenants: [{ domains: ['contoso.example'], privacyUrl: 'https://contoso.example/privacy' }],
    app: true,
  });
  beforeAll(
    () =>
      void ({
        smtp,
        t,
        tenants: [contoso],
        app,
      } = suite),
  );

  it('signs up with an emailed code, redeems, lands on the app, and the app signs the guest in with external-user claims', async () => {
    const email = address();
    const invitation = await invite(contoso, email, app);
    const mail = await latestMail(t, smtp, email);
    const link = /(http:\/\/\S+\/redeem\?\S+)/.exec(mail.text!)![1]!;
    expect(link).toBe(invitation.inviteRedeemUrl);

    const web = new WebClient();
    const review = await web.get(link);
    expect(text(review)).toContain(`${contoso.tenant.name} invites you`);
    expect(text(review)).toContain('Partner Expenses');
    expect(review.body).toContain('https://contoso.example/privacy');
    const done = await redeemBySignUp(t, smtp, web, link, email);
    expect(done.status).toBe(303);
    expect(done.location).toBe(REPLY_URL);

    const guest = await t.gateway.db.manager.findOneByOrFail(User, { id: invitation.invitedUser!.id });
    expect(guest).toMatchObject({
      externalUserState: 'Accepted',
      signInName: email,
      displayName: 'Partner Person',
      homeUserId: expect.any(String),
    });
    expect(guest.altSecId).toMatch(/^5::[0-9A-F]{16}$/);
    expect((await t.gateway.db.manager.findOneByOrFail(Invitation, { id: invitation.id })).status).toBe('Accepted');
    const home = await t.gateway.db.manager.findOneByOrFail(User, { id: guest.homeUserId! });
    expect(home).toMatchObject({ userType: 'Member', mail: email, emailVerified: true });
    const actions = (await t.gateway.db.manager.findBy(AuditEvent, {})).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['Redeem external user invite.', 'Viral tenant creation.', 'Viral user creation.']));

    const { tokens } = await login(web, app);
    expect(tokens).not.toBeNull();
    const claims = tokens!.claims()!;
    expect(claims).toMatchObject({
      iss: `${t.baseUrl}/${contoso.tenant.id}/v2.0`,
      aud: app.clientId,
      tid: contoso.tenant.id,
      oid: guest.id,
      sub: guest.id,
      idp: `${t.baseUrl}/${home.tenantId}/v2.0`,
      altsecid: guest.altSecId,
      unique_name: email,
      email,
      name: 'Partner Person',
      acct: 1,
      ver: '2.0',
    });
    expect(claims.upn).toBeUndefined();

    const userinfo = await oidc.fetchUserInfo(app.config, tokens!.access_token, guest.id);
    expect(userinfo).toMatchObject({ sub: guest.id, email, oid: guest.id });

    const refreshed = await oidc.refreshTokenGrant(app.config, tokens!.refresh_token!);
    expect(refreshed.refresh_token).toBeDefined();
    expect(refreshed.refresh_token).not.toBe(tokens!.refresh_token);
    expect((await oidc.tokenIntrospection(app.config, refreshed.access_token)).active).toBe(true);
    await oidc.tokenRevocation(app.config, refreshed.access_token);
    expect((await oidc.tokenIntrospection(app.config, refreshed.access_token)).active).toBe(false);

    // Replaying a rotated refresh token fails, and revokes the whole family (theft detection).
    await expect(oidc.refreshTokenGrant(app.config, tokens!.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oidc.refreshTokenGrant(app.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });

    const logout = oidc.buildEndSessionUrl(app.config, { id_token_hint: refreshed.id_token!, post_logout_redirect_uri: REPLY_URL });
    const confirm = await web.get(logout.href);
    expect(confirm.status).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(confirm.body)![1]!;
    const out = await web.submit(confirm, action, { logout: 'yes' });
    const final = await web.follow(out, (u) => u.startsWith(REPLY_URL));
    expect(final.url).toMatch(new RegExp(`^${REPLY_URL}`));
  });

  it('redeems with an existing account of another managed tenant, whose issuer becomes idp', async () => {
    const fabrikam = await managedTenantWithMember(t, `fabrikam${n}.example`, `bob@fabrikam${n}.example`, 'bob-has-a-long-password');
    const email = `bob@fabrikam${n}.example`;
    const invitation = await invite(contoso, email, app);
    const web = new WebClient();
    const review = await web.get(invitation.inviteRedeemUrl!);
    const signIn = await web.submit(review, '/redeem/accept');
    expect(text(signIn)).toContain('Sign in');
    const wrong = await web.submit(signIn, '/redeem/signin', { password: 'not the password' });
    expect(wrong.status).toBe(401);
    const done = await web.submit(wrong, '/redeem/signin', { password: 'bob-has-a-long-password' });
    expect(done.location).toBe(REPLY_URL);
    const { tokens } = await login(web, app);
    expect(tokens!.claims()).toMatchObject({ idp: `${t.baseUrl}/${fabrikam.tenant.id}/v2.0`, email, acct: 1, tid: contoso.tenant.id });
  });

  it('gives a member of the tenant the member shape (no idp, acct 0)', async () => {
    const member = await t.gateway.services.users.createMember(contoso.tenant.id, {
      displayName: 'Carla Employee',
      mail: 'carla@contoso.example',
    });
    await t.gateway.services.accounts.setPassword(member.id, 'Tulip-Orbit-Seventy');
    const open = await registerApp(t, contoso, { assignmentRequired: false });
    const { tokens } = await login(new WebClient(), open, {
      credentials: { email: 'carla@contoso.example', password: 'Tulip-Orbit-Seventy' },
    });
    const claims = tokens!.claims()!;
    expect(claims).toMatchObject({ oid: member.id, tid: contoso.tenant.id, acct: 0, email: 'carla@contoso.example' });
    expect(claims.idp).toBeUndefined();
  });

  it('asks for the password again on prompt=login and max_age=0, and honours login_hint', async () => {
    const email = address();
    const invitation = await invite(contoso, email, app);
    const web = new WebClient();
    await redeemBySignUp(t, smtp, web, invitation.inviteRedeemUrl!, email, 'Saffron-Glacier-Kite');
    expect((await login(web, app)).tokens).not.toBeNull();
    for (const options of [{ prompt: 'login' }, { maxAge: 0 }]) {
      const asked = await login(web, app, options);
      expect(asked.tokens).toBeNull();
      expect(asked.page.body).toContain('name="password"');
      const again = await login(web, app, { ...options, credentials: { email, password: 'Saffron-Glacier-Kite' } });
      expect(again.tokens?.claims()?.email).toBe(email);
    }
    const hinted = await login(web, app, { loginHint: 'someone.else@fabrikam.example' });
    expect(hinted.page.body).toContain('value="someone.else@fabrikam.example"');
  });

  it("removing an assignment deletes that app's grants and tokens at once, and the access panel follows", async () => {
    const email = address();
    const invitation = await invite(contoso, email, app);
    const web = new WebClient();
    await redeemBySignUp(t, smtp, web, invitation.inviteRedeemUrl!, email);
    const { tokens } = await login(web, app);
    const guestId = invitation.invitedUser!.id;
    const stored = () => t.gateway.db.manager.countBy(OidcPayload, { accountId: guestId, clientId: app.clientId });
    expect(await stored()).toBeGreaterThan(0);
    const panel = await web.get(`${t.baseUrl}/${contoso.tenant.id}/myapps`);
    expect(text(panel)).toContain('Partner Expenses');
    await contoso.admin.client.data(UnassignApplicationDocument, { applicationId: app.id, principal: { type: 'User', id: guestId } });
    expect(await stored()).toBe(0);
    await expect(oidc.refreshTokenGrant(app.config, tokens!.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await oidc.tokenIntrospection(app.config, tokens!.access_token)).active).toBe(false);
    const empty = await web.get(`${t.baseUrl}/${contoso.tenant.id}/myapps`);
    expect(text(empty)).toContain('No apps have been assigned to you yet');
  });

  describe('refusals', () => {
    it('refuses an unassigned user with a readable page, before any code is issued', async () => {
      const email = address();
      const invitation = await invite(contoso, email, null);
      const web = new WebClient();
      await redeemBySignUp(t, smtp, web, invitation.inviteRedeemUrl!, email);
      const denied = await login(web, app);
      expect(denied.tokens).toBeNull();
      expect(denied.page.status).toBe(403);
      expect(text(denied.page)).toContain('You have not been given access to Partner Expenses');
      const back = await web.follow(await web.submit(denied.page, /action="([^"]+\/abort)"/.exec(denied.page.body)![1]!), (u) =>
        u.startsWith(REPLY_URL),
      );
      expect(new URL(back.url).searchParams.get('error')).toBe('access_denied');
      expect(new URL(back.url).searchParams.get('code')).toBeNull();
    });

    it('ends access at once when the guest is disabled, removed, or its home account disabled', async () => {
      const sessions = [] as { web: WebClient; guestId: string; refresh: string; homeId: string }[];
      for (let i = 0; i < 3; i++) {
        const email = address();
        const invitation = await invite(contoso, email, app);
        const web = new WebClient();
        await redeemBySignUp(t, smtp, web, invitation.inviteRedeemUrl!, email);
        const { tokens } = await login(web, app);
        const guest = await t.gateway.db.manager.findOneByOrFail(User, { id: invitation.invitedUser!.id });
        sessions.push({ web, guestId: guest.id, refresh: tokens!.refresh_token!, homeId: guest.homeUserId! });
      }
      await contoso.admin.client.data(SetUserEnabledDocument, { id: sessions[0]!.guestId, enabled: false });
      await contoso.admin.client.data(RemoveUserDocument, { id: sessions[1]!.guestId });
      // Written directly: the home account's self-service tenant has no administrator to disable it, and the
      // service would also revoke the guest's tokens; only the token-time check on the home account refuses here.
      await t.gateway.db.manager.update(User, { id: sessions[2]!.homeId }, { accountEnabled: false });
      for (const s of sessions) {
        await expect(oidc.refreshTokenGrant(app.config, s.refresh)).rejects.toMatchObject({ error: 'invalid_grant' });
      }
      const again = await login(sessions[0]!.web, app);
      expect(again.tokens).toBeNull();
      expect(text(again.page)).toContain('disabled');
      // The access panel says access ended, not "no apps yet" (an unassigned app still reads "yet").
      for (const s of sessions.slice(0, 2)) {
        expect(text(await s.web.get(`${t.baseUrl}/${contoso.tenant.id}/myapps`))).toContain(`${contoso.tenant.name} has removed it`);
      }
    });

    it('refuses a used, an unknown and an expired link, without telling which addresses exist', async () => {
      const email = address();
      const invitation = await invite(contoso, email, app);
      await redeemBySignUp(t, smtp, new WebClient(), invitation.inviteRedeemUrl!, email);
      const reused = await new WebClient().get(invitation.inviteRedeemUrl!);
      expect(reused.status).toBe(404);
      const forged = await new WebClient().get(invitation.inviteRedeemUrl!.replace(/ticket=[^&]+/, 'ticket=AAAA'));
      expect(forged.status).toBe(404);
      expect(text(forged).replace(/Request id: \S+/, '')).toBe(text(reused).replace(/Request id: \S+/, ''));

      const expiring = await invite(contoso, address(), app);
      clock.fixed = new Date(expiring.expiresAt!);
      const expired = await new WebClient().get(expiring.inviteRedeemUrl!);
      clock.fixed = null;
      expect(expired.status).toBe(410);
      expect(text(expired)).toContain(`Ask ${contoso.admin.app.displayName} for a new one`);
    });

    it('an accepted guest cannot be invited again (GUEST_ALREADY_ACCEPTED)', async () => {
      const email = address();
      const invitation = await invite(contoso, email, app);
      const done = await redeemBySignUp(t, smtp, new WebClient(), invitation.inviteRedeemUrl!, email);
      expect(done.location).toBe(REPLY_URL);
      expect(await contoso.admin.client.errorCode(InviteUserDocument, { input: { email } })).toBe('GUEST_ALREADY_ACCEPTED');
    });

    it('lets exactly one of two browsers signing in to accept one invitation at once win; the others get a clear page', async () => {
      const domain = `race${n}.example`;
      const email = `x@${domain}`;
      await managedTenantWithMember(t, domain, email, 'race-password-long');
      const invitation = await invite(contoso, email, app);
      // Two: the bound on password hashes in flight lets one client (this loopback address) run two at once.
      const browsers = [new WebClient(), new WebClient()];
      // Every browser has checked the link and holds the sign-in form before any of them redeems.
      const forms = await Promise.all(
        browsers.map(async (web) => web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept')),
      );
      for (const form of forms) expect(form.body).toContain('action="/redeem/signin"');
      const results = await Promise.all(
        browsers.map((web, i) => web.submit(forms[i]!, '/redeem/signin', { password: 'race-password-long' })),
      );
      await expectOneWinner(results, invitation.invitedUser!.id);
    });

    /** Browsers that have each verified their own emailed code for the invitation and hold the profile form. */
    async function atProfileStep(link: string, email: string, count: number) {
      const browsers = Array.from({ length: count }, () => new WebClient());
      const profiles = [];
      for (const web of browsers) {
        const codePage = await web.submit(await web.get(link), '/redeem/accept');
        const code = /\b(\d{6})\b/.exec((await latestMail(t, smtp, email)).text ?? '')![1]!;
        const profile = await web.submit(codePage, '/redeem/code', { code });
        expect(profile.body).toContain('action="/redeem/profile"');
        profiles.push(profile);
      }
      return { browsers, profiles };
    }

    it('lets exactly one of two browsers signing up to accept one invitation at once win; the other gets a clear page', async () => {
      // A domain without a self-service tenant yet: both sign-ups also race to create it.
      const email = `racer@fresh${++n}.example`;
      const invitation = await invite(contoso, email, app);
      const { browsers, profiles } = await atProfileStep(invitation.inviteRedeemUrl!, email, 2);
      const results = await Promise.all(
        browsers.map((web, i) => web.submit(profiles[i]!, '/redeem/profile', { displayName: 'Racer', password: 'Pepper-Lagoon-Sixty' })),
      );
      // The loser finds the invitation used, or (the usual case) its own sign-up beaten by the winner's account.
      await expectOneWinner(results, invitation.invitedUser!.id, { statuses: [403, 404], text: /used already|exists already/ });
      expect(await t.gateway.db.manager.countBy(User, { mail: email, userType: UserType.Member })).toBe(1);
    });

    it('locks the code after 5 wrong attempts', async () => {
      const email = address();
      const invitation = await invite(contoso, email, app);
      const web = new WebClient();
      const codePage = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
      const code = /\b(\d{6})\b/.exec((await latestMail(t, smtp, email)).text ?? '')![1]!;
      const wrong = code === '000000' ? '111111' : '000000';
      let page = codePage;
      for (let i = 0; i < 5; i++) page = await web.submit(codePage, '/redeem/code', { code: wrong });
      expect(page.status).toBe(400);
      const locked = await web.submit(codePage, '/redeem/code', { code });
      expect(locked.status).toBe(429);
      expect(text(locked)).toContain('Too many wrong codes');
    });

    it('asks to switch account when another account is signed in', async () => {
      const first = address();
      const firstInvite = await invite(contoso, first, app);
      const web = new WebClient();
      await redeemBySignUp(t, smtp, web, firstInvite.inviteRedeemUrl!, first);
      const second = await invite(contoso, address(), app);
      const switchPage = await web.submit(await web.get(second.inviteRedeemUrl!), '/redeem/accept');
      expect(text(switchPage)).toContain(`You are signed in as ${first}, but this invitation is for ${second.email}`);
    });

    it('refuses sign-up for a CC invitation and for a domain a managed tenant owns', async () => {
      const cc = await invite(contoso, address(), app, { ccEmailAddress: 'boss@fabrikam.example' });
      const web = new WebClient();
      const refused = await web.submit(await web.get(cc.inviteRedeemUrl!), '/redeem/accept');
      expect(refused.status).toBe(403);
      expect(text(refused)).toContain('cannot be used to create one');

      await managedTenantWithMember(t, `managed${n}.example`, `someone@managed${n}.example`, 'Quartz-Meadow-Eleven');
      const managed = await invite(contoso, `newcomer@managed${n}.example`, app);
      const web2 = new WebClient();
      const page = await web2.submit(await web2.get(managed.inviteRedeemUrl!), '/redeem/accept');
      expect(page.status).toBe(403);
      expect(text(page)).toContain('Ask its administrator for an account');
    });

    it('a CC invitation creates no account by any route: resend → code → profile is refused at each step', async () => {
      const email = address();
      const cc = await invite(contoso, email, app, { ccEmailAddress: 'boss@fabrikam.example' });
      const web = new WebClient();
      const review = await web.get(cc.inviteRedeemUrl!);
      const csrf = /name="csrf" value="([^"]+)"/.exec(review.body)![1]!;
      // The attack skips Accept (which refuses) and asks for a code directly.
      const resent = await web.post(`${t.baseUrl}/redeem/code/resend`, { csrf });
      await t.gateway.outboxWorker.drain();
      const subjects = await Promise.all(
        smtp.received.filter((m) => m.to.includes(email)).map(async (m) => (await simpleParser(m.raw)).subject ?? ''),
      );
      const code = subjects.map((subject) => /verification code is (\d{6})/.exec(subject)?.[1]).find(Boolean) ?? '123456';
      const verified = await web.post(`${t.baseUrl}/redeem/code`, { csrf, code });
      const profile = await web.post(`${t.baseUrl}/redeem/profile`, { csrf, displayName: 'Intruder', password: 'Amber-Falcon-Ninety-3' });

      expect(await t.gateway.db.manager.countBy(User, { mail: email, userType: 'Member' as never }), 'an account was created').toBe(0);
      expect(
        subjects.filter((s) => /verification code/.test(s)),
        'a code was mailed',
      ).toEqual([]);
      for (const page of [resent, verified, profile]) {
        expect(page.status).toBe(403);
        expect(text(page)).toContain('cannot be used to create one');
      }
      expect((await t.gateway.db.manager.findOneByOrFail(Invitation, { id: cc.id })).status).toBe('PendingAcceptance');

      // The same for an address whose domain a managed tenant owns: no code is mailed through resend either.
      await managedTenantWithMember(t, `owned${n}.example`, `someone@owned${n}.example`, 'Quartz-Meadow-Twelve');
      const owned = await invite(contoso, `newcomer@owned${n}.example`, app);
      const web2 = new WebClient();
      const review2 = await web2.get(owned.inviteRedeemUrl!);
      const resent2 = await web2.post(`${t.baseUrl}/redeem/code/resend`, { csrf: /name="csrf" value="([^"]+)"/.exec(review2.body)![1]! });
      expect(resent2.status).toBe(403);
      expect(text(resent2)).toContain('Ask its administrator for an account');
    });

    it('throttles code sends: a new code at most once a minute', async () => {
      const email = address();
      const invitation = await invite(contoso, email, app);
      const web = new WebClient();
      const codePage = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
      const again = await web.submit(codePage, '/redeem/code/resend');
      expect(again.status).toBe(429);
      expect(text(again)).toMatch(/ask for another in \d+ seconds/);
    });

    it('accepting again within the minute keeps the code page, and the code mailed a moment ago still works', async () => {
      const email = address();
      const invitation = await invite(contoso, email, app);
      const web = new WebClient();
      await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
      const code = /\b(\d{6})\b/.exec((await latestMail(t, smtp, email)).text ?? '')![1]!;
      // The person opens the mail's link again and presses Accept before a new code may be sent.
      const again = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
      expect(again.status).toBe(429);
      expect(text(again)).toMatch(/ask for another in \d+ seconds/);
      expect(again.body).toContain('action="/redeem/code"');
      const profile = await web.submit(again, '/redeem/code', { code });
      expect(profile.body).toContain('action="/redeem/profile"');
    });

    it('declining changes nothing: the link still works afterwards', async () => {
      const invitation = await invite(contoso, address(), app);
      const web = new WebClient();
      const declined = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/decline');
      expect(text(declined)).toContain('You declined the invitation');
      expect((await t.gateway.db.manager.findOneByOrFail(Invitation, { id: invitation.id })).status).toBe('PendingAcceptance');
      expect((await web.get(invitation.inviteRedeemUrl!)).status).toBe(200);
    });

    it('refuses a form without the CSRF token of this browser, on redemption and sign-in pages', async () => {
      const invitation = await invite(contoso, address(), app);
      const web = new WebClient();
      await web.get(invitation.inviteRedeemUrl!);
      const forged = await web.post(`${t.baseUrl}/redeem/accept`, { csrf: 'forged' });
      expect(forged.status).toBe(403);
      expect(/id="error-code">([A-Z_]+)</.exec(forged.body)?.[1]).toBe('CSRF_TOKEN_INVALID');
      const signIn = await web.post(`${t.baseUrl}/${contoso.tenant.id}/myapps`, {
        csrf: 'forged',
        email: 'x@y.example',
        password: 'whatever-long',
      });
      expect(signIn.status).toBe(403);
      expect(text(signIn)).toContain('This form has expired');
    });

    it('explains refusals in the browser’s language', async () => {
      const web = new WebClient(undefined, { 'accept-language': 'de-DE,de;q=0.9' });
      const page = await web.get(
        `${t.baseUrl}/redeem?tenant=${contoso.tenant.id}&invitation=00000000-0000-7000-8000-000000000000&ticket=x`,
      );
      expect(page.status).toBe(404);
      expect(text(page)).toContain('Dieser Einladungslink ist ungültig');
      expect(page.body).toContain('<html lang="de">');
    });
  });
});
