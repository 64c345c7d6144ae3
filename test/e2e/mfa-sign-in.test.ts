import { beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { ExternalUserState, User } from '../../src/directory/user.entity.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { accountSignIn, enrolTotp, MFA_PASSWORD, memberWithPassword, stepsLater, totpCode } from '../helpers/mfa.js';
import { invite, login, type PartnerApp } from '../helpers/partner-flow.js';
import { dumpDatabase } from '../helpers/secret-scan.js';
import { TestClock } from '../helpers/test-clock.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient } from '../helpers/web-client.js';

/**
 * The second step of a sign-in over HTTP, openid-client as the app: a password, then a code computed
 * here from the key the enrolment page showed; recovery codes for a lost device.
 */
describe.each(testDatabases())('multi-factor sign-in (%s)', (kind) => {
  const clock = new TestClock();
  const suite = useGatewaySuite(kind, {
    clock,
    tenants: [{ domains: [`mfa-${kind}.example`] }, { domains: [`host-${kind}.example`] }],
    app: { assignmentRequired: false },
  });
  let t: TestGateway;
  let tenant: TenantFixture;
  let app: PartnerApp;
  let n = 0;
  beforeAll(() => {
    ({ t, app } = suite);
    tenant = suite.tenants[0]!;
  });

  /** A member who added an authenticator app on the account page at the clock's now. */
  async function enrolled() {
    const email = `mia${++n}@mfa-${kind}.example`;
    const member = await memberWithPassword(t, tenant, email);
    const { web } = await accountSignIn(t, email);
    const enrolment = await enrolTotp(t, web, clock.now());
    return { email, member, web, ...enrolment };
  }
  const credentials = (email: string) => ({ email, password: MFA_PASSWORD });

  it('enrols on the account page: QR code inline, the key, ten recovery codes once; nothing in plain text in the tables', async () => {
    const { web, secret, page, confirmed, recoveryCodes } = await enrolled();
    expect(page.body).toMatch(/<div class="qr" id="qr"><svg[^>]*>.*<path/s);
    expect(page.body).not.toMatch(/<img/);
    expect(confirmed.status).toBe(200);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const account = await web.follow(await web.get(`${t.baseUrl}/account?done=mfaAdded`));
    expect(text(account)).toContain('Phone');
    expect(text(account)).toContain('Recovery codes left: 10');
    const tables = JSON.stringify(await dumpDatabase(t));
    for (const plain of [secret, ...recoveryCodes]) expect(tables).not.toContain(plain);
  });

  it('asks for the code after the password; the app gets amr pwd, otp, mfa', async () => {
    const { email } = await enrolled();
    const web = new WebClient();
    const asked = await login(web, app, { credentials: credentials(email) });
    expect(asked.tokens).toBeNull();
    expect(asked.page.body).toContain('action="/mfa/totp"');
    // Half-way: no sign-in yet, so the account page asks for a password.
    expect((await web.get(`${t.baseUrl}/account`)).body).toContain('action="/account/signin"');
    const wrong = await web.submit(asked.page, '/mfa/totp', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(text(wrong)).toContain('That code is not right');
  });

  it('completes the interaction with a code from the app, and never accepts that code twice', async () => {
    const { email, secret } = await enrolled();
    const code = totpCode(secret, stepsLater(clock.now(), 1)); // the enrolment used this step's code
    const first = await login(new WebClient(), app, { credentials: credentials(email), secondFactor: { action: '/mfa/totp', code } });
    expect(first.tokens, text(first.page)).not.toBeNull();
    expect(first.tokens!.claims()!.amr).toEqual(['pwd', 'otp', 'mfa']);
    // The same code again, within its window, in another browser: refused.
    const replay = await login(new WebClient(), app, { credentials: credentials(email), secondFactor: { action: '/mfa/totp', code } });
    expect(replay.tokens).toBeNull();
    expect(replay.page.status).toBe(400);
    expect(text(replay.page)).toContain('used already');
  });

  it('accepts a code one step either side of now, not two', async () => {
    const { email, secret } = await enrolled();
    clock.advance(60_000);
    const tooOld = totpCode(secret, stepsLater(clock.now(), -2));
    const late = totpCode(secret, stepsLater(clock.now(), -1));
    const web = new WebClient();
    const old = await login(web, app, { credentials: credentials(email), secondFactor: { action: '/mfa/totp', code: tooOld } });
    expect(old.page.status).toBe(400);
    const fine = await login(new WebClient(), app, { credentials: credentials(email), secondFactor: { action: '/mfa/totp', code: late } });
    expect(fine.tokens).not.toBeNull();
  });

  it('signs in with a recovery code once (audited at home); a used one is refused', async () => {
    const { email, member, recoveryCodes } = await enrolled();
    const code = recoveryCodes[3]!.toUpperCase(); // read off paper: case does not matter
    const used = await login(new WebClient(), app, { credentials: credentials(email), secondFactor: { action: '/mfa/recovery', code } });
    expect(used.tokens, text(used.page)).not.toBeNull();
    expect(used.tokens!.claims()!.amr).toEqual(['pwd', 'otp', 'mfa']);
    const again = await login(new WebClient(), app, { credentials: credentials(email), secondFactor: { action: '/mfa/recovery', code } });
    expect(again.tokens).toBeNull();
    expect(again.page.status).toBe(400);
    const events = await t.gateway.db.manager.findBy(AuditEvent, { action: AuditAction.UseRecoveryCode, actorId: member.id });
    expect(events.map((e) => [e.tenantId, e.details])).toEqual([[tenant.tenant.id, { remaining: 9 }]]);
  });

  it('an enrolment never confirmed does not count: the password alone signs in', async () => {
    const email = `unconfirmed${++n}@mfa-${kind}.example`;
    await memberWithPassword(t, tenant, email);
    const { web } = await accountSignIn(t, email);
    expect((await web.get(`${t.baseUrl}/mfa/enrol?return=/account`)).status).toBe(200);
    const signedIn = await login(new WebClient(), app, { credentials: credentials(email) });
    expect(signedIn.tokens).not.toBeNull();
    expect(signedIn.tokens!.claims()!.amr).toEqual(['pwd']);
  });

  it('asks again for prompt=login in a signed-in browser, then completes that interaction', async () => {
    const { email, secret, web } = await enrolled();
    clock.advance(30_000);
    const code = totpCode(secret, clock.now());
    const again = await login(web, app, { prompt: 'login', credentials: credentials(email), secondFactor: { action: '/mfa/totp', code } });
    expect(again.tokens, text(again.page)).not.toBeNull();
    expect(again.tokens!.claims()!.amr).toEqual(['pwd', 'otp', 'mfa']);
  });

  it('the access panel and a redemption ask for the second factor too', async () => {
    const { email, secret } = await enrolled();
    const host = suite.tenants[1]!;
    clock.advance(30_000);
    const web = new WebClient();
    const panel = await web.get(`${t.baseUrl}/${host.tenant.id}/myapps`);
    const asked = await web.follow(await web.submit(panel, `/${host.tenant.id}/myapps`, credentials(email)));
    expect(asked.url).toBe(`${t.baseUrl}/mfa?return=${encodeURIComponent(`/${host.tenant.id}/myapps`)}`);
    const apps = await web.follow(await web.submit(asked, '/mfa/totp', { code: totpCode(secret, clock.now()) }));
    expect(apps.url).toBe(`${t.baseUrl}/${host.tenant.id}/myapps`);
    expect(apps.body).toContain('action="/signout"');

    clock.advance(30_000);
    const invited = await invite(host, email, null);
    const guest = new WebClient();
    const signIn = await guest.submit(await guest.get(invited.inviteRedeemUrl!), '/redeem/accept');
    const second = await guest.follow(await guest.submit(signIn, '/redeem/signin', { password: MFA_PASSWORD }));
    expect(second.body).toContain('action="/mfa/totp"');
    const review = await guest.follow(await guest.submit(second, '/mfa/totp', { code: totpCode(secret, clock.now()) }));
    expect(review.url).toBe(`${t.baseUrl}/redeem/review`);
    const redeemed = await guest.submit(review, '/redeem/accept');
    expect(redeemed.status, text(redeemed)).toBe(303);
    expect(await t.gateway.db.manager.countBy(User, { id: invited.invitedUser!.id, externalUserState: ExternalUserState.Accepted })).toBe(
      1,
    );
  });

  it('sends /mfa back only to a path of this origin', async () => {
    const { email, secret } = await enrolled();
    clock.advance(30_000);
    const web = new WebClient();
    const form = await web.get(`${t.baseUrl}/account`);
    await web.submit(form, '/account/signin', credentials(email));
    const page = await web.get(`${t.baseUrl}/mfa?return=${encodeURIComponent('//evil.example/x')}`);
    expect(page.body).toContain('name="return" value="/account"');
    const done = await web.submit(page, '/mfa/totp', { code: totpCode(secret, clock.now()), return: 'https://evil.example/' });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/account');
  });
});
