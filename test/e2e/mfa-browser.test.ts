import * as oidc from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitsTheScreen, hasChromium, launchChromium, shot, startReplyServer } from '../helpers/chromium.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { MFA_PASSWORD, memberWithPassword, totpCode } from '../helpers/mfa.js';
import { type PartnerApp, registerApp } from '../helpers/partner-flow.js';
import { TestClock } from '../helpers/test-clock.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

/**
 * Multi-factor sign-in in a real browser on a phone-sized screen: an authenticator app added on the
 * account page (its key read off the page), then an app's sign-in with the password and a code
 * computed here, then a lost device's recovery code. openid-client is the app.
 */
describe.skipIf(!hasChromium())('multi-factor sign-in in a real browser', () => {
  const clock = new TestClock();
  let t: TestGateway;
  let browser: Browser;
  let reply: Awaited<ReturnType<typeof startReplyServer>>;
  let tenant: TenantFixture;
  let app: PartnerApp;

  beforeAll(async () => {
    t = await startTestGateway('sqlite', {}, { clock });
    reply = await startReplyServer();
    tenant = await createTenant(t, 'http', { domains: ['mfa-phone.example'], name: 'Contoso' });
    app = await registerApp(t, tenant, { replyUrl: reply.replyUrl, assignmentRequired: false });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    reply?.close();
  });

  const phone = async () => (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })).newPage();

  /** The app's sign-in: the password, then `secondStep` on the /mfa page; the ID token's amr. */
  async function signInToApp(page: Page, email: string, secondStep: (page: Page) => Promise<void>) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(app.config, {
      redirect_uri: reply.replyUrl,
      scope: 'openid email',
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    await page.goto(url.href);
    await page.fill('#email', email);
    await page.fill('#password', MFA_PASSWORD);
    await page.click('#submit');
    await page.waitForURL((u) => u.pathname === '/mfa');
    await fitsTheScreen(page);
    await secondStep(page);
    await page.waitForURL((u) => u.href.startsWith(reply.replyUrl));
    const callback = new URL(reply.landed.filter((u) => u.startsWith(`${reply.replyUrl}?`)).at(-1)!);
    const tokens = await oidc.authorizationCodeGrant(app.config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    return tokens.claims()!.amr;
  }

  it('adds an authenticator app on the account page, then signs in to an app with a code, then with a recovery code', async () => {
    const email = 'rowan.factor@mfa-phone.example';
    await memberWithPassword(t, tenant, email);
    const page = await phone();

    // The account page: sign in with the password, add an app by reading its key off the page.
    await page.goto(`${t.baseUrl}/account`);
    await page.fill('#email', email);
    await page.fill('#password', MFA_PASSWORD);
    await page.click('#submit');
    await page.click('#add-totp');
    await page.waitForURL((u) => u.pathname === '/mfa/enrol');
    expect(await page.locator('#qr svg').count()).toBe(1);
    expect(await page.locator('script, img').count()).toBe(0);
    await fitsTheScreen(page);
    await shot(page, 'mfa-1-enrol');
    const secret = (await page.locator('#totp-secret').textContent())!.trim();
    await page.fill('#label', 'Rowan’s phone');
    await page.fill('#code', totpCode(secret, clock.now()));
    await page.click('#confirm-totp');
    const codes = (await page.locator('#recovery-codes code').allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    await fitsTheScreen(page);
    await shot(page, 'mfa-2-recovery-codes');
    await page.click('#continue');
    expect(await page.locator('#methods li strong').allTextContents()).toEqual(['Rowan’s phone']);
    await fitsTheScreen(page);
    await shot(page, 'mfa-3-account');

    // Sign out (the access panel's button), then sign in to the app: password, then a code from the app.
    await page.goto(`${t.baseUrl}/${tenant.tenant.id}/myapps`);
    await page.click('form[action="/signout"] button');
    clock.advance(30_000);
    const amr = await signInToApp(page, email, async (p) => {
      await shot(p, 'mfa-4-code');
      await p.fill('#code', totpCode(secret, clock.now()));
      await p.click('#verify');
    });
    expect(amr).toEqual(['pwd', 'otp', 'mfa']);

    // A lost phone: another browser, a recovery code.
    const lost = await phone();
    expect(
      await signInToApp(lost, email, async (p) => {
        await p.fill('#recoveryCode', codes[0]!);
        await p.click('#use-recovery');
      }),
    ).toEqual(['pwd', 'otp', 'mfa']);
    await lost.goto(`${t.baseUrl}/account`);
    expect(await lost.locator('#codes-left').textContent()).toContain('9');
  });
});
