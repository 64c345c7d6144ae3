import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../src/directory/user.entity.js';
import { Invitation, InvitationStatus } from '../../src/invitations/invitation.entity.js';
import { DEMO_ADMIN_EMAIL, type DemoTenant, seedDemoTenant } from '../../src/demo/seed-demo.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { CHROMIUM, launchChromium, screenshots, seriousViolations } from '../helpers/chromium.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { totpCode } from '../helpers/mfa.js';
import type { TestGateway } from '../helpers/test-gateway.js';

const PASSWORD = 'Harbour-Juniper-Comet-8';

/**
 * Issue 14's acceptance journey in one Chromium session: the demo tenant's human admin activates
 * the account, enrols an authenticator app (the demo policy holds admins to MFA) and lands on the
 * overview; then invites, bulk invites, watches a delivery reach the SMTP server, revokes, creates
 * an app and assigns it to a new group, removes a partner, and finds every one of those actions in
 * the audit log. Each screen on the way is scanned with axe-core and photographed at both widths.
 */
describe.skipIf(!fs.existsSync(CHROMIUM))('the admin console, end to end as the demo admin', () => {
  let t: TestGateway;
  let demo: DemoTenant;
  let browser: Browser;
  const suite = useGatewaySuite('sqlite', { smtp: true });
  beforeAll(async () => {
    ({ t } = suite);
    // As `npm run demo` does (src/main.ts with --seed-demo).
    demo = await seedDemoTenant(t.gateway.db, t.gateway.services, t.baseUrl);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true });

  /** The screen is accessible and photographed as `journey-<step>`. */
  async function checked(page: Page, step: string) {
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console', `journey-${step}`);
  }

  it('activates, enrols MFA, invites, bulk invites, delivers, revokes, creates and assigns an app, removes a partner, audits it all', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const tenantId = demo.tenant.id;

    // 1. The printed activation link: choose a password; then the console asks for a second factor first.
    expect(demo.humanAdmin.email).toBe(DEMO_ADMIN_EMAIL);
    await page.goto(demo.humanAdmin.activationUrl!);
    await page.getByRole('heading', { name: 'Activate your account' }).waitFor();
    await checked(page, '1-activate');
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
    await page.getByRole('heading', { name: 'Your account is active' }).waitFor();

    // Activation signed the admin in; the console's sign-in goes straight to the second factor it owes.
    await page.goto(`${t.baseUrl}/admin/${tenantId}/`);
    const secretShown = page.locator('#totp-secret');
    await secretShown.waitFor();
    expect(new URL(page.url()).pathname).toBe('/mfa/enrol');
    await checked(page, '1-enrol');
    const secret = (await secretShown.textContent())!.trim();
    await page.fill('#code', totpCode(secret, new Date()));
    await page.click('#confirm-totp');
    expect(await page.locator('#recovery-codes code').count()).toBe(10);
    await page.click('#continue');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(page.url()).toBe(`${t.baseUrl}/admin/${tenantId}/`);
    expect(await page.locator('.brand').textContent()).toBe('Contoso (demo)');
    await checked(page, '1-overview');

    // 2. One partner invited from the Invite screen.
    await nav(page, 'Invite').click();
    await page.getByRole('heading', { name: 'Invite one person' }).waitFor();
    await page.fill('#email', 'sam@fabrikam.example');
    await page.fill('#displayName', 'Sam Partner');
    await page.click('button[type="submit"]');
    await page.getByText('Invitation sent to sam@fabrikam.example').waitFor();
    await checked(page, '2-invite');

    // 3. Bulk invite: a dry run writes nothing; the upload invites the good rows and reports the bad one.
    await nav(page, 'Bulk invite').click();
    await page.getByRole('heading', { name: 'Bulk invite' }).waitFor();
    const csv = 'Email,DisplayName\nkim@litware.example,Kim Litware\nlee@litware.example,Lee Litware\nnot-an-address,Nobody\n';
    await page.setInputFiles('#csv', { name: 'partners.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('heading', { name: 'Dry run: nothing was written' }).waitFor();
    await page.getByText('3 rows: 2 created, 0 resent, 0 skipped, 1 failed.').waitFor();
    expect(await t.gateway.db.manager.findOneBy(User, { tenantId, mail: 'kim@litware.example' })).toBeNull();
    await checked(page, '3-dry-run');
    await page.getByRole('button', { name: 'Upload and invite' }).click();
    await page.getByRole('heading', { name: 'Upload report' }).waitFor();
    await page.getByText('3 rows: 2 created, 0 resent, 0 skipped, 1 failed.').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('Download the report (CSV)').click()]);
    const report = fs
      .readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(report).toHaveLength(4);
    expect(report.find((line) => line.includes('kim@litware.example'))).toBeDefined();
    expect(report.find((line) => line.includes('lee@litware.example'))).toBeDefined();
    expect(report.find((line) => line.includes('not-an-address'))).toBeDefined();
    await checked(page, '3-report');

    // 4. Sam's invitation mail: queued in the list, sent once the outbox worker delivered it to SMTP.
    await nav(page, 'Invitations').click();
    await page.getByRole('heading', { name: 'Invitations' }).waitFor();
    const sam = page.getByRole('row', { name: /sam@fabrikam\.example/ });
    await sam.getByText('Pending acceptance').waitFor();
    await sam.getByText('Queued').waitFor();
    await checked(page, '4-queued');
    await t.gateway.outboxWorker.drain();
    expect(suite.smtp.received.flatMap((m) => m.to)).toContain('sam@fabrikam.example');
    await page.reload();
    await sam.getByText('Sent').waitFor();
    await checked(page, '4-sent');

    // 5. Revoking asks first (a dismissal leaves it pending), then the row shows it revoked.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await sam.getByRole('button', { name: 'Revoke sam@fabrikam.example' }).click();
    await sam.getByText('Pending acceptance').waitFor();
    const samInvitation = { tenantId, email: 'sam@fabrikam.example' };
    expect((await t.gateway.db.manager.findOneByOrFail(Invitation, samInvitation)).status).toBe(InvitationStatus.PendingAcceptance);
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await sam.getByRole('button', { name: 'Revoke sam@fabrikam.example' }).click();
    await sam.getByText('Revoked').waitFor();
    expect(asked).toContain('sam@fabrikam.example');
    expect((await t.gateway.db.manager.findOneByOrFail(Invitation, samInvitation)).status).toBe(InvitationStatus.Revoked);
    await checked(page, '5-revoked');

    // 6. A new app's secret is shown once; a reload does not bring it back.
    await nav(page, 'Applications').click();
    await page.getByRole('heading', { name: 'Applications', level: 1 }).waitFor();
    await page.getByRole('row', { name: /Contoso Expenses/ }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Partner Portal');
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.getByText('Application Partner Portal created.').waitFor();
    await page.getByText('This is the only time the secret is shown.').waitFor();
    const appSecret = ((await page.locator('.secret-once code').textContent()) ?? '').trim();
    expect(appSecret.length).toBeGreaterThan(20);
    await checked(page, '6-app-secret');
    await page.reload();
    await page.getByRole('row', { name: /Partner Portal/ }).waitFor();
    expect(await page.content()).not.toContain(appSecret);
    expect(await page.locator('.secret-once').count()).toBe(0);

    // 7. A group made in the console, then the app assigned to it from the app's page.
    await nav(page, 'Groups').click();
    await page.getByRole('heading', { name: 'Groups', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Portal users');
    await page.getByLabel('Description').fill('Partners who use the portal');
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.getByText('Group Portal users created.').waitFor();
    await page.getByRole('row', { name: /Portal users/ }).waitFor();
    await checked(page, '7-groups');
    await nav(page, 'Applications').click();
    await page.getByRole('link', { name: 'Partner Portal' }).click();
    await page.getByRole('heading', { name: 'Partner Portal', level: 1 }).waitFor();
    expect(await page.content()).not.toContain(appSecret);
    await page.getByLabel('Group', { exact: true }).selectOption({ label: 'Portal users' });
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    const assignments = page.getByRole('region', { name: 'Users and groups' });
    await assignments.getByRole('row', { name: /Portal users/ }).waitFor();
    await checked(page, '7-assigned');

    // 8. The bulk-invited partner removed after confirming: its guests leave the directory.
    await nav(page, 'Partners').click();
    await page.getByRole('heading', { name: 'Partner organizations' }).waitFor();
    await page.getByRole('row', { name: /fabrikam\.example/ }).waitFor();
    await page.getByRole('link', { name: 'litware.example' }).click();
    await page.getByRole('heading', { name: 'litware.example' }).waitFor();
    await page.getByRole('row', { name: /kim@litware\.example/ }).waitFor();
    await checked(page, '8-partner');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Remove litware.example' }).click();
    await page.getByText('litware.example is removed. Guests deleted: 2.').waitFor();
    expect(await t.gateway.db.manager.findOneBy(User, { tenantId, mail: 'kim@litware.example' })).toBeNull();
    await page.getByRole('link', { name: 'All partner organizations' }).click();
    // The list shows what it had cached, then what the API says now (cache-and-network).
    await page.getByText('Partner organizations: 1').waitFor();
    await page.getByRole('row', { name: /fabrikam\.example/ }).waitFor();
    expect(await page.getByRole('row', { name: /litware/ }).count()).toBe(0);
    await checked(page, '8-partners');

    // 9. Every action above, by the admin, in the audit log under its action filter.
    await nav(page, 'Audit log').click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const search = page.getByRole('search');
    const expected: [action: string, text: RegExp][] = [
      [AuditAction.ActivateUser, /admin@contoso\.example|Contoso Admin/],
      [AuditAction.RegisterSecurityInfo, /Contoso Admin.*kind: /],
      [AuditAction.InviteExternalUser, /email: sam@fabrikam\.example/],
      [AuditAction.BatchInvitesUploaded, /fileName: partners\.csv · rows: 3/],
      [AuditAction.BatchInvitesProcessed, /created: 2 · resent: 0 · skipped: 0 · failed: 1/],
      [AuditAction.RevokeExternalUserInvite, /email: sam@fabrikam\.example/],
      [AuditAction.AddApplication, /Partner Portal/],
      [AuditAction.AddGroup, /Portal users/],
      [AuditAction.AddAppAssignment, /applicationName: Partner Portal/],
      [AuditAction.DeleteUser, /Contoso Admin.*lee_litware\.example/],
      [AuditAction.DeleteUser, /Contoso Admin.*kim_litware\.example/],
    ];
    for (const [action, text] of expected) {
      await search.getByLabel('Action').selectOption(action);
      // Until the filtered page arrives the table still shows the previous one, which may hold a
      // matching row among others: wait for a table of this action only, with the expected row.
      await expect
        .poll(
          async () => {
            const rows = await page
              .getByRole('row')
              .filter({ has: page.getByRole('cell') })
              .allTextContents();
            return rows.length > 0 && rows.every((row) => row.includes(action)) && rows.some((row) => text.test(row));
          },
          { timeout: 30_000 },
        )
        .toBe(true);
    }
    // The partner's two guests were each deleted.
    await page.getByText('Events: 2').waitFor();
    await checked(page, '9-audit');
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);
});
