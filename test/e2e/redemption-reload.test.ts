import * as oidc from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoveUserDocument } from '../graphql/generated.js';
import { hasChromium, launchChromium, startReplyServer } from '../helpers/chromium.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, latestMail, type PartnerApp, registerApp } from '../helpers/partner-flow.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import type { TestGateway } from '../helpers/test-gateway.js';

const PASSWORD = 'Velvet-Comet-2026!';

/**
 * Reloads and Back on the redemption and sign-in pages, in Chromium (a reload after a POST sends the
 * form again): each answer is the right step or a page that says what to do, never a 500 or a raw
 * error. Then the access panel of a guest an administrator removed.
 */
describe.skipIf(!hasChromium())('reloading the redemption and sign-in pages', { timeout: 120_000 }, () => {
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let contoso: TenantFixture;
  let app: PartnerApp;
  let browser: Browser;
  let reply: Awaited<ReturnType<typeof startReplyServer>>;
  const suite = useGatewaySuite('sqlite', { smtp: true, tenants: [{ name: 'Contoso', domains: ['contoso.example'] }] });
  beforeAll(async () => {
    ({
      smtp,
      t,
      tenants: [contoso],
    } = suite);
    reply = await startReplyServer();
    app = await registerApp(t, contoso, { replyUrl: reply.replyUrl });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    reply?.close();
  });

  const heading = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();
  const message = async (page: Page) => (await page.locator('#message').textContent())?.trim();

  it('a reload after the code shows the profile step again; a form sent again after accepting says the step is done', async () => {
    const email = 'rita@fabrikam-reload.example';
    const sent = await invite(contoso, email, app);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(sent.inviteRedeemUrl!);
    await page.click('#accept');
    expect(await heading(page)).toBe('Verify your email address');
    await page.fill('#code', /\b(\d{6})\b/.exec((await latestMail(t, smtp, email)).text!)![1]!);
    await page.click('#submit');
    expect(await heading(page)).toBe('Create your account');

    // The reload posts the used code again: the address is verified in this session, so the same step.
    expect((await page.reload())!.status()).toBe(200);
    expect(await heading(page)).toBe('Create your account');

    await page.fill('#password', PASSWORD);
    await page.click('#submit');
    await page.waitForURL((u) => u.href.startsWith(reply.replyUrl));
    // Back to the profile page and reload: the redemption is over and its session renewed.
    await page.goBack();
    const again = await page.reload();
    expect(again!.status()).toBeLessThan(500);
    expect(await heading(page)).toBe('This step is done');
    expect(await message(page)).toContain('open the app you were invited to');
    await context.close();
  });

  it('a reload of a sign-in page whose step moved on, and the panel of a removed guest, say what to do', async () => {
    const email = 'sol@fabrikam-reload.example';
    const sent = await invite(contoso, email, app);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(sent.inviteRedeemUrl!);
    await page.click('#accept');
    await page.fill('#code', /\b(\d{6})\b/.exec((await latestMail(t, smtp, email)).text!)![1]!);
    await page.click('#submit');
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
    await page.waitForURL((u) => u.href.startsWith(reply.replyUrl));

    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(app.config, {
      redirect_uri: reply.replyUrl,
      scope: 'openid',
      prompt: 'login',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: oidc.randomState(),
    });
    await page.goto(url.href);
    expect(await heading(page)).toBe('Sign in');
    const interaction = page.url();
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
    await page.waitForURL((u) => u.href.startsWith(`${reply.replyUrl}?code=`));
    const answer = await page.goto(interaction);
    expect(answer!.status()).toBe(400);
    expect(await message(page)).toBe('This sign-in has expired. Go back to the application and sign in again.');

    const myApps = `${t.baseUrl}/${contoso.tenant.id}/myapps`;
    await page.goto(myApps);
    expect(await page.locator('.apps li').allTextContents()).toEqual(['Partner Expenses']);
    await contoso.admin.client.data(RemoveUserDocument, { id: sent.invitedUser!.id });
    await page.goto(myApps);
    expect(await page.locator('#empty').textContent()).toBe(
      'You have no apps in Contoso. If you had access before, Contoso has removed it: ask your contact there if you still need it.',
    );
    await context.close();
  });
});
