import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import * as oidc from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../helpers/chromium.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { latestMail, managedTenantWithMember, type PartnerApp, registerApp } from '../helpers/partner-flow.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

const SHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');

/**
 * "Forgot your password?" in a real browser (Debian's chromium, driven by playwright-core), with
 * openid-client as the relying party: the refresh token the app held before the reset is refused.
 */
describe.skipIf(!hasChromium())('password reset in a real browser', () => {
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let fabrikam: TenantFixture;
  let app: PartnerApp;
  let browser: Browser;
  let partnerApp: http.Server;
  let replyUrl: string;
  const landed: string[] = [];
  const erin = { email: 'erin@fabrikam-reset.example', password: 'Blue-Harbor-Lantern-9' };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    smtp = await startSmtpServer();
    t = await startTestGateway('sqlite', { SMTP_URL: smtp.url });
    fabrikam = await managedTenantWithMember(t, 'fabrikam-reset.example', erin.email, erin.password);
    partnerApp = http.createServer((req, res) => {
      landed.push(`${replyUrl.replace(/\/callback$/, '')}${req.url}`);
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><title>Partner Expenses</title><h1>Partner Expenses</h1>');
    });
    await new Promise<void>((resolve) => partnerApp.listen(0, '127.0.0.1', resolve));
    replyUrl = `http://127.0.0.1:${(partnerApp.address() as { port: number }).port}/callback`;
    app = await registerApp(t, fabrikam, { replyUrl, assignmentRequired: false });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await smtp?.close();
    partnerApp?.close();
  });

  async function heading(page: Page): Promise<string | undefined> {
    await page.waitForLoadState();
    return (await page.locator('h1').first().textContent())?.trim();
  }

  /** Starts an authorization at the app (offline_access, so a refresh token comes back); returns how to finish it. */
  async function authorize(page: Page) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(app.config, {
      redirect_uri: replyUrl,
      scope: 'openid email profile offline_access',
      prompt: 'consent',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    landed.length = 0;
    await page.goto(url.href);
    return async () => {
      await page.waitForURL((u) => u.href.startsWith(replyUrl));
      const callback = new URL(landed.filter((u) => u.startsWith(`${replyUrl}?`)).at(-1)!);
      return oidc.authorizationCodeGrant(app.config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    };
  }

  async function signIn(page: Page, password: string) {
    const finish = await authorize(page);
    expect(await heading(page)).toBe('Sign in');
    await page.fill('#email', erin.email);
    await page.fill('#password', password);
    await page.click('#submit');
    return finish();
  }

  it('forgot password → code → new password → the old refresh token is refused', async () => {
    const before = await browser.newContext({ viewport: { width: 420, height: 860 } });
    const tokens = await signIn(await before.newPage(), erin.password);
    expect(tokens.refresh_token).toBeTruthy();

    const context = await browser.newContext({ viewport: { width: 420, height: 860 } });
    const page = await context.newPage();
    await authorize(page);
    expect(await heading(page)).toBe('Sign in');
    await page.fill('#email', erin.email);
    await page.click('#forgot-password');
    expect(await heading(page)).toBe('Reset your password');
    await page.screenshot({ path: path.join(SHOTS, 'reset-1-forgot.png'), fullPage: true });
    await page.fill('#email', erin.email);
    const mails = smtp.received.length;
    await page.click('#submit');
    expect(await page.locator('#sent').textContent()).toContain(`If an account exists for ${erin.email}`);
    await page.screenshot({ path: path.join(SHOTS, 'reset-2-code.png'), fullPage: true });

    let code: string | undefined;
    for (let i = 0; i < 50 && !code; i++) {
      await t.gateway.outboxWorker.drain();
      if (smtp.received.length > mails) code = /\b(\d{6})\b/.exec((await latestMail(t, smtp, erin.email)).text ?? '')?.[1];
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(code, 'the reset mail').toBeTruthy();
    await page.fill('#code', code!);
    await page.fill('#password', 'Quiet-Orchard-Signal-4');
    await page.click('#submit');
    expect(await page.locator('#message').textContent()).toContain('Your password was changed');
    await page.screenshot({ path: path.join(SHOTS, 'reset-3-done.png'), fullPage: true });

    await expect(oidc.refreshTokenGrant(app.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The browser signed in before the reset is asked for credentials again, and only the new password works.
    const again = await before.newPage();
    expect((await signIn(again, 'Quiet-Orchard-Signal-4')).refresh_token).toBeTruthy();
    await before.close();
    await context.close();
  });
});
