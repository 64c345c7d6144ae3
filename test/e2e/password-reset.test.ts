import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../src/directory/user.entity.js';
import { linkUpstreamIdentity } from '../../src/directory/user.rows.js';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import type { Clock } from '../../src/shared/clock.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { invite, latestMail, login, managedTenantWithMember, type PartnerApp, REPLY_URL, registerApp } from '../helpers/partner-flow.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { startUpstreamIdp } from '../helpers/upstream-idp.js';
import { text, WebClient, type WebResponse } from '../helpers/web-client.js';
import { AuditEventsDocument, RegisterIdentityProviderDocument, RevokeSignInSessionsDocument, SendPasswordResetDocument } from '../graphql/generated.js';

class TestClock implements Clock {
  offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
}

const SENT = 'If an account exists for';
const REFUSED = 'That code is not right, has expired or was used already';

/**
 * "Forgot your password?" over real HTTP, with openid-client as the relying party: a mailed code sets
 * a new password and ends every session and refresh token of the account, in every tenant; nothing
 * tells a stranger whether an address has an account. And the admin's sendPasswordReset and
 * revokeSignInSessions, with their cross-tenant twins.
 */
describe.each(testDatabases())('password reset on %s', (kind) => {
  const clock = new TestClock();
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let upstream: Awaited<ReturnType<typeof startUpstreamIdp>>;
  let home: TenantFixture;
  let other: TenantFixture;
  let appA: PartnerApp;
  let appB: PartnerApp;
  let bobId: string;
  let bobGuestId: string;
  const bob = { email: 'bob@reset-home.example', password: 'bob-has-a-long-password' };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestGateway(kind, { SMTP_URL: smtp.url }, { clock });
    upstream = await startUpstreamIdp(`${t.baseUrl}/federation/callback`);
    // Bob is a member of his own tenant and, after redeeming with his password, a guest of the other.
    home = await managedTenantWithMember(t, 'reset-home.example', bob.email, bob.password);
    bobId = (await t.gateway.db.manager.findOneByOrFail(User, { mail: bob.email, tenantId: home.tenant.id })).id;
    other = await createTenant(t);
    appA = await registerApp(t, home, { assignmentRequired: false });
    appB = await registerApp(t, other);
    const invitation = await invite(other, bob.email, appB);
    bobGuestId = invitation.invitedUser!.id;
    const web = new WebClient();
    const signIn = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
    expect(signIn.body, 'the redemption sign-in page offers a reset').toContain('href="/password/forgot?email=bob%40reset-home.example"');
    expect((await web.submit(signIn, '/redeem/signin', { password: bob.password })).location).toBe(REPLY_URL);
  });
  afterAll(async () => {
    await t.stop();
    await upstream.close();
    await smtp.close();
  });

  /** Fresh tokens (with a refresh token) for Bob at both apps, in one browser. */
  async function signInEverywhere(password = bob.password) {
    const web = new WebClient();
    const a = (await login(web, appA, { credentials: { email: bob.email, password } })).tokens!;
    const b = (await login(web, appB)).tokens!;
    expect(a.refresh_token && b.refresh_token).toBeTruthy();
    return { web, a, b };
  }

  const refreshes = (app: PartnerApp, refreshToken: string) =>
    oidc.refreshTokenGrant(app.config, refreshToken).then(() => true, (error: { error?: string }) => {
      expect(error.error).toBe('invalid_grant');
      return false;
    });

  /** The reset mail to `address` that arrived after `before` messages (it is queued just after the answer). */
  async function resetCode(address: string, before: number): Promise<string> {
    for (let i = 0; i < 50; i++) {
      if (smtp.received.length > before) {
        const mail = await latestMail(t, smtp, address);
        if (mail.subject === 'Reset your password') return /\b(\d{6})\b/.exec(mail.text ?? '')![1]!;
      }
      await t.gateway.outboxWorker.drain();
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no reset mail to ${address}`);
  }

  async function forgot(web: WebClient, email: string): Promise<WebResponse> {
    const page = await web.get(`${t.baseUrl}/password/forgot`);
    expect(page.status).toBe(200);
    return web.submit(page, '/password/forgot', { email });
  }

  /** The reset page as the mail's link opens it. */
  const resetPage = (web: WebClient, email: string) => web.get(`${t.baseUrl}/password/reset?email=${encodeURIComponent(email)}`);

  it('forgot password → code → new password: old refresh tokens refused in every tenant, old password too', async () => {
    const before = await signInEverywhere();
    // The app's sign-in page links to the reset.
    const { page: signInPage } = await login(new WebClient(), appA);
    expect(signInPage.body).toContain('id="forgot-password"');

    const web = new WebClient();
    const mails = smtp.received.length;
    const sent = await forgot(web, bob.email);
    expect(sent.status).toBe(200);
    expect(text(sent)).toContain(`${SENT} ${bob.email}`);
    const code = await resetCode(bob.email, mails);
    const queued = await t.gateway.db.manager.findOneByOrFail(OutboxMessage, { toAddress: bob.email, subject: '' });
    expect(queued).toMatchObject({ audience: 'System', invitationId: null });

    const done = await web.submit(sent, '/password/reset', { email: bob.email, code, password: 'a brand new passphrase' });
    expect(done.status, text(done)).toBe(200);
    expect(text(done)).toContain('Your password was changed');

    expect(await refreshes(appA, before.a.refresh_token!), 'home tenant refresh token').toBe(false);
    expect(await refreshes(appB, before.b.refresh_token!), 'guest tenant refresh token').toBe(false);
    expect((await login(before.web, appA, { prompt: 'none' })).callback?.searchParams.get('error'), 'provider session ended').toBe('login_required');
    expect(text(await before.web.get(`${t.baseUrl}/${home.tenant.id}/myapps`))).not.toContain(`Signed in as ${bob.email}`);

    expect((await login(new WebClient(), appA, { credentials: bob })).tokens, 'the old password').toBeNull();
    const after = await signInEverywhere('a brand new passphrase');
    expect(await refreshes(appB, after.b.refresh_token!)).toBe(true);

    const { auditEvents } = await home.admin.client.data(AuditEventsDocument, { first: 100 });
    expect(auditEvents.nodes.find((e) => e.action === 'Reset password (self-service)')).toMatchObject({ actorId: bobId, targetId: bobId });

    // The used code: a clear refusal with the way to a new one.
    const again = await web.submit(await resetPage(web, bob.email), '/password/reset', { email: bob.email, code, password: 'yet another passphrase' });
    expect(again.status).toBe(400);
    expect(text(again)).toContain(REFUSED);
    expect(again.body).toContain('id="ask-new"');
    bob.password = 'a brand new passphrase';
  });

  it('answers an unknown address exactly as a known one, and refuses its codes with the same words', async () => {
    clock.offsetMs = 5 * 60 * 1000; // each test a minute past the last code: one code a minute per account
    const web = new WebClient();
    const mails = smtp.received.length;
    const unknown = await forgot(web, 'nobody@reset-home.example');
    const known = await forgot(new WebClient(), bob.email);
    const strip = (page: WebResponse, email: string) => text(page).replaceAll(email, 'EMAIL').replace(/Request id: \S+/, '');
    expect(unknown.status).toBe(known.status);
    expect(strip(unknown, 'nobody@reset-home.example')).toBe(strip(known, bob.email));
    await resetCode(bob.email, mails);
    expect(smtp.received.filter((m) => m.to.includes('nobody@reset-home.example'))).toEqual([]);

    const unknownTry = await web.submit(unknown, '/password/reset', { email: 'nobody@reset-home.example', code: '123456', password: 'a brand new passphrase 2' });
    const stranger = new WebClient();
    const knownTry = await stranger.submit(await resetPage(stranger, bob.email), '/password/reset', { email: bob.email, code: '000000', password: 'a brand new passphrase 2' });
    expect(unknownTry.status).toBe(400);
    expect(strip(unknownTry, 'nobody@reset-home.example')).toBe(strip(knownTry, bob.email));
    expect(text(knownTry)).toContain(REFUSED);
    clock.offsetMs = 0;
  });

  it('an expired code is refused with a way to ask for a new one; a weak password keeps the code', async () => {
    const web = new WebClient();
    const mails = smtp.received.length;
    clock.offsetMs = 10 * 60 * 1000;
    const sent = await forgot(web, bob.email);
    const code = await resetCode(bob.email, mails);
    const weak = await web.submit(sent, '/password/reset', { email: bob.email, code, password: 'short' });
    expect(weak.status).toBe(400);
    expect(text(weak)).toContain('Choose a stronger password');
    clock.offsetMs += 11 * 60 * 1000;
    try {
      const expired = await web.submit(weak, '/password/reset', { email: bob.email, code, password: 'a brand new passphrase 3' });
      expect(text(expired)).toContain(REFUSED);
      expect(expired.body).toContain(`href="/password/forgot?email=${encodeURIComponent(bob.email)}"`);
    } finally {
      clock.offsetMs = 0;
    }
    expect((await login(new WebClient(), appA, { credentials: bob })).tokens, 'the password is unchanged').not.toBeNull();
  });

  it('dies after five wrong codes, even for the right one', async () => {
    const web = new WebClient();
    const mails = smtp.received.length;
    clock.offsetMs = 30 * 60 * 1000;
    try {
      const sent = await forgot(web, bob.email);
      const code = await resetCode(bob.email, mails);
      const wrong = code === '000000' ? '111111' : '000000';
      let page = sent;
      for (let i = 0; i < 5; i++) page = await web.submit(page, '/password/reset', { email: bob.email, code: wrong, password: 'a brand new passphrase 4' });
      const right = await web.submit(page, '/password/reset', { email: bob.email, code, password: 'a brand new passphrase 4' });
      expect(text(right)).toContain(REFUSED);
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('uses a code once, also when two browsers send it at once', async () => {
    clock.offsetMs = 40 * 60 * 1000;
    try {
      const mails = smtp.received.length;
      await forgot(new WebClient(), bob.email);
      const code = await resetCode(bob.email, mails);
      const browsers = [new WebClient(), new WebClient()];
      const pages = await Promise.all(browsers.map((w) => resetPage(w, bob.email)));
      const results = await Promise.all(browsers.map((w, i) =>
        w.submit(pages[i]!, '/password/reset', { email: bob.email, code, password: `raced passphrase number ${i}` })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
      const winner = results.findIndex((r) => r.status === 200);
      bob.password = `raced passphrase number ${winner}`;
    } finally {
      clock.offsetMs = 0;
    }
    expect((await login(new WebClient(), appA, { credentials: bob })).tokens, 'the winner’s password holds').not.toBeNull();
  });

  it('refuses forms without the CSRF token, and limits requests per address whether or not it has an account', async () => {
    for (const path of ['/password/forgot', '/password/reset']) {
      const web = new WebClient();
      await web.get(`${t.baseUrl}/password/forgot`);
      const forged = await web.post(`${t.baseUrl}${path}`, { email: bob.email, code: '123456', password: 'a brand new passphrase' });
      expect(forged.status).toBe(403);
      expect(forged.body).toContain('CSRF_TOKEN_INVALID');
    }
    for (const email of ['limited@reset-home.example', 'limited@nowhere-at-all.example']) {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await forgot(new WebClient(), email)).status);
      expect(codes, email).toEqual([200, 200, 200, 200, 200, 429]);
    }
  });

  it('sends a federated address to its organization, and mails nothing', async () => {
    const fabrikam = await createTenant(t, 'http', { domains: ['fabrikam-reset.example'] });
    await fabrikam.admin.client.data(RegisterIdentityProviderDocument, {
      input: { issuer: upstream.issuer, clientId: 'gateway', clientSecret: 'upstream-secret', domains: ['fabrikam-reset.example'] },
    });
    const mails = smtp.received.length;
    const page = await forgot(new WebClient(), 'alice@fabrikam-reset.example');
    expect(page.status).toBe(200);
    expect(text(page)).toContain(`${fabrikam.tenant.name} manages the password of this address`);
    await t.gateway.outboxWorker.drain();
    expect(smtp.received.length).toBe(mails);
  });

  describe('admins', () => {
    it("sendPasswordReset mails the member a working code; another tenant's admin gets NOT_FOUND", async () => {
      expect(await other.admin.client.errorCode(SendPasswordResetDocument, { userId: bobId })).toBe('NOT_FOUND');
      clock.offsetMs = 60 * 60 * 1000;
      try {
        const mails = smtp.received.length;
        expect(await home.admin.client.data(SendPasswordResetDocument, { userId: bobId })).toEqual({ sendPasswordReset: true });
        expect(await home.admin.client.errorCode(SendPasswordResetDocument, { userId: bobId }), 'a second one within a minute').toBe('TOO_MANY_ATTEMPTS');
        const code = await resetCode(bob.email, mails);
        const web = new WebClient();
        const done = await web.submit(await resetPage(web, bob.email), '/password/reset', { email: bob.email, code, password: 'the admin sent me here' });
        expect(text(done)).toContain('Your password was changed');
        bob.password = 'the admin sent me here';
      } finally {
        clock.offsetMs = 0;
      }
      const { auditEvents } = await home.admin.client.data(AuditEventsDocument, { first: 100 });
      expect(auditEvents.nodes.map((e) => e.action)).toContain('Send password reset');
    });

    it('sendPasswordReset refuses guests and federated members with their own codes', async () => {
      expect(await other.admin.client.errorCode(SendPasswordResetDocument, { userId: bobGuestId })).toBe('NO_PASSWORD_HERE');
      const carol = await t.gateway.services.users.createMember(home.tenant.id, { displayName: 'Carol', mail: 'carol@reset-home.example' });
      expect(await home.admin.client.errorCode(SendPasswordResetDocument, { userId: carol.id })).toBe('NO_PASSWORD_HERE');
      await linkUpstreamIdentity(t.gateway.db.manager, carol, { issuer: upstream.issuer, subject: 'carol-sub' }, new Date());
      expect(await home.admin.client.errorCode(SendPasswordResetDocument, { userId: carol.id })).toBe('FEDERATED_ACCOUNT');
    });

    it("revokeSignInSessions of a guest ends its tokens in this tenant only; another tenant's admin gets NOT_FOUND", async () => {
      const { a, b } = await signInEverywhere();
      expect(await home.admin.client.errorCode(RevokeSignInSessionsDocument, { userId: bobGuestId })).toBe('NOT_FOUND');
      expect(await refreshes(appB, b.refresh_token!), 'the twin changed nothing').toBe(true);
      expect(await other.admin.client.data(RevokeSignInSessionsDocument, { userId: bobGuestId })).toEqual({ revokeSignInSessions: true });
      expect(await refreshes(appB, b.refresh_token!)).toBe(false);
      expect(await refreshes(appA, a.refresh_token!), 'the home tenant is not the resource tenant’s to end').toBe(true);
    });

    it("revokeSignInSessions of a member signs it out everywhere; another tenant's admin gets NOT_FOUND", async () => {
      const { web, a, b } = await signInEverywhere();
      expect(await other.admin.client.errorCode(RevokeSignInSessionsDocument, { userId: bobId })).toBe('NOT_FOUND');
      expect(await refreshes(appA, a.refresh_token!), 'the twin changed nothing').toBe(true);
      expect(await home.admin.client.data(RevokeSignInSessionsDocument, { userId: bobId })).toEqual({ revokeSignInSessions: true });
      expect(await refreshes(appA, a.refresh_token!)).toBe(false);
      expect(await refreshes(appB, b.refresh_token!)).toBe(false);
      expect(text(await web.get(`${t.baseUrl}/${home.tenant.id}/myapps`))).not.toContain(`Signed in as ${bob.email}`);
      const { auditEvents } = await home.admin.client.data(AuditEventsDocument, { first: 100 });
      expect(auditEvents.nodes.find((e) => e.action === 'Revoke sign-in sessions')).toMatchObject({ targetId: bobId });
    });
  });
});
