import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { Invitation } from '../../src/invitations/invitation.entity.js';
import { CreateApplicationDocument, UpdateSecurityPolicyDocument } from '../graphql/generated.js';
import { hasChromium, launchChromium } from '../helpers/chromium.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';

const PASSWORD = 'Copper-Meadow-Signal-6';

/**
 * The console's Invite screen in Chromium: it offers only apps a person can use (not an app-only
 * client, nor the console's own app), and an invitation is sent once: the form empties after it, and
 * a second submit while the first is in flight sends nothing.
 */
describe.skipIf(!hasChromium())('the console: Invite', { timeout: 120_000 }, () => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let browser: Browser;
  const suite = useGatewaySuite('sqlite', { smtp: true, tenants: [{ name: 'Contoso', domains: ['contoso.example'] }] });
  beforeAll(async () => {
    ({
      t,
      tenants: [contoso],
    } = suite);
    await contoso.admin.client.data(UpdateSecurityPolicyDocument, { input: { mfaForAdmins: false } });
    const ada = await t.gateway.services.users.createMember(contoso.tenant.id, {
      displayName: 'Ada',
      mail: 'ada@contoso.example',
      roles: [DirectoryRole.GlobalAdministrator],
    });
    await t.gateway.services.accounts.setPassword(ada.id, PASSWORD);
    const create = (input: { displayName: string; replyUrls?: string[] }) =>
      contoso.admin.client.data(CreateApplicationDocument, { input });
    await create({ displayName: 'Expenses', replyUrls: ['https://expenses.contoso.example/cb'] });
    await create({ displayName: 'Nightly sync' });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function inviteScreen(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/admin/${contoso.tenant.id}/invite`);
    await page.fill('input[name="email"]', 'ada@contoso.example');
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
    await page.getByRole('heading', { name: 'Invite one person' }).waitFor();
    await page.getByRole('group', { name: 'Applications' }).getByRole('checkbox').first().waitFor();
    return page;
  }
  const sentTo = (email: string) => t.gateway.db.manager.countBy(Invitation, { tenantId: contoso.tenant.id, email });

  it('offers only the apps a person can use', async () => {
    const page = await inviteScreen();
    const offered = await page.getByRole('group', { name: 'Applications' }).locator('label').allTextContents();
    // Not "Nightly sync" (client credentials only), the fixture's automation app, nor "Admin console".
    expect(offered.map((name) => name.trim())).toEqual(['Expenses']);
    await page.close();
  });

  it('empties the form once sent, so a second click sends nothing', async () => {
    const page = await inviteScreen();
    await page.fill('#email', 'lee@fabrikam.example');
    await page.fill('#displayName', 'Lee Partner');
    await page.getByRole('checkbox', { name: 'Expenses' }).check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Invitation sent to lee@fabrikam.example.').waitFor();
    expect(await page.inputValue('#email')).toBe('');
    expect(await page.inputValue('#displayName')).toBe('');
    expect(await page.getByRole('checkbox', { name: 'Expenses' }).isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.waitForTimeout(300);
    expect(await sentTo('lee@fabrikam.example')).toBe(1);
    await page.close();
  });

  it('sends once when the form is submitted twice before the first answer', async () => {
    const page = await inviteScreen();
    await page.fill('#email', 'kim@fabrikam.example');
    const answers: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && (request.postData() ?? '').includes('ConsoleInviteUser')) answers.push(request.url());
    });
    // Two submits in one task: React has not re-rendered the disabled button in between.
    await page.evaluate("const f = document.querySelector('form[data-draft]'); f.requestSubmit(); f.requestSubmit();");
    await page.getByText('Invitation sent to kim@fabrikam.example.').waitFor();
    await page.waitForTimeout(300);
    expect(answers).toHaveLength(1);
    expect(await sentTo('kim@fabrikam.example')).toBe(1);
    await page.close();
  });
});
