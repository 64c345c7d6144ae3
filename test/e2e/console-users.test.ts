import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import type { User } from '../../src/directory/user.entity.js';
import { CHROMIUM, launchChromium, screenshots, seriousViolations } from '../helpers/chromium.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import {
  AddGroupMemberDocument,
  AssignApplicationDocument,
  AuditEventsDocument,
  CreateApplicationDocument,
  CreateGroupDocument,
  InviteUserDocument,
  UpdateSecurityPolicyDocument,
  UserDocument,
} from '../graphql/generated.js';

const PASSWORD = 'Violet-Canyon-Radar-4';

/**
 * The console's Users and guests screens in Chromium: the list with its filters, a guest's and a
 * member's detail with the actions their permissions allow (each destructive one asks first, naming
 * the person), what a UserAdministrator and a GuestInviter see, and a "not found" for a user id of
 * another tenant typed into the address bar. Every screen is scanned with axe-core.
 */
// Generous per-test time: each journey signs in through the real provider on a shared, busy machine.
describe.skipIf(!fs.existsSync(CHROMIUM))('the console’s users and guests in a browser', { timeout: 120_000 }, () => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let fabrikam: TenantFixture;
  let browser: Browser;
  let sam: { id: string };
  let fay: User;
  const people: Record<string, User> = {};
  const suite = useGatewaySuite('sqlite', {
    smtp: true,
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
    await contoso.admin.client.data(UpdateSecurityPolicyDocument, { input: { mfaForAdmins: false } });
    for (const [name, roles] of [
      ['ada', [DirectoryRole.GlobalAdministrator]],
      ['uma', [DirectoryRole.UserAdministrator]],
      ['gil', [DirectoryRole.GuestInviter]],
      ['mia', []],
    ] as const) {
      const mail = `${name}@contoso.example`;
      const displayName = `${name[0]!.toUpperCase()}${name.slice(1)} Contoso`;
      people[name] = await t.gateway.services.users.createMember(contoso.tenant.id, { displayName, mail, roles: [...roles] });
      await t.gateway.services.accounts.setPassword(people[name].id, PASSWORD);
    }
    fay = await t.gateway.services.users.createMember(fabrikam.tenant.id, { displayName: 'Fay Fabrikam', mail: 'fay@fabrikam.example' });

    // Sam comes from Fabrikam (it owns the domain), belongs to a group and may use an app; Lee's domain is unknown.
    const invite = async (email: string, displayName: string) =>
      (await contoso.admin.client.data(InviteUserDocument, { input: { email, displayName } })).inviteUser.invitedUser!;
    sam = await invite('sam@fabrikam.example', 'Sam Partner');
    await invite('lee@litware.example', 'Lee Litware');
    const sales = (await contoso.admin.client.data(CreateGroupDocument, { input: { displayName: 'Sales' } })).createGroup;
    await contoso.admin.client.data(AddGroupMemberDocument, { groupId: sales.id, userId: sam.id });
    const expenses = (await contoso.admin.client.data(CreateApplicationDocument, { input: { displayName: 'Expenses' } })).createApplication
      .application;
    await contoso.admin.client.data(AssignApplicationDocument, { applicationId: expenses.id, principal: { type: 'Group', id: sales.id } });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function signIn(email: string, path = ''): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/admin/${contoso.tenant.id}/${path}`);
    await page.fill('input[name="email"]', email);
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
    return page;
  }
  const rows = (page: Page) => page.locator('tbody tr');
  /** Accepts the next confirmation and returns its question. */
  const confirmNext = (page: Page) =>
    new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.message());
        void dialog.accept();
      }),
    );

  it('lists members and guests with their home organization, filters by type and state, searches by name or address', async () => {
    const page = await signIn('ada@contoso.example');
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('heading', { name: 'Users and guests' }).waitFor();
    await page.getByText('6 users').waitFor();
    const samRow = page.getByRole('row', { name: /Sam Partner/ });
    expect(await samRow.textContent()).toContain('Fabrikam');
    expect(await samRow.textContent()).toContain('Pending acceptance');
    expect(await page.getByRole('row', { name: /Mia Contoso/ }).textContent()).toContain('Member');

    await page.getByLabel('Type').selectOption('Guest');
    await page.getByText('2 users').waitFor();
    expect((await rows(page).allTextContents()).map((r) => r.split('@')[0])).toEqual(['Sam Partnersam', 'Lee Litwarelee']);
    await page.getByLabel('State').selectOption('Accepted');
    await page.getByText('No users match.').waitFor();
    await page.getByLabel('State').selectOption('PendingAcceptance');
    await page.getByLabel('Name or email starts with').fill('lee@');
    await page.getByText('1 user', { exact: true }).waitFor();
    expect(await rows(page).allTextContents()).toEqual([expect.stringContaining('lee@litware.example')]);
    await page.getByLabel('Type').selectOption('');
    await page.getByLabel('State').selectOption('');
    await page.getByLabel('Name or email starts with').fill('');
    await page.getByText('6 users').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console', 'users');
    await page.close();
  });

  it('opens a guest, disables and enables it and revokes its sessions, each asking first by name', async () => {
    const page = await signIn('ada@contoso.example', 'users');
    await page.getByRole('link', { name: 'Sam Partner' }).click();
    await page.getByRole('heading', { name: 'Sam Partner' }).waitFor();
    const facts = page.locator('.facts');
    for (const text of ['sam@fabrikam.example', 'Guest', 'Pending acceptance', 'Fabrikam', 'Sales', 'Expenses', 'Never']) {
      await facts.getByText(text, { exact: true }).waitFor();
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console', 'user-detail');
    // A guest's second factors belong to its home account: no such action here.
    expect(await page.getByRole('button', { name: /multi-factor/ }).count()).toBe(0);

    const question = confirmNext(page);
    await page.getByRole('button', { name: 'Disable sign-in for Sam Partner' }).click();
    expect(await question).toContain('Sam Partner');
    await page.getByRole('status').getByText('Sam Partner can no longer sign in.').waitFor();
    await facts.getByText('No', { exact: true }).waitFor();
    expect((await contoso.admin.client.data(UserDocument, { id: sam.id })).user.accountEnabled).toBe(false);

    await page.getByRole('button', { name: 'Enable sign-in for Sam Partner' }).click();
    await page.getByRole('status').getByText('Sam Partner can sign in again.').waitFor();
    expect((await contoso.admin.client.data(UserDocument, { id: sam.id })).user.accountEnabled).toBe(true);

    const revokeQuestion = confirmNext(page);
    await page.getByRole('button', { name: 'Revoke sessions for Sam Partner' }).click();
    expect(await revokeQuestion).toContain('Sam Partner');
    await page.getByRole('status').getByText('Sam Partner is signed out everywhere.').waitFor();
    const { auditEvents } = await contoso.admin.client.data(AuditEventsDocument, { filter: { actions: ['Revoke sign-in sessions'] } });
    expect(auditEvents.nodes.map((e) => e.targetId)).toContain(sam.id);
    await page.close();
  });

  it('resets a member’s second factors (audited) and removes the member only once confirmed', async () => {
    const mia = people.mia!;
    const page = await signIn('ada@contoso.example', `users/${mia.id}`);
    await page.getByRole('heading', { name: 'Mia Contoso' }).waitFor();
    const question = confirmNext(page);
    await page.getByRole('button', { name: 'Reset multi-factor sign-in for Mia Contoso' }).click();
    expect(await question).toContain('Mia Contoso');
    await page.getByText('The second factors of Mia Contoso are deleted.').waitFor();
    const { auditEvents } = await contoso.admin.client.data(AuditEventsDocument, {
      filter: { actions: ['Admin reset multi-factor authentication'] },
    });
    expect(auditEvents.nodes).toEqual([expect.objectContaining({ targetId: mia.id, actorId: people.ada!.id })]);

    // Declined: nothing happens. Confirmed: the member is gone and the list shows it.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: 'Remove Mia Contoso' }).click();
    expect((await contoso.admin.client.data(UserDocument, { id: mia.id })).user.id).toBe(mia.id);
    const removeQuestion = confirmNext(page);
    await page.getByRole('button', { name: 'Remove Mia Contoso' }).click();
    expect(await removeQuestion).toContain('mia@contoso.example');
    await page.getByRole('heading', { name: 'Users and guests' }).waitFor();
    await page.getByText('5 users').waitFor();
    expect(await page.getByRole('row', { name: /Mia Contoso/ }).count()).toBe(0);
    expect(await contoso.admin.client.errorCode(UserDocument, { id: mia.id })).toBe('NOT_FOUND');
    await page.close();
  });

  it('creates a member, with a refused address shown beside its field', async () => {
    const page = await signIn('ada@contoso.example', 'users');
    await page.getByRole('link', { name: 'Create member' }).click();
    await page.getByRole('heading', { name: 'Create member' }).waitFor();
    await page.fill('#email', 'kai@unverified.example');
    await page.fill('#displayName', 'Kai Contoso');
    await page.getByRole('button', { name: 'Create member' }).click();
    await page.locator('#email-error').getByText('EMAIL_DOMAIN_NOT_VERIFIED').waitFor();
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console', 'create-member');
    await page.fill('#email', 'kai@contoso.example');
    await page.getByRole('button', { name: 'Create member' }).click();
    await page.getByText('Kai Contoso was created; an activation link was mailed to kai@contoso.example.').waitFor();
    await page.getByRole('link', { name: 'Open Kai Contoso' }).click();
    await page.getByRole('heading', { name: 'Kai Contoso' }).waitFor();
    await page.locator('.facts').getByText('Awaiting activation').waitFor();
    await page.close();
  });

  it('shows a UserAdministrator the API’s refusal for a role holder, and a GuestInviter no actions at all', async () => {
    const uma = await signIn('uma@contoso.example', `users/${people.ada!.id}`);
    await uma.getByRole('heading', { name: 'Ada Contoso' }).waitFor();
    const question = confirmNext(uma);
    await uma.getByRole('button', { name: 'Disable sign-in for Ada Contoso' }).click();
    await question;
    await uma.getByRole('alert').getByText('Only a GlobalAdministrator may change a user who holds a directory role (FORBIDDEN)').waitFor();
    expect((await contoso.admin.client.data(UserDocument, { id: people.ada!.id })).user.accountEnabled).toBe(true);
    expect(await seriousViolations(uma)).toEqual([]);
    await uma.close();

    const gil = await signIn('gil@contoso.example', 'users');
    await gil.getByRole('heading', { name: 'Users and guests' }).waitFor();
    expect(await gil.getByRole('link', { name: 'Create member' }).count()).toBe(0);
    await gil.getByRole('link', { name: 'Sam Partner' }).click();
    await gil.getByRole('heading', { name: 'Sam Partner' }).waitFor();
    await gil.locator('.facts').getByText('Fabrikam', { exact: true }).waitFor();
    expect(await gil.getByRole('heading', { name: 'Actions' }).count()).toBe(0);
    expect(await gil.getByRole('button', { name: /Sam Partner/ }).count()).toBe(0);
    // users/new is no form for it either: no such user.
    await gil.goto(`${t.baseUrl}/admin/${contoso.tenant.id}/users/new`);
    await gil.getByRole('heading', { name: 'User not found' }).waitFor();
    await gil.close();
  });

  it('answers a user id of another tenant, or of nobody, typed into the address bar with "not found"', async () => {
    const page = await signIn('ada@contoso.example', `users/${fay.id}`);
    await page.getByRole('heading', { name: 'User not found' }).waitFor();
    expect(await page.textContent('main')).not.toContain('Fay');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${t.baseUrl}/admin/${contoso.tenant.id}/users/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { name: 'User not found' }).waitFor();
    await page.getByRole('link', { name: 'Back to users and guests' }).click();
    await page.getByRole('heading', { name: 'Users and guests' }).waitFor();
    await page.close();
  });

  it('resets a guest’s redemption to the address typed in, with a refusal beside that field', async () => {
    const page = await signIn('ada@contoso.example', 'users');
    await page.getByRole('link', { name: 'Lee Litware' }).click();
    await page.getByRole('heading', { name: 'Lee Litware' }).waitFor();
    await page.getByLabel('New email address').fill('sam@fabrikam.example');
    const question = confirmNext(page);
    await page.getByRole('button', { name: 'Reset redemption for Lee Litware' }).click();
    expect(await question).toContain('sam@fabrikam.example');
    await page.locator('#newEmail-error').getByText('already belongs to another user of this tenant (CONFLICT)').waitFor();
    expect(await page.getAttribute('#newEmail', 'aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('New email address').fill('lee@northwind.example');
    const again = confirmNext(page);
    await page.getByRole('button', { name: 'Reset redemption for Lee Litware' }).click();
    expect(await again).toContain('Lee Litware');
    await page.getByRole('status').getByText('A new invitation was sent to lee@northwind.example.').waitFor();
    await page.locator('.facts').getByText('lee@northwind.example', { exact: true }).waitFor();
    await page.close();
  });
});
