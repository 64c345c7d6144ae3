import * as oidc from 'openid-client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MfaMethod } from '../../src/mfa/mfa-method.entity.js';
import { hasChromium, launchChromium, shot, startReplyServer } from '../helpers/chromium.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { MFA_PASSWORD, memberWithPassword } from '../helpers/mfa.js';
import { type PartnerApp, registerApp } from '../helpers/partner-flow.js';

/**
 * Passkeys in a real browser: Chromium with a virtual authenticator (CDP's WebAuthn domain) adds a
 * passkey on the account page, signs out, and signs in to an app (openid-client as its relying party)
 * with the password and then the passkey. The gateway's public URL is http://localhost: a secure
 * context, and a host name (an IP address is no WebAuthn RP id).
 */
describe.skipIf(!hasChromium())('passkeys in a real browser', () => {
  const suite = useGatewaySuite('sqlite', { publicHost: 'localhost', tenants: [{ domains: ['contoso-passkey.example'] }] });
  let browser: Browser;
  let partnerApp: Awaited<ReturnType<typeof startReplyServer>>;
  let replyUrl: string;
  let app: PartnerApp;

  beforeAll(async () => {
    partnerApp = await startReplyServer();
    replyUrl = partnerApp.replyUrl;
    app = await registerApp(suite.t, suite.tenants[0]!, { replyUrl, assignmentRequired: false });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    partnerApp?.close();
  });

  /** A page whose browser holds a platform authenticator with user verification (a phone's or laptop's). */
  async function withAuthenticator(context: BrowserContext) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    /** The authenticator's next answers carry a bad signature (a forged or broken key), or not. */
    const forgeSignatures = (isBogusSignature: boolean) =>
      cdp.send('WebAuthn.setResponseOverrideBits', { authenticatorId, isBogusSignature, isBadUV: false, isBadUP: false });
    return { page, forgeSignatures };
  }

  /** The app's sign-in from the start; resolves with the PKCE verifier its code needs. */
  async function startAppSignIn(page: Page): Promise<string> {
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(app.config, {
      redirect_uri: replyUrl,
      scope: 'openid email',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    await page.goto(url.href);
    return verifier;
  }

  async function signInWithPassword(page: Page, email: string) {
    await page.fill('#email', email);
    await page.fill('#password', MFA_PASSWORD);
    await page.click('#submit');
  }

  it('adds a passkey on the account page, then signs in to an app with the password and the passkey (amr hwk, mfa)', async () => {
    const t = suite.t;
    const email = 'pat.passkey@contoso-passkey.example';
    const member = await memberWithPassword(t, suite.tenants[0]!, email);
    const context = await browser.newContext();
    const { page, forgeSignatures } = await withAuthenticator(context);
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    const csp: string[] = [];
    page.on('console', (m) => m.text().includes('Content Security Policy') && csp.push(m.text()));

    await page.goto(`${t.baseUrl}/account`);
    await signInWithPassword(page, email);
    await page.fill('#passkey-label', 'Work laptop');
    await page.click('#passkey-register');
    // The account's first method: its recovery codes, shown once, then on to the account page.
    await page.locator('#passkey-codes').waitFor();
    expect(await page.locator('#recovery-codes li').count()).toBe(10);
    await shot(page, 'passkey-1-codes');
    await page.click('#continue');
    await page.waitForURL(`${t.baseUrl}/account?done=passkey`);
    expect(await page.locator('#methods li strong').allTextContents()).toEqual(['Work laptop']);
    const stored = await t.gateway.db.manager.findOneByOrFail(MfaMethod, { userId: member.id });
    expect(stored).toMatchObject({ kind: 'passkey', backedUp: false, confirmedAt: expect.any(Date) });
    expect([...new Set(scripts.map((u) => new URL(u).pathname))].sort()).toEqual([
      '/static/passkey.js',
      '/static/vendor/simplewebauthn-browser.umd.min.js',
    ]);

    await page.click('#signout-everywhere');
    await page.goto(`${t.baseUrl}/account`);
    expect(await page.locator('#email').count()).toBe(1);

    // The app asks for a sign-in: the password, then the passkey, and the app has its code.
    const verifier = await startAppSignIn(page);
    await signInWithPassword(page, email);
    await page.waitForURL((u) => u.pathname === '/mfa');
    // A forged answer is refused by the gateway, and the page says so; the person can try again.
    await forgeSignatures(true);
    await page.click('#passkey-authenticate');
    await page.locator('#passkey-error').waitFor({ state: 'visible' });
    expect(await page.locator('#passkey-error').textContent()).toBe('The passkey could not be used. Try again.');
    await shot(page, 'passkey-2-refused');
    await forgeSignatures(false);
    await page.click('#passkey-authenticate');
    await page.waitForURL((u) => u.href.startsWith(replyUrl));
    const tokens = await oidc.authorizationCodeGrant(app.config, new URL(page.url()), { pkceCodeVerifier: verifier });
    expect(tokens.claims()!.amr).toEqual(expect.arrayContaining(['pwd', 'hwk', 'mfa']));
    expect((await t.gateway.db.manager.findOneByOrFail(MfaMethod, { id: stored.id })).lastUsedAt).not.toBeNull();
    expect(csp).toEqual([]);

    // The same authenticator cannot be added twice: the browser refuses, the page explains.
    await page.goto(`${t.baseUrl}/account`);
    await page.click('#passkey-register');
    await page.locator('#passkey-error').waitFor({ state: 'visible' });
    expect(await page.locator('#passkey-error').textContent()).toBe('This passkey is registered already.');
    expect(await t.gateway.db.manager.countBy(MfaMethod, { userId: member.id })).toBe(1);
    await context.close();
  });
});
