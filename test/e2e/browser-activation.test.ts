import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import * as oidc from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { UpdateSecurityPolicyDocument } from '../graphql/generated.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../helpers/chromium.js';
import { createManagedTenant } from '../../src/cli/create-tenant.js';
import { clientCredentialsToken, type TenantFixture } from '../helpers/fixtures.js';
import { latestMail, type PartnerApp, registerApp } from '../helpers/partner-flow.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { GraphQLClient, startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

const SHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');
const PASSWORD = 'Saffron-Beacon-Quartz-3';

/**
 * The first administrator of a new managed tenant in a real browser: the link from tenant:create's
 * mail, a password, then signing in to an app of the tenant (Debian's chromium, driven by playwright-core).
 */
describe.skipIf(!hasChromium())('activating the first admin in a real browser', () => {
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let browser: Browser;
  let appServer: http.Server;
  let replyUrl: string;
  const landed: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    smtp = await startSmtpServer();
    t = await startTestGateway('sqlite', { SMTP_URL: smtp.url });
    appServer = http.createServer((req, res) => {
      landed.push(`${replyUrl.replace(/\/callback$/, '')}${req.url}`);
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><title>Admin console</title><h1>Admin console</h1>');
    });
    await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
    replyUrl = `http://127.0.0.1:${(appServer.address() as { port: number }).port}/callback`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await smtp?.close();
    appServer?.close();
  });

  async function heading(page: Page): Promise<string | undefined> {
    await page.waitForLoadState();
    return (await page.locator('h1').first().textContent())?.trim();
  }

  /** The app's sign-in in this browser: the gateway's page when no session holds, then the callback. */
  async function signInToApp(page: Page, app: PartnerApp, credentials: { email: string; password: string } | null) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(app.config, {
      redirect_uri: replyUrl,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    landed.length = 0;
    await page.goto(url.href);
    if (credentials) {
      expect(await heading(page)).toBe('Sign in');
      await page.fill('#email', credentials.email);
      await page.fill('#password', credentials.password);
      await page.click('#submit');
    }
    await page.waitForURL((u) => u.href.startsWith(replyUrl));
    const callback = new URL(landed.filter((u) => u.startsWith(`${replyUrl}?`)).at(-1)!);
    return oidc.authorizationCodeGrant(app.config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  }

  it("tenant:create's link → choose a password → signed in → an app signs the admin in, silently and with the password", async () => {
    const created = await createManagedTenant(t.gateway.services, t.baseUrl, 'Northwind', ['northwind-browser.example'], {
      email: 'nina@northwind-browser.example',
      displayName: 'Nina Admin',
    });
    const mail = await latestMail(t, smtp, 'nina@northwind-browser.example');
    const link = /(http:\/\/\S+\/activate\?token=[\w-]+)/.exec(mail.text!)![1]!;
    expect(link).toBe(created.admin!.activationUrl);

    const automation = new GraphQLClient(
      t,
      await clientCredentialsToken(t, created.tenantId, created.adminClientId, created.adminClientSecret),
    );
    const fixture = {
      tenant: await t.gateway.services.tenants.get(created.tenantId),
      admin: { client: automation },
    } as unknown as TenantFixture;
    const app = await registerApp(t, fixture, { assignmentRequired: false, replyUrl });
    // This journey is about activation: the second factor an administrator owes by default (MFA for
    // administrators) has its own journeys (test/e2e/security-policy.test.ts and the mfa browser journey).
    await automation.data(UpdateSecurityPolicyDocument, { input: { mfaForAdmins: false } });

    const context = await browser.newContext({ viewport: { width: 420, height: 860 } });
    const page = await context.newPage();
    await page.goto(link);
    expect(await heading(page)).toBe('Activate your account');
    expect(await page.locator('p').first().textContent()).toContain('nina@northwind-browser.example');
    await page.screenshot({ path: path.join(SHOTS, 'activate-1-form.png'), fullPage: true });
    await page.fill('#password', 'short');
    await page.click('#submit');
    // The browser itself refuses a password under 10 characters (minlength); the server's rules back it.
    expect(await heading(page)).toBe('Activate your account');
    await page.fill('#password', 'password123');
    await page.click('#submit');
    expect(await page.locator('.error').textContent()).toContain('Choose a stronger password');
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
    expect(await heading(page)).toBe('Your account is active');
    await page.screenshot({ path: path.join(SHOTS, 'activate-2-done.png'), fullPage: true });

    const silent = await signInToApp(page, app, null);
    expect(silent.claims()).toMatchObject({ sub: created.admin!.userId, email: 'nina@northwind-browser.example', tid: created.tenantId });
    await context.close();

    const other = await browser.newContext({ viewport: { width: 420, height: 860 } });
    const second = await other.newPage();
    const withPassword = await signInToApp(second, app, { email: 'nina@northwind-browser.example', password: PASSWORD });
    expect(withPassword.claims()).toMatchObject({ sub: created.admin!.userId, name: 'Nina Admin' });

    // The link worked once: the page now offers a new one.
    const again = await second.goto(link);
    expect(again!.status()).toBe(410);
    expect(await heading(second)).toBe('This link no longer works');
    expect(await second.locator('#resend').count()).toBe(1);
    expect(await second.locator('script').count()).toBe(0);
    await second.screenshot({ path: path.join(SHOTS, 'activate-3-used-link.png'), fullPage: true });
    await other.close();
  });
});
