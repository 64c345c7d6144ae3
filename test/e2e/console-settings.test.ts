import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { TermsAcceptance } from '../../src/policies/security-policy.entity.js';
import { newId } from '../../src/shared/ids.js';
import { CHROMIUM, launchChromium, screenshots, seriousViolations } from '../helpers/chromium.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { SecurityPolicyDocument, SigningKeysDocument, TenantDocument, UpdateSecurityPolicyDocument } from '../graphql/generated.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';

const PASSWORD = 'Violet-Canyon-Radar-4';

/**
 * The console's security and settings area in Chromium, against the real gateway: each page is
 * changed through its form and checked in the API, refusals show beside their field, a GuestInviter
 * is kept out, and every page passes axe and is photographed at 1280 and 390 px.
 */
describe.skipIf(!fs.existsSync(CHROMIUM))('the console settings in a browser', () => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let browser: Browser;
  let dns: TestDnsServer;
  beforeAll(async () => void (dns = await startDnsServer()));
  afterAll(() => dns?.close());
  const suite = useGatewaySuite('sqlite', {
    env: () => ({ DNS_SERVERS: dns.address }),
    tenants: [{ name: 'Contoso', domains: ['contoso.example'] }],
  });
  beforeAll(async () => {
    ({
      t,
      tenants: [contoso],
    } = suite);
    // The console's journeys, not MFA: no second factor for admins here.
    await contoso.admin.client.data(UpdateSecurityPolicyDocument, { input: { mfaForAdmins: false } });
    for (const [mail, roles] of [
      ['ada@contoso.example', [DirectoryRole.GlobalAdministrator]],
      ['gil@contoso.example', [DirectoryRole.GuestInviter]],
    ] as const) {
      const user = await t.gateway.services.users.createMember(contoso.tenant.id, { displayName: mail, mail, roles: [...roles] });
      await t.gateway.services.accounts.setPassword(user.id, PASSWORD);
    }
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function signIn(email: string, path = 'settings'): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/admin/${contoso.tenant.id}/${path}`);
    await page.fill('input[name="email"]', email);
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
    return page;
  }

  async function checked(page: Page, name: string) {
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console', name);
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  it('previews the invitation mail as the admin types, saves the name into the header, refuses a bad colour beside it', async () => {
    const page = await signIn('ada@contoso.example');
    await page.getByRole('heading', { name: 'Tenant and branding' }).waitFor();
    const preview = page.frameLocator('iframe[title="Invitation email preview"]');
    await preview.getByText('Contoso').first().waitFor();

    await page.fill('#previewMessage', 'Looking forward to working with you');
    await preview.getByText('Looking forward to working with you').waitFor();
    await page.fill('#brandColor', '#aa3300');
    // The frame is the gateway's own rendering with its own policy: the mail's inline styles apply.
    const accept = preview.getByRole('link', { name: 'Accept invitation' });
    // Evaluated in the frame; the tests compile without the DOM's types.
    const styleOf = (el: unknown) =>
      (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor;
    await expect.poll(() => accept.evaluate(styleOf)).toBe('rgb(170, 51, 0)');
    await page.fill('#name', 'Contoso Renamed');
    await preview.getByText('Contoso Renamed').first().waitFor();
    // The page the link opens, as the gateway's own review view renders it, in the draft's colour.
    const redemption = page.frameLocator('iframe[title="Redemption page preview"]');
    await redemption.getByRole('heading', { name: /Contoso Renamed/ }).waitFor();
    await redemption.getByText('Looking forward to working with you').waitFor();
    await expect.poll(() => redemption.locator('#accept').evaluate(styleOf)).toBe('rgb(170, 51, 0)');
    // The frame's page: its own policy (sandboxed, no script), and only for a frame of this origin.
    const src = `${t.baseUrl}${await page.getAttribute('iframe.mail-preview', 'src')}`;
    const framed = await page.request.get(src, { headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'iframe' } });
    expect(framed.status()).toBe(200);
    expect(framed.headers()['content-security-policy']).toMatch(/default-src 'none';.*sandbox/);
    expect(await framed.text()).toContain('Looking forward to working with you');
    expect((await page.request.get(src, { headers: { 'sec-fetch-site': 'cross-site' } })).status()).toBe(403);
    expect((await page.request.get(src, { headers: { 'sec-fetch-dest': 'document' } })).status()).toBe(403);
    expect((await fetch(src)).status).toBe(401);
    // Typing saved nothing.
    expect((await contoso.admin.client.data(TenantDocument)).tenant.name).toBe('Contoso');
    await checked(page, 'settings-general');
    // Full-page shots leave frames below the first screen blank; the redemption preview on its own.
    await page.locator('iframe.page-preview').screenshot({ path: 'test-output/console/settings-redemption-preview.png' });

    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await page.locator('.brand', { hasText: 'Contoso Renamed' }).waitFor();
    expect((await contoso.admin.client.data(TenantDocument)).tenant.name).toBe('Contoso Renamed');

    await page.fill('#brandColor', 'red');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#brandColor-error').waitFor();
    expect(await page.locator('#brandColor-error').textContent()).toContain('BAD_USER_INPUT');
    expect(await page.getAttribute('#brandColor', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#brandColor', 'aria-describedby')).toContain('brandColor-error');
    await page.close();
  });

  it('adds a domain, shows the TXT record to publish, reports a failed verification, then verifies it', async () => {
    const page = await signIn('ada@contoso.example', 'settings/domains');
    await page.getByRole('heading', { name: 'Domains' }).waitFor();
    await page.fill('#domain-name', 'partners.contoso.example');
    await page.getByRole('button', { name: 'Add domain' }).click();
    const row = page.getByRole('row', { name: /partners\.contoso\.example/ });
    await row.getByText('Unverified').waitFor();
    const record = (await row.locator('code').textContent()) ?? '';
    const value = /"(b2b-gateway-verification=[^"]+)"/.exec(record)?.[1];
    expect(value).toBeTruthy();
    await row.getByRole('button', { name: 'Copy the TXT record of partners.contoso.example' }).waitFor();

    await row.getByRole('button', { name: 'Verify partners.contoso.example' }).click();
    await page
      .getByRole('alert')
      .getByText(/Not verified: .*DOMAIN_NOT_VERIFIED/)
      .waitFor();
    await checked(page, 'settings-domains');

    dns.setTxt('partners.contoso.example', [value!]);
    await row.getByRole('button', { name: 'Verify partners.contoso.example' }).click();
    await page.getByText('partners.contoso.example is verified.').waitFor();
    await row.getByText('Verified', { exact: true }).waitFor();
    expect((await contoso.admin.client.data(TenantDocument)).tenant.domains).toContain('partners.contoso.example');

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Remove partners.contoso.example' }).click();
    await page.getByText('partners.contoso.example removed.').waitFor();
    // The list is fetched again after the message: wait for the row to go rather than count at once.
    await row.waitFor({ state: 'detached' });
    await page.close();
  });

  it('shows the redirect URI and refuses a provider for a domain the tenant does not hold beside that field', async () => {
    const page = await signIn('ada@contoso.example', 'settings/identity-providers');
    await page.getByRole('heading', { name: 'Identity providers' }).waitFor();
    await page.getByText(`${t.baseUrl}/federation/callback`).waitFor();
    await page.fill('#idp-issuer', 'https://login.contoso.example/');
    await page.fill('#idp-clientId', 'gateway');
    await page.fill('#idp-clientSecret', 'not-a-real-secret');
    await page.fill('#idp-domains', 'fabrikam.example');
    await page.getByRole('button', { name: 'Register provider' }).click();
    await page.locator('#idp-domains-error').waitFor();
    expect(await page.getAttribute('#idp-domains', 'aria-invalid')).toBe('true');
    await checked(page, 'settings-identity-providers');
    await page.close();
  });

  it('rotates the signing key after asking, with the activation delay', async () => {
    const page = await signIn('ada@contoso.example', 'settings/keys');
    await page.getByRole('heading', { name: 'Signing keys' }).waitFor();
    await page.getByRole('cell', { name: 'Active (signs now)' }).first().waitFor();
    await page.fill('#activation-hours', '48');
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Rotate key' }).click();
    await page.getByText('A new key is published.').waitFor();
    expect(asked).toContain('48 hours');
    await page.getByRole('cell', { name: 'Next (published, not signing yet)' }).waitFor();
    const next = (await contoso.admin.client.data(SigningKeysDocument)).signingKeys.find((k) => k.status === 'next');
    const hoursAhead = (new Date(next!.activatesAt!).getTime() - Date.now()) / 3_600_000;
    expect(hoursAhead).toBeGreaterThan(47.9);
    expect(hoursAhead).toBeLessThanOrEqual(48);
    await checked(page, 'settings-keys');
    await page.close();
  });

  it('turns MFA for guests on, and shows an invalid sign-in frequency beside its field', async () => {
    const page = await signIn('ada@contoso.example', 'settings/security');
    await page.getByRole('heading', { name: 'Security policy' }).waitFor();
    await page.getByLabel('Guests complete a second factor').check();
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Security policy saved.').waitFor();
    expect((await contoso.admin.client.data(SecurityPolicyDocument)).securityPolicy.mfaForGuests).toBe(true);

    await page.fill('#signInFrequencyMinutes', '1');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.locator('#signInFrequencyMinutes-error').waitFor();
    expect(await page.locator('#signInFrequencyMinutes-error').textContent()).toContain('INVALID_SECURITY_POLICY');
    expect(await page.getAttribute('#signInFrequencyMinutes', 'aria-invalid')).toBe('true');
    expect((await contoso.admin.client.data(SecurityPolicyDocument)).securityPolicy.signInFrequencyMinutes).toBeNull();
    await checked(page, 'settings-security');

    // An acceptance names its person (a link to them) and their address, not an account id.
    const tess = await t.gateway.services.users.createMember(contoso.tenant.id, {
      displayName: 'Tess Terms',
      mail: 'tess@contoso.example',
    });
    await t.gateway.db.manager.insert(TermsAcceptance, {
      id: newId(),
      tenantId: contoso.tenant.id,
      userId: tess.id,
      version: '2026-01',
      language: 'en',
      acceptedAt: new Date(),
    });
    await page.getByRole('link', { name: 'Terms acceptances' }).first().click();
    await page.getByRole('heading', { name: 'Terms of use acceptances' }).waitFor();
    const person = page.getByRole('link', { name: 'Tess Terms' });
    await person.waitFor();
    expect(await person.getAttribute('href')).toBe(`/admin/${contoso.tenant.id}/users/${tess.id}`);
    expect(await page.getByRole('row', { name: /Tess Terms/ }).textContent()).toContain('tess@contoso.example');
    await checked(page, 'settings-terms');
    await page.close();
  }, 60_000);

  it('keeps a GuestInviter out: no settings in the navigation, and "Not allowed" at the address', async () => {
    const page = await signIn('gil@contoso.example', '');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Invite', exact: true }).waitFor();
    expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await page.goto(`${t.baseUrl}/admin/${contoso.tenant.id}/settings/domains`);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Domains' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    // Nor does the preview's page render anything for this role: the API refuses it.
    const preview = await page.request.get(`${t.baseUrl}/admin/${contoso.tenant.id}/preview/invitation-mail?name=x`, {
      headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'iframe' },
    });
    expect(preview.status()).toBe(400);
    expect(await preview.text()).toContain('FORBIDDEN');
    await page.close();
  });
});
