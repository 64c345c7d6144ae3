import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { CHROMIUM, launchChromium, screenshots, seriousViolations } from '../helpers/chromium.js';
import { type TenantFixture, tokenResponse } from '../helpers/fixtures.js';
import {
  ApplicationsDocument,
  CreateGroupDocument,
  GroupMembersDocument,
  GroupsDocument,
  UpdateSecurityPolicyDocument,
} from '../graphql/generated.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';

const PASSWORD = 'Violet-Canyon-Radar-4';

/**
 * The console's Applications and Groups screens in Chromium: an app's client secret is shown once
 * (and is the real one), assignments, group members, secrets and deletion work through the UI, another
 * tenant's app id is "not found", and a GuestInviter is offered no changes. Every screen is scanned
 * with axe-core and photographed at 1280 and 390 px.
 */
describe.skipIf(!fs.existsSync(CHROMIUM))('applications and groups in the admin console', () => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let fabrikam: TenantFixture;
  let fabrikamAppId: string;
  let browser: Browser;
  const suite = useGatewaySuite('sqlite', {
    tenants: [
      { name: 'Contoso', domains: ['contoso.example'] },
      { name: 'Fabrikam', domains: ['fabrikam.example'] },
    ],
  });
  beforeAll(async () => {
    ({
      t,
      tenants: [contoso, fabrikam],
    } = suite);
    // The console's journeys, not MFA (console-bff.test.ts holds an admin to it).
    await contoso.admin.client.data(UpdateSecurityPolicyDocument, { input: { mfaForAdmins: false } });
    for (const [mail, name, roles] of [
      ['ada@contoso.example', 'Ada Admin', [DirectoryRole.GlobalAdministrator]],
      ['gil@contoso.example', 'Gil Inviter', [DirectoryRole.GuestInviter]],
      ['mia@contoso.example', 'Mia Member', []],
    ] as const) {
      const user = await t.gateway.services.users.createMember(contoso.tenant.id, { displayName: name, mail, roles: [...roles] });
      await t.gateway.services.accounts.setPassword(user.id, PASSWORD);
    }
    fabrikamAppId = (await t.gateway.services.apps.createAsOperator(fabrikam.tenant.id, { displayName: 'Fabrikam Portal' })).application.id;
    await t.gateway.services.apps.createAsOperator(contoso.tenant.id, { displayName: 'Intranet' });
    await contoso.admin.client.data(CreateGroupDocument, { input: { displayName: 'Sales' } });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function signIn(page: Page, email: string, path = '') {
    await page.goto(`${t.baseUrl}/admin/${contoso.tenant.id}/${path}`);
    await page.fill('input[name="email"]', email);
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
  }

  async function checked(page: Page, name: string) {
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console', name);
  }

  it('creates an app whose secret is shown once, assigns it to a group, manages its secrets, deletes it', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'ada@contoso.example');
    await page.getByRole('link', { name: 'Applications' }).click();
    await page.getByRole('heading', { name: 'Applications', level: 1 }).waitFor();
    await page.getByRole('row', { name: /Intranet/ }).waitFor();
    await checked(page, 'apps');

    // A reply URL the API refuses: the refusal beside its field.
    await page.getByLabel('Name', { exact: true }).fill('Payroll');
    await page.getByLabel('Reply URLs').fill('http://payroll.contoso.example/callback');
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.locator('#replyUrls-error').waitFor();
    expect(await page.locator('#replyUrls-error').textContent()).toContain('INVALID_REPLY_URL');
    expect(await page.getAttribute('#replyUrls', 'aria-invalid')).toBe('true');

    await page.getByLabel('Reply URLs').fill('https://payroll.contoso.example/callback');
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.getByText('Application Payroll created.').waitFor();
    const secret = (await page.locator('.secret-once code').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await page.getByText('This is the only time the secret is shown.').waitFor();
    await page.getByRole('button', { name: 'Copy Client secret of Payroll' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    await checked(page, 'app-secret');

    // The value shown is the app's real secret: it authenticates the app at the token endpoint.
    const apps = await contoso.admin.client.data(ApplicationsDocument, { first: 200 });
    const payroll = apps.applications.nodes.find((a) => a.displayName === 'Payroll');
    expect(payroll).toBeDefined();
    expect((await tokenResponse(t, contoso.tenant.id, payroll!.appId, secret)).status).toBe(200);

    // A reload loses it, and the app's own page never shows it.
    await page.reload();
    await page.getByRole('row', { name: /Payroll/ }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.getByRole('link', { name: 'Payroll' }).click();
    await page.getByRole('heading', { name: 'Payroll', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Client secrets' }).waitFor();
    expect(await page.content()).not.toContain(secret);

    // Assign the app to the group Sales, then add a member to that group from its page.
    await page.getByLabel('Group', { exact: true }).selectOption({ label: 'Sales' });
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    const assignments = page.getByRole('region', { name: 'Users and groups' });
    await assignments.getByRole('row', { name: /Sales/ }).waitFor();
    await assignments.getByLabel('Find a user').fill('mia');
    await assignments.getByRole('button', { name: 'Search' }).click();
    await assignments.getByRole('button', { name: 'Assign Mia Member' }).click();
    await assignments.getByRole('row', { name: /Mia Member\s+User/ }).waitFor();
    await page.getByRole('button', { name: 'Grant API access' }).waitFor();
    await page.getByRole('checkbox', { name: /Directory\.Read\.All/ }).check();
    await page.getByRole('button', { name: 'Grant API access' }).click();
    await page.getByText('Granted: Directory.Read.All').waitFor();
    await checked(page, 'app-detail');

    await assignments.getByRole('link', { name: 'Sales' }).click();
    await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
    await page.getByText('The group has no members.').waitFor();
    await page.getByLabel('Find a user').fill('mia');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: 'Add Mia Member to the group' }).click();
    await page.getByRole('row', { name: /Mia Member/ }).waitFor();
    await page.getByText('1 member', { exact: true }).waitFor();
    await checked(page, 'group-detail');
    const sales = (await contoso.admin.client.data(GroupsDocument, { first: 50 })).groups.nodes.find((g) => g.displayName === 'Sales');
    const { group } = await contoso.admin.client.data(GroupMembersDocument, { id: sales!.id });
    expect(group.members.nodes.map((u) => u.mail)).toEqual(['mia@contoso.example']);

    // Back on the app: add a secret (shown once), then remove it after confirming.
    await page.goBack();
    await page.getByRole('heading', { name: 'Payroll', level: 1 }).waitFor();
    await page.getByLabel('Description').fill('Rotation 2026');
    await page.getByRole('button', { name: 'Add client secret' }).click();
    await page.getByRole('heading', { name: 'New secret: Rotation 2026' }).waitFor();
    const rotated = (await page.locator('.secret-once code').textContent()) ?? '';
    expect((await tokenResponse(t, contoso.tenant.id, payroll!.appId, rotated)).status).toBe(200);
    const secrets = page.getByRole('region', { name: 'Client secrets' });
    await secrets.getByRole('row', { name: /Rotation 2026/ }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await secrets.getByRole('button', { name: /^Remove secret Rotation 2026/ }).click();
    await secrets.getByRole('row', { name: /Rotation 2026/ }).waitFor({ state: 'detached' });
    expect((await tokenResponse(t, contoso.tenant.id, payroll!.appId, rotated)).status).not.toBe(200);

    // Unassigning and deleting ask first.
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await assignments.getByRole('button', { name: 'Unassign Sales' }).click();
    await assignments.getByRole('row', { name: /Sales/ }).waitFor({ state: 'detached' });
    await assignments.getByRole('row', { name: /Mia Member/ }).waitFor();
    expect(asked).toBe('Unassign Sales from Payroll?');
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: 'Delete application Payroll' }).click();
    expect(await page.getByRole('heading', { name: 'Payroll', level: 1 }).count()).toBe(1);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete application Payroll' }).click();
    await page.getByRole('heading', { name: 'Applications', level: 1 }).waitFor();
    await page.getByRole('row', { name: /Intranet/ }).waitFor();
    // A cached list may show it until the list is fetched again: wait for it to go.
    await page.getByRole('link', { name: 'Payroll' }).waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('exposes an API with scopes and app roles, then stops exposing it', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'ada@contoso.example', 'apps');
    await page.getByRole('link', { name: 'Intranet' }).click();
    await page.getByRole('heading', { name: 'Intranet', level: 1 }).waitFor();
    const section = page.getByRole('region', { name: 'Expose an API' });
    await section.getByText('This app exposes no API.').waitFor();
    expect(await section.getByLabel('Application ID URI').inputValue()).toMatch(/^api:\/\//);
    await section.getByLabel('Scopes').fill('Files.Read | Read your files\n!Files.Purge | Purge files');
    await section.getByLabel('App roles').fill('Approver | Approvers | User');
    await section.getByRole('button', { name: 'Save API' }).click();
    await section.getByRole('row', { name: /Files\.Read\s+Read your files\s+Enabled/ }).waitFor();
    await section.getByRole('row', { name: /Files\.Purge.*Disabled/ }).waitFor();
    await section.getByRole('row', { name: /Approver\s+Approvers\s+User/ }).waitFor();
    await checked(page, 'app-exposed-api');
    page.once('dialog', (dialog) => void dialog.accept());
    await section.getByRole('button', { name: 'Stop exposing the API of Intranet' }).click();
    await section.getByText('This app exposes no API.').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('creates a group from the list', async () => {
    const page = await browser.newPage();
    await signIn(page, 'ada@contoso.example', 'groups');
    await page.getByRole('heading', { name: 'Groups', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Auditors');
    await page.getByLabel('Description').fill('External auditors');
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.getByText('Group Auditors created.').waitFor();
    await page.getByRole('row', { name: /Auditors.*External auditors/ }).waitFor();
    await checked(page, 'groups');
    await page.close();
  }, 120_000);

  it('shows "not found" for another tenant’s app id and for an unknown group id', async () => {
    const page = await browser.newPage();
    await signIn(page, 'ada@contoso.example', `apps/${fabrikamAppId}`);
    await page.getByRole('heading', { name: 'Application not found' }).waitFor();
    expect(await page.content()).not.toContain('Fabrikam Portal');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${t.baseUrl}/admin/${contoso.tenant.id}/groups/${fabrikamAppId}`);
    await page.getByRole('heading', { name: 'Group not found' }).waitFor();
    await page.close();
  }, 120_000);

  it('offers a GuestInviter no create, change or delete buttons', async () => {
    const page = await browser.newPage();
    await signIn(page, 'gil@contoso.example', 'apps');
    await page.getByRole('row', { name: /Intranet/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Create application' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Intranet' }).click();
    await page.getByRole('heading', { name: 'Intranet', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Client secrets' }).waitFor();
    for (const name of [/^Delete/, /^Remove/, /^Add/, /^Assign/, /^Unassign/, /^Save/, /^Grant/]) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('row', { name: /Sales/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Create group' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Sales' }).click();
    await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    expect(
      await page
        .getByRole('button')
        .filter({ hasText: /^(Add|Remove|Search)$/ })
        .count(),
    ).toBe(0);
    await page.close();
  }, 120_000);
});
