import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { accountSignIn, enrolTotp, MFA_PASSWORD, memberWithPassword, stepsLater, totpCode } from '../helpers/mfa.js';
import { invite, login } from '../helpers/partner-flow.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';
import { browser, signIns, storedSignIns, USER_AGENT } from '../helpers/sign-in-log.js';
import { TestClock } from '../helpers/test-clock.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, type WebClient, type WebResponse } from '../helpers/web-client.js';

/**
 * The second factor in the sign-in log over HTTP: mia (a member of northwind with an authenticator
 * app) is a guest of contoso. Refused codes and the sign-ins /mfa finishes land in the log of the
 * tenant she was entering (when she has an account there), else her home tenant's; fabrikam, where
 * she has none, never sees any of it.
 */
describe.each(testDatabases())('the sign-in log of second factors on %s', (kind) => {
  const clock = new TestClock();
  const suite = useGatewaySuite(kind, {
    clock,
    tenants: [
      { domains: [`contoso-${kind}.example`] },
      { domains: [`northwind-${kind}.example`] },
      { domains: [`fabrikam-${kind}.example`] },
    ],
    app: { assignmentRequired: false },
  });
  let t: TestGateway;
  let contoso: TenantFixture;
  let northwind: TenantFixture;
  let fabrikam: TenantFixture;
  const mia = { mail: `mia@northwind-${kind}.example`, id: '', guestId: '', secret: '', recoveryCodes: [] as string[] };
  /** Every code and password the flows typed: none may appear in the log. */
  const secrets: string[] = [MFA_PASSWORD];
  const code = () => totpCode(mia.secret, clock.now());

  beforeAll(async () => {
    t = suite.t;
    [contoso, northwind, fabrikam] = suite.tenants as [TenantFixture, TenantFixture, TenantFixture];
    mia.id = (await memberWithPassword(t, northwind, mia.mail)).id;
    const { web } = await accountSignIn(t, mia.mail);
    ({ secret: mia.secret, recoveryCodes: mia.recoveryCodes } = await enrolTotp(t, web, clock.now()));
    secrets.push(mia.secret, ...mia.recoveryCodes);
  });
  // A fresh guessing budget and TOTP step for every test.
  beforeEach(() => clock.advance(16 * 60_000));

  /** A browser half-way signed in at `path` (a panel or the account page), on the /mfa page. */
  async function pending(path: string, signInAction: string): Promise<{ web: WebClient; page: WebResponse }> {
    const web = browser();
    const form = await web.get(`${t.baseUrl}${path}`);
    const page = await web.follow(await web.submit(form, signInAction, { email: mia.mail, password: MFA_PASSWORD }));
    expect(page.body, text(page)).toContain('action="/mfa/totp"');
    return { web, page };
  }
  const failures = (tenant: TenantFixture) => signIns(tenant, { result: 'Failure' });

  it('a wrong code and a spent recovery code are failures with their reasons, in the home tenant, no code kept', async () => {
    const wrongCode = totpCode(mia.secret, stepsLater(clock.now(), 10));
    secrets.push(wrongCode);
    const atAccount = await pending('/account', '/account/signin');
    const wrong = await atAccount.web.submit(atAccount.page, '/mfa/totp', { code: wrongCode });
    expect(wrong.status).toBe(400);

    const recovery = mia.recoveryCodes[0]!;
    const first = await pending('/account', '/account/signin');
    expect((await first.web.submit(first.page, '/mfa/recovery', { code: recovery })).status).toBe(303);
    const again = await pending('/account', '/account/signin');
    expect((await again.web.submit(again.page, '/mfa/recovery', { code: recovery })).status).toBe(400);

    const refused = { kind: 'Interactive', result: 'Failure', reasonCode: 'MFA_CODE_INVALID', userId: mia.id, homeUserId: mia.id };
    const asked = { ...refused, authMethods: ['pwd'], userAgent: USER_AGENT, signInAddress: mia.mail };
    expect(await failures(northwind)).toMatchObject([asked, asked]);
    // The recovery code that worked finished the account page's sign-in: a success with its method.
    const [success] = await signIns(northwind, { result: 'Success' });
    expect(success).toMatchObject({ kind: 'Interactive', userId: mia.id, reasonCode: null, authMethods: ['pwd', 'otp', 'mfa'] });
    const stored = await storedSignIns(t);
    for (const secret of secrets) expect(stored).not.toContain(secret);
    expect(await signIns(contoso)).toEqual([]);
  });

  it('a redemption finished by a code: the sign-in at home, the redemption at contoso, both with otp mfa', async () => {
    const invited = await invite(contoso, mia.mail, null);
    mia.guestId = invited.invitedUser!.id;
    secrets.push(new URL(invited.inviteRedeemUrl!).searchParams.get('ticket')!);
    const web = browser();
    const signIn = await web.submit(await web.get(invited.inviteRedeemUrl!), '/redeem/accept');
    const second = await web.follow(await web.submit(signIn, '/redeem/signin', { password: MFA_PASSWORD }));
    const review = await web.follow(await web.submit(second, '/mfa/totp', { code: code() }));
    expect(review.url).toBe(`${t.baseUrl}/redeem/review`);
    expect((await web.submit(review, '/redeem/accept')).status).toBe(303);

    const methods = ['pwd', 'otp', 'mfa'];
    const [atHome] = await signIns(northwind);
    expect(atHome).toMatchObject({ kind: 'Interactive', result: 'Success', userId: mia.id, authMethods: methods });
    const [redeemed] = await signIns(contoso);
    expect(redeemed).toMatchObject({ kind: 'Redemption', result: 'Success', userId: mia.guestId, authMethods: methods });
  });

  it('the access panel: a wrong code, then a code, in contoso’s log with the guest and otp mfa', async () => {
    const panel = `/${contoso.tenant.id}/myapps`;
    const { web, page } = await pending(panel, panel);
    const wrongCode = totpCode(mia.secret, stepsLater(clock.now(), -10));
    secrets.push(wrongCode);
    const wrong = await web.submit(page, '/mfa/totp', { code: wrongCode });
    expect(wrong.status).toBe(400);
    const apps = await web.follow(await web.submit(wrong, '/mfa/totp', { code: code() }));
    expect(apps.url).toBe(`${t.baseUrl}${panel}`);

    const [success, failure] = await signIns(contoso, { kind: 'Interactive' });
    const guest = { userId: mia.guestId, homeUserId: mia.id, userAgent: USER_AGENT, applicationId: null };
    expect(success).toMatchObject({ ...guest, result: 'Success', reasonCode: null, authMethods: ['pwd', 'otp', 'mfa'] });
    expect(failure).toMatchObject({ ...guest, result: 'Failure', reasonCode: 'MFA_CODE_INVALID', authMethods: ['pwd'] });
    const stored = await storedSignIns(t);
    for (const secret of secrets) expect(stored).not.toContain(secret);
  });

  it('an app sign-in finished by a code is one entry, the interaction’s, with otp mfa', async () => {
    const before = (await signIns(contoso)).length;
    const credentials = { email: mia.mail, password: MFA_PASSWORD };
    const { tokens } = await login(browser(), suite.app, { credentials, secondFactor: { action: '/mfa/totp', code: code() } });
    expect(tokens).not.toBeNull();
    const entries = await signIns(contoso);
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({
      applicationId: suite.app.id,
      userId: mia.guestId,
      result: 'Success',
      authMethods: ['pwd', 'otp', 'mfa'],
    });
  });

  it('a return path naming a tenant she has no account in: the refusal goes home, that tenant sees nothing', async () => {
    const before = (await failures(northwind)).length;
    const { web } = await pending('/account', '/account/signin');
    const crafted = await web.get(`${t.baseUrl}/mfa?return=${encodeURIComponent(`/${fabrikam.tenant.id}/myapps`)}`);
    const wrong = await web.submit(crafted, '/mfa/totp', { code: totpCode(mia.secret, stepsLater(clock.now(), 20)) });
    expect(wrong.status).toBe(400);
    expect(await failures(northwind)).toHaveLength(before + 1);
    expect(await signIns(fabrikam)).toEqual([]);
  });

  it('a refused passkey (PASSKEY_FAILED), then the passkey, at the account page: in the home tenant, hwk', async () => {
    const ana = await memberWithPassword(t, northwind, `ana@northwind-${kind}.example`);
    const key = new SoftAuthenticator(t.baseUrl);
    const { web: enrolling } = await accountSignIn(t, ana.mail!);
    const csrf = /name="csrf" value="([^"]+)"/.exec((await enrolling.get(`${t.baseUrl}/account`)).body)![1]!;
    const post = (web: WebClient, path: string, body: unknown, token: string) =>
      web.postJson(`${t.baseUrl}/mfa/passkey/${path}`, body, { 'x-csrf-token': token });
    const options = JSON.parse((await post(enrolling, 'registration/options', {}, csrf)).body);
    expect((await post(enrolling, 'registration', { response: key.register(options), label: 'Laptop' }, csrf)).status).toBe(200);

    const web = browser();
    const asked = await web.follow(
      await web.submit(await web.get(`${t.baseUrl}/account`), '/account/signin', { email: ana.mail, password: MFA_PASSWORD }),
    );
    const token = /data-csrf="([^"]+)"/.exec(asked.body)![1]!;
    await post(web, 'authentication/options', {}, token);
    expect((await post(web, 'authentication', { response: {} }, token)).status).toBe(400);
    const challenge = JSON.parse((await post(web, 'authentication/options', {}, token)).body);
    expect((await post(web, 'authentication', { response: key.authenticate(challenge) }, token)).status).toBe(200);

    const [success, failure] = await signIns(northwind, { userId: ana.id });
    expect(success).toMatchObject({ kind: 'Interactive', result: 'Success', reasonCode: null, authMethods: ['pwd', 'hwk', 'mfa'] });
    expect(failure).toMatchObject({ kind: 'Interactive', result: 'Failure', reasonCode: 'PASSKEY_FAILED', authMethods: ['pwd'] });
  });
});
