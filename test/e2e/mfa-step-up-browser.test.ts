import * as oidc from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACR_1FA, ACR_MFA } from '../../src/policies/acr.js';
import { fitsTheScreen, hasChromium, launchChromium, shot, startReplyServer } from '../helpers/chromium.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { accountSignIn, enrolTotp, MFA_PASSWORD, memberWithPassword, totpCode } from '../helpers/mfa.js';
import { type PartnerApp, registerApp } from '../helpers/partner-flow.js';
import { signIns } from '../helpers/sign-in-log.js';
import { TestClock } from '../helpers/test-clock.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

/**
 * Step-up with `acr_values` in a real browser: an app signs a member in with the password only (acr
 * 1fa); the member adds an authenticator app on another device; the app then asks for MFA, and the
 * same browser, still signed in, is asked for a code (computed here), after which the ID token says
 * MFA. openid-client is the app; the tenant's sign-in log shows both sign-ins.
 */
describe.skipIf(!hasChromium())('step-up with acr_values in a real browser', () => {
  const clock = new TestClock();
  let t: TestGateway;
  let browser: Browser;
  let reply: Awaited<ReturnType<typeof startReplyServer>>;
  let tenant: TenantFixture;
  let app: PartnerApp;

  beforeAll(async () => {
    t = await startTestGateway('sqlite', {}, { clock });
    reply = await startReplyServer();
    tenant = await createTenant(t, 'http', { domains: ['step-up.example'], name: 'Contoso' });
    app = await registerApp(t, tenant, { replyUrl: reply.replyUrl, assignmentRequired: false });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    reply?.close();
  });

  /** Sends the browser to the app's authorization request (`extra`: acr_values); `answer` deals with the pages; the tokens. */
  async function signInToApp(page: Page, extra: Record<string, string>, answer: (page: Page) => Promise<void>) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(app.config, {
      redirect_uri: reply.replyUrl,
      scope: 'openid email',
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...extra,
    });
    await page.goto(url.href);
    await answer(page);
    await page.waitForURL((u) => u.href.startsWith(reply.replyUrl));
    const callback = new URL(reply.landed.filter((u) => u.startsWith(`${reply.replyUrl}?`)).at(-1)!);
    return oidc.authorizationCodeGrant(app.config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  }

  it('signs in with the password (1fa), then asks the same browser for a code when the app asks for MFA', async () => {
    const email = 'sam.stepup@step-up.example';
    const member = await memberWithPassword(t, tenant, email);
    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true })).newPage();

    const plain = await signInToApp(page, {}, async (p) => {
      await p.fill('#email', email);
      await p.fill('#password', MFA_PASSWORD);
      await p.click('#submit');
    });
    expect(plain.claims()).toMatchObject({ acr: ACR_1FA, amr: ['pwd'] });

    // Another device adds an authenticator app; this browser's sign-in stays a password-only one.
    const { web } = await accountSignIn(t, email);
    const { secret } = await enrolTotp(t, web, clock.now());
    clock.advance(30_000); // the code below is a later one than the enrolment's

    const stepped = await signInToApp(page, { acr_values: ACR_MFA }, async (p) => {
      await p.waitForURL((u) => u.pathname === '/mfa');
      expect(await p.locator('#password').count()).toBe(0); // no password again: only the second factor
      await fitsTheScreen(p);
      await shot(p, 'mfa-step-up-code');
      await p.fill('#code', totpCode(secret, clock.now()));
      await p.click('#verify');
    });
    const claims = stepped.claims()!;
    expect(claims.acr).toBe(ACR_MFA);
    expect(claims.amr).toEqual(expect.arrayContaining(['pwd', 'otp', 'mfa']));
    expect(claims.sub).toBe(plain.claims()!.sub);

    // The app's two sign-ins, newest first (the other device's account-page sign-in names no app).
    const atApp = await signIns(tenant, { userId: member.id, applicationId: app.id });
    expect(atApp.map((s) => [s.kind, s.result, s.authMethods])).toEqual([
      ['Interactive', 'Success', ['pwd', 'otp', 'mfa']],
      ['Interactive', 'Success', ['pwd']],
    ]);
  });
});
