import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import * as oidc from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../helpers/chromium.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { invite, latestMail, type PartnerApp, registerApp } from '../helpers/partner-flow.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

const SHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');
const PASSWORD = 'Velvet-Comet-2026!';

/**
 * The account page in a real browser on a phone-sized screen: leaving an organization and deleting
 * the account, with openid-client as each tenant's relying party refreshing its tokens.
 */
describe.skipIf(!hasChromium())('the account page in a real browser', () => {
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let browser: Browser;
  let partnerApp: http.Server;
  let replyUrl: string;
  const tenants: { fixture: TenantFixture; app: PartnerApp }[] = [];
  const landed: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    smtp = await startSmtpServer();
    t = await startTestGateway('sqlite', { SMTP_URL: smtp.url });
    partnerApp = http.createServer((req, res) => {
      landed.push(`${replyUrl.replace(/\/callback$/, '')}${req.url}`);
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><title>Partner app</title><h1>Partner app</h1>');
    });
    await new Promise<void>((resolve) => partnerApp.listen(0, '127.0.0.1', resolve));
    replyUrl = `http://127.0.0.1:${(partnerApp.address() as { port: number }).port}/callback`;
    for (const domain of ['contoso-phone.example', 'a-rather-long-organization-name-northwind-traders.example']) {
      const fixture = await createTenant(t, 'http', {
        domains: [domain],
        name: domain === 'contoso-phone.example' ? 'Contoso' : 'Northwind Traders International Holdings of Very Long Names',
      });
      tenants.push({ fixture, app: await registerApp(t, fixture, { replyUrl }) });
    }
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await smtp?.close();
    partnerApp?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  /** The app signs the user in (silently: the gateway session is in place) and gets a refresh token. */
  async function tokensFor(page: Page, app: PartnerApp) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(app.config, {
      redirect_uri: replyUrl,
      scope: 'openid email offline_access',
      prompt: 'consent',
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    await page.goto(url.href);
    await page.waitForURL((u) => u.href.startsWith(replyUrl));
    const callback = new URL(landed.filter((u) => u.startsWith(`${replyUrl}?`)).at(-1)!);
    return oidc.authorizationCodeGrant(app.config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  }

  const refreshError = (app: PartnerApp, token: string) =>
    oidc.refreshTokenGrant(app.config, token).then(
      () => null,
      (error: { error?: string }) => error.error ?? String(error),
    );

  /** Nothing on the page is wider than the phone's screen. */
  async function fitsTheScreen(page: Page) {
    // A string, evaluated in the page: the tests compile without the DOM's types.
    const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
      '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
    );
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  }

  it('on a phone: leave an organization (its next refresh is refused), then delete the account (every tenant refuses it)', async () => {
    const email = 'lee.someone-with-a-long-address@fabrikam-phone-partners.example';
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();

    // Sign up through Contoso's invitation, then accept Northwind's signed in.
    await invite(tenants[0]!.fixture, email, tenants[0]!.app);
    await page.goto(/(http:\/\/\S+\/redeem\?\S+)/.exec((await latestMail(t, smtp, email)).text!)![1]!);
    await page.click('#accept');
    await page.fill('#code', /\b(\d{6})\b/.exec((await latestMail(t, smtp, email)).text!)![1]!);
    await page.click('#submit');
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
    await page.waitForURL((u) => u.href.startsWith(replyUrl));
    const second = await invite(tenants[1]!.fixture, email, tenants[1]!.app);
    await page.goto(second.inviteRedeemUrl!);
    await page.click('#accept');
    await page.waitForURL((u) => u.href.startsWith(replyUrl));
    const [contoso, northwind] = [await tokensFor(page, tenants[0]!.app), await tokensFor(page, tenants[1]!.app)];

    await page.goto(`${t.baseUrl}/account`);
    expect((await page.locator('h1').textContent())?.trim()).toBe('Your account');
    expect(await page.locator('.organization h3').allTextContents()).toEqual(tenants.map((x) => x.fixture.tenant.name));
    expect(await page.locator('.organization .apps li').allTextContents()).toEqual(['Partner Expenses', 'Partner Expenses']);
    expect(await page.locator('script').count()).toBe(0);
    await fitsTheScreen(page);
    await shot(page, 'account-1-phone');

    await page.click(`#leave-${tenants[0]!.fixture.tenant.id}`);
    expect((await page.locator('h1').textContent())?.trim()).toBe('Leave Contoso?');
    await fitsTheScreen(page);
    await shot(page, 'account-2-leave-confirm');
    await page.click('#confirm-leave');
    await page.waitForURL(`${t.baseUrl}/account?done=left`);
    expect(await page.locator('.organization h3').allTextContents()).toEqual([tenants[1]!.fixture.tenant.name]);
    expect(await refreshError(tenants[0]!.app, contoso.refresh_token!)).toBe('invalid_grant');
    const stillThere = await oidc.refreshTokenGrant(tenants[1]!.app.config, northwind.refresh_token!);

    await page.fill('#deletePassword', PASSWORD);
    await page.click('#delete-account');
    expect((await page.locator('#message').textContent())?.trim()).toContain('Your account is deleted');
    await shot(page, 'account-3-deleted');
    expect(await refreshError(tenants[1]!.app, stillThere.refresh_token!)).toBe('invalid_grant');
    // The browser is signed out: the page asks for a sign-in, and the old password no longer works.
    await page.goto(`${t.baseUrl}/account`);
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
    expect(await page.locator('.error').textContent()).toContain('not correct');
    await context.close();
  });
});
