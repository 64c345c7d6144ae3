import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { CHROMIUM, launchChromium, screenshots, seriousViolations } from '../helpers/chromium.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { UpdateSecurityPolicyDocument } from '../graphql/generated.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';

const PASSWORD = 'Violet-Canyon-Radar-4';

/**
 * The admin console in Chromium: an administrator signs in through the tenant's real provider and
 * lands on the overview the built console renders from the API; someone without a role gets the
 * clear refusal page. Every screen is scanned with axe-core and photographed at 1280 and 390 px.
 */
describe.skipIf(!fs.existsSync(CHROMIUM))('the admin console in a browser', () => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let browser: Browser;
  const suite = useGatewaySuite('sqlite', { smtp: true, tenants: [{ name: 'Contoso', domains: ['contoso.example'] }] });
  beforeAll(async () => {
    ({
      t,
      tenants: [contoso],
    } = suite);
    // The console's journeys, not MFA (console-bff.test.ts holds an admin to it): no second factor for admins here.
    await contoso.admin.client.data(UpdateSecurityPolicyDocument, { input: { mfaForAdmins: false } });
    for (const [mail, roles] of [
      ['ada@contoso.example', [DirectoryRole.GlobalAdministrator]],
      ['pat@contoso.example', []],
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

  async function signIn(page: Page, email: string) {
    await page.goto(`${t.baseUrl}/admin/${contoso.tenant.id}/`);
    await page.fill('input[name="email"]', email);
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
  }

  it('signs an administrator in and shows the overview, accessible at both widths', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The gateway's sign-in pages have no favicon; anything else failing is the console's fault.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`${m.text()} ${m.location().url}`);
    });
    await signIn(page, 'ada@contoso.example');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByText('Pending invitations').waitFor();
    expect(await page.locator('.brand').textContent()).toBe('Contoso');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console', 'overview');
    expect(errors).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#password').waitFor();
    await page.close();
  });

  it('invites one partner (refusal beside its field), sees the mail go from queued to sent, revokes it', async () => {
    const page = await browser.newPage();
    await signIn(page, 'ada@contoso.example');
    await page.getByRole('link', { name: 'Invite', exact: true }).click();
    await page.getByRole('heading', { name: 'Invite one person' }).waitFor();
    await page.getByRole('group', { name: 'Applications' }).waitFor();
    await page.fill('#email', 'sam@fabrikam.example');
    await page.fill('#redirectUrl', 'https://evil.example/');
    await page.click('button[type="submit"]');
    await page.locator('#redirectUrl-error').waitFor();
    expect(await page.locator('#redirectUrl-error').textContent()).toContain('REDIRECT_URL_NOT_ALLOWED');
    expect(await page.getAttribute('#redirectUrl', 'aria-invalid')).toBe('true');
    await page.fill('#redirectUrl', '');
    await page.fill('#displayName', 'Sam Partner');
    await page.click('button[type="submit"]');
    await page.getByText('Invitation sent to sam@fabrikam.example').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console', 'invite');

    // The invitation is listed, pending; revoking it asks first, then the list shows it revoked.
    await page.getByRole('link', { name: 'Invitations' }).click();
    const row = page.getByRole('row', { name: /sam@fabrikam\.example/ });
    await row.getByText('Pending acceptance').waitFor();
    await row.getByText('Queued').waitFor();
    // The outbox worker delivers to the test SMTP server; the list shows it on a reload.
    await t.gateway.outboxWorker.drain();
    expect(suite.smtp.received.flatMap((m) => m.to)).toContain('sam@fabrikam.example');
    await page.reload();
    await row.getByText('Sent').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console', 'invitations');
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Revoke sam@fabrikam.example' }).click();
    await row.getByText('Revoked').waitFor();
    await page.close();
  });

  it('bulk invites from a CSV: refuses a wrong file before upload, dry-runs, uploads, downloads the report', async () => {
    const page = await browser.newPage();
    await signIn(page, 'ada@contoso.example');
    await page.getByRole('link', { name: 'Bulk invite' }).click();
    await page.getByRole('heading', { name: 'Bulk invite' }).waitFor();
    const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.setInputFiles('#csv', csv('people.txt', 'Email,DisplayName\n'));
    await page.getByText('people.txt is not a CSV file').waitFor();
    const many = Array.from({ length: 2001 }, (_, i) => `p${i}@fabrikam.example,P ${i}`).join('\n');
    await page.setInputFiles('#csv', csv('many.csv', `Email,DisplayName\n${many}\n`));
    await page.getByText('many.csv has 2,001 rows; at most 2,000').waitFor();

    await page.setInputFiles('#csv', csv('people.csv', 'Email,DisplayName\nkim@fabrikam.example,Kim\nnot-an-address,Nobody\n'));
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('heading', { name: 'Dry run: nothing was written' }).waitFor();
    await page.getByText('2 rows: 1 created, 0 resent, 0 skipped, 1 failed.').waitFor();
    // Rows are named by their line in the file, as the downloaded report and CSV_MALFORMED name them.
    const cells = async (email: string) =>
      page
        .getByRole('row', { name: new RegExp(email) })
        .getByRole('cell')
        .allTextContents();
    expect((await cells('kim@fabrikam\\.example'))[0]).toBe('2');
    expect((await cells('not-an-address'))[0]).toBe('3');
    await page.getByRole('columnheader', { name: 'Line' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console', 'bulk-invite');
    await page.getByRole('button', { name: 'Upload and invite' }).click();
    await page.getByRole('heading', { name: 'Upload report' }).waitFor();
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByText('Download the report (CSV)').click()]);
    const text = fs.readFileSync(await report.path(), 'utf8');
    expect(text).toContain('2,kim@fabrikam.example');
    expect(text).toContain('3,not-an-address');
    await page.close();
  });

  it('offers a GuestInviter no app or group pickers', async () => {
    const page = await browser.newPage();
    await signIn(page, 'gil@contoso.example');
    await page.getByRole('link', { name: 'Invite', exact: true }).click();
    await page.getByRole('heading', { name: 'Invite one person' }).waitFor();
    expect(await page.getByRole('group', { name: 'Applications' }).count()).toBe(0);
    expect(await page.getByRole('group', { name: 'Groups' }).count()).toBe(0);
    await page.close();
  });

  it('tells a user without an administrator role so, on an accessible page', async () => {
    const page = await browser.newPage();
    await signIn(page, 'pat@contoso.example');
    await page.getByText('You have no administrator role in Contoso').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console', 'no-role');
    await page.close();
  });
});
