import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/shared/errors.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { accountSignIn, MFA_PASSWORD, memberWithPassword, totpCode } from '../helpers/mfa.js';
import { setPolicy } from '../helpers/policy-flow.js';
import { TestClock } from '../helpers/test-clock.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, type WebClient } from '../helpers/web-client.js';

const MINUTE = 60_000;

/**
 * What an outside attack on the session lifetime found, each replayed: a session cookie taken from a
 * browser (the person walked away) must not be able to add its own authenticator app without the
 * password again, nor keep the session alive by stepping up; and the account and MFA pages are held
 * to the home tenant's session lifetime like its apps.
 */
describe.each(testDatabases())('changing sign-in methods needs a recent proof (%s)', (kind) => {
  const clock = new TestClock();
  const suite = useGatewaySuite(kind, { clock, tenants: [{ domains: [`proof-${kind}.example`] }] });
  let t: TestGateway;
  let home: TenantFixture;
  let n = 0;
  beforeAll(() => {
    t = suite.t;
    home = suite.tenants[0]!;
  });
  const person = async () => {
    const email = `person${++n}@proof-${kind}.example`;
    return { email, member: await memberWithPassword(t, home, email) };
  };
  const secretOf = (body: string) => /id="totp-secret">([A-Z2-7]+)</.exec(body)?.[1];
  const passkeyOptions = async (web: WebClient) => {
    const csrf = /name="csrf" value="([^"]+)"/.exec((await web.get(`${t.baseUrl}/account`)).body)![1]!;
    return web.postJson(`${t.baseUrl}/mfa/passkey/registration/options`, {}, { 'x-csrf-token': csrf });
  };

  it('a browser signed in over ten minutes ago signs in again before adding its first authenticator app', async () => {
    const { email, member } = await person();
    const { web } = await accountSignIn(t, email);
    clock.advance(11 * MINUTE);

    const enrol = await web.get(`${t.baseUrl}/mfa/enrol?return=/account`);
    const back = `/mfa/enrol?return=${encodeURIComponent('/account')}`;
    expect([enrol.status, enrol.location]).toEqual([303, `/account/signin?return=${encodeURIComponent(back)}`]);
    // The account page offers the same sign-in instead of its add buttons.
    const account = await web.get(`${t.baseUrl}/account`);
    expect(account.body).toContain('id="sign-in-again"');
    expect(account.body).not.toContain('id="add-totp"');
    expect((await passkeyOptions(web)).body).toContain(ErrorCode.REAUTHENTICATION_REQUIRED);

    // The sign-in form names the person and goes back to the enrolment.
    const form = await web.get(`${t.baseUrl}${enrol.location}`);
    expect(form.body).toContain(`value="${email}"`);
    const wrong = await web.submit(form, '/account/signin', { email, password: 'not-the-password-at-all' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain(`name="return" value="${back.replace(/&/g, '&amp;')}"`);
    const signedIn = await web.submit(form, '/account/signin', { email, password: MFA_PASSWORD });
    expect([signedIn.status, signedIn.location]).toEqual([303, back]);
    const page = await web.get(`${t.baseUrl}${back}`);
    const secret = secretOf(page.body);
    expect(secret, text(page)).toBeDefined();
    const confirmed = await web.submit(page, '/mfa/enrol', { code: totpCode(secret!, clock.now()), label: 'Mine' });
    expect(confirmed.status).toBe(200);
    expect((await t.gateway.services.mfa.list(member.id)).map((m) => m.label)).toEqual(['Mine']);
  });

  it('an enrolment begun in time is not confirmed once the sign-in is over ten minutes old', async () => {
    const { email, member } = await person();
    const { web } = await accountSignIn(t, email);
    const page = await web.get(`${t.baseUrl}/mfa/enrol?return=/account`);
    const secret = secretOf(page.body)!;
    clock.advance(11 * MINUTE);
    const confirmed = await web.submit(page, '/mfa/enrol', { code: totpCode(secret, clock.now()), label: 'Late' });
    expect([confirmed.status, confirmed.location?.startsWith('/account/signin?return=')]).toEqual([303, true]);
    expect(await t.gateway.services.mfa.list(member.id)).toEqual([]);
  });

  it("the account page is held to the home tenant's session lifetime; a sign-in since begins a new session", async () => {
    await setPolicy(home, { sessionLifetimeMinutes: 60 });
    try {
      const { email } = await person();
      const { web } = await accountSignIn(t, email);
      clock.advance(59 * MINUTE);
      expect((await web.get(`${t.baseUrl}/account`)).body).toContain('id="mfa"');
      clock.advance(2 * MINUTE);

      const ended = await web.get(`${t.baseUrl}/account`);
      expect(ended.body).toMatch(/name="password"/);
      expect(ended.body).not.toContain('id="mfa"');
      expect((await web.get(`${t.baseUrl}/mfa/enrol?return=/account`)).location).toBe('/account');
      expect((await passkeyOptions(web)).status).toBe(403);
      const csrf = /name="csrf" value="([^"]+)"/.exec(ended.body)![1]!;
      const stepUp = await web.postJson(`${t.baseUrl}/mfa/passkey/authentication/options`, {}, { 'x-csrf-token': csrf });
      expect([stepUp.status, stepUp.body]).toEqual([403, expect.stringContaining(ErrorCode.FORBIDDEN)]);

      const again = await web.follow(await web.submit(ended, '/account/signin', { email, password: MFA_PASSWORD }));
      expect(again.body, text(again)).toContain('id="mfa"');
      clock.advance(30 * MINUTE);
      expect((await web.get(`${t.baseUrl}/account`)).body).toContain('id="mfa"');
    } finally {
      await setPolicy(home, { sessionLifetimeMinutes: null });
    }
  });
});
