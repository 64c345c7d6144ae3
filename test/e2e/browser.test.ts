import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import * as oidc from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../helpers/chromium.js';
import { User } from '../../src/directory/user.entity.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, latestMail, managedTenantWithMember, type PartnerApp, registerApp } from '../helpers/partner-flow.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import type { TestGateway } from '../helpers/test-gateway.js';

const SHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');

/**
 * The partner's experience in a real browser (Debian's chromium, driven by playwright-core).
 * .ci/run installs chromium; on a machine without it this suite is skipped and says so.
 */
describe.skipIf(!hasChromium())('in a real browser', () => {
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let contoso: TenantFixture;
  let app: PartnerApp;
  let browser: Browser;
  let partnerApp: http.Server;
  let replyUrl: string;
  const landed: string[] = [];

  const suite = useGatewaySuite('sqlite', {
    smtp: true,
    tenants: [{ domains: ['contoso.example'], privacyUrl: 'https://contoso.example/privacy', brandColor: '#6b2fa3' }],
  });
  beforeAll(async () => {
    ({
      smtp,
      t,
      tenants: [contoso],
    } = suite);
    fs.mkdirSync(SHOTS, { recursive: true });
    partnerApp = http.createServer((req, res) => {
      landed.push(`${replyUrl.replace(/\/callback$/, '')}${req.url}`);
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><title>Partner Expenses</title><h1>Partner Expenses</h1>');
    });
    await new Promise<void>((resolve) => partnerApp.listen(0, '127.0.0.1', resolve));
    replyUrl = `http://127.0.0.1:${(partnerApp.address() as { port: number }).port}/callback`;
    app = await registerApp(t, contoso, { replyUrl });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    partnerApp?.close();
  });

  /** A browser context; the partner app is a small HTTP server on loopback that records where the browser landed. */
  async function partnerBrowser() {
    const context = await browser.newContext({ viewport: { width: 420, height: 860 } });
    landed.length = 0;
    return { context, page: await context.newPage(), landed };
  }

  async function heading(page: Page): Promise<string | undefined> {
    await page.waitForLoadState();
    return (await page.locator('h1').first().textContent())?.trim();
  }

  async function shot(page: Page, name: string) {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  }

  /** The app signs the user in: with the gateway session in place no page is shown. */
  async function silentLogin(page: Page, landed: string[]) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(app.config, {
      redirect_uri: replyUrl,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    await page.goto(url.href);
    await page.waitForURL((u) => u.href.startsWith(replyUrl));
    // The browser also asks the partner app for /favicon.ico: take the callback itself.
    const callback = new URL(landed.filter((u) => u.startsWith(`${replyUrl}?`)).at(-1)!);
    return oidc.authorizationCodeGrant(app.config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  }

  it('invite → email → accept → sign up with the emailed code → the app → a silent login with external-user claims', async () => {
    const email = 'dana@fabrikam-browser.example';
    const invitation = await invite(contoso, email, app, { displayName: 'Dana Partner', invitationText: 'Welcome to the expenses pilot!' });
    const link = /(http:\/\/\S+\/redeem\?\S+)/.exec((await latestMail(t, smtp, email)).text!)![1]!;
    const { context, page, landed } = await partnerBrowser();

    await page.goto(link);
    expect(await heading(page)).toBe(`${contoso.tenant.name} invites you`);
    await shot(page, '1-review');
    await page.click('#accept');
    expect(await heading(page)).toBe('Verify your email address');
    await shot(page, '2-code');
    const code = /\b(\d{6})\b/.exec((await latestMail(t, smtp, email)).text!)![1]!;
    await page.fill('#code', code);
    await page.click('#submit');
    expect(await heading(page)).toBe('Create your account');
    await shot(page, '3-profile');
    await page.fill('#password', 'Velvet-Comet-2026!');
    await page.click('#submit');
    await page.waitForURL(replyUrl);
    await shot(page, '4-landed-on-app');
    expect(landed[0]).toBe(replyUrl);

    const tokens = await silentLogin(page, landed);
    const guest = await t.gateway.db.manager.findOneByOrFail(User, { id: invitation.invitedUser!.id });
    const home = await t.gateway.db.manager.findOneByOrFail(User, { id: guest.homeUserId! });
    expect(tokens.claims()).toMatchObject({
      iss: `${t.baseUrl}/${contoso.tenant.id}/v2.0`,
      tid: contoso.tenant.id,
      oid: guest.id,
      idp: `${t.baseUrl}/${home.tenantId}/v2.0`,
      altsecid: guest.altSecId,
      unique_name: email,
      email,
      name: 'Dana Partner',
      acct: 1,
      ver: '2.0',
    });

    await page.goto(`${t.baseUrl}/${contoso.tenant.id}/myapps`);
    expect(await page.locator('.apps li').allTextContents()).toEqual(['Partner Expenses']);
    await shot(page, '5-access-panel');
    await context.close();
  });

  it('redeems with an existing account of another managed tenant', async () => {
    const fabrikam = await managedTenantWithMember(t, 'fabrikam-managed.example', 'erin@fabrikam-managed.example', 'Blue-Harbor-Lantern-9');
    const invitation = await invite(contoso, 'erin@fabrikam-managed.example', app);
    const { context, page, landed } = await partnerBrowser();
    await page.goto(invitation.inviteRedeemUrl!);
    await page.click('#accept');
    expect(await heading(page)).toBe('Sign in');
    expect(await page.locator('#email').inputValue()).toBe('erin@fabrikam-managed.example');
    await shot(page, '6-sign-in-existing-account');
    await page.fill('#password', 'Blue-Harbor-Lantern-9');
    await page.click('#submit');
    await page.waitForURL(replyUrl);
    const tokens = await silentLogin(page, landed);
    expect(tokens.claims()).toMatchObject({
      idp: `${t.baseUrl}/${fabrikam.tenant.id}/v2.0`,
      email: 'erin@fabrikam-managed.example',
      acct: 1,
    });
    await context.close();
  });

  it('shows a readable page for a used link and for an unassigned app, with no inline script', async () => {
    const { context, page } = await partnerBrowser();
    const response = await page.goto(
      `${t.baseUrl}/redeem?tenant=${contoso.tenant.id}&invitation=00000000-0000-7000-8000-000000000000&ticket=x`,
    );
    expect(response!.status()).toBe(404);
    expect(await page.locator('#message').textContent()).toContain('not valid');
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await page.locator('script').count()).toBe(0);
    await shot(page, '7-invalid-link');
    await context.close();
  });
});
