import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { In } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { domainPartnerId } from '../../src/partners/partner.service.js';
import { CHROMIUM, launchChromium, screenshots, seriousViolations } from '../helpers/chromium.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { InviteUserDocument, UpdateSecurityPolicyDocument } from '../graphql/generated.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, login, managedTenantWithMember } from '../helpers/partner-flow.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { WebClient } from '../helpers/web-client.js';

const PASSWORD = 'Violet-Canyon-Radar-4';
const BOB_PASSWORD = 'Cobalt-Ferry-Nine-3';
/** Each journey signs in and runs axe and screenshots at two widths: room for a busy machine (nothing is timed). */
const SLOW = 90_000;

/**
 * The console's Partners screens in Chromium: guests from two partner organizations (one a gateway
 * tenant whose guest redeemed and signed in, one a bare domain with pending invitations) are listed
 * with their counts; a partner opens with its guests; an administrator disables and removes a partner
 * after confirming; the partner-domain policy becomes a block list that the API then enforces; a
 * GuestInviter reads partners but gets neither actions nor the policy editor.
 */
describe.skipIf(!fs.existsSync(CHROMIUM))('the console’s partner screens in a browser', () => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let other: TenantFixture;
  let fabrikam: TenantFixture;
  let browser: Browser;
  const suite = useGatewaySuite('sqlite', {
    smtp: true,
    tenants: [{ name: 'Contoso', domains: ['contoso.example'] }, { name: 'Other' }],
    app: true,
  });
  beforeAll(async () => {
    ({
      t,
      tenants: [contoso, other],
    } = suite);
    await contoso.admin.client.data(UpdateSecurityPolicyDocument, { input: { mfaForAdmins: false } });
    for (const [mail, roles] of [
      ['ada@contoso.example', [DirectoryRole.GlobalAdministrator]],
      ['gil@contoso.example', [DirectoryRole.GuestInviter]],
    ] as const) {
      const user = await t.gateway.services.users.createMember(contoso.tenant.id, { displayName: mail, mail, roles: [...roles] });
      await t.gateway.services.accounts.setPassword(user.id, PASSWORD);
    }
    // Fabrikam, a gateway tenant: Bob redeems with his own account and signs in to the app; one more is invited.
    fabrikam = await managedTenantWithMember(t, 'fabrikam.example', 'bob@fabrikam.example', BOB_PASSWORD);
    const bob = await invite(contoso, 'bob@fabrikam.example', suite.app);
    const web = new WebClient();
    const signIn = await web.submit(await web.get(bob.inviteRedeemUrl!), '/redeem/accept');
    await web.submit(signIn, '/redeem/signin', { password: BOB_PASSWORD });
    expect((await login(web, suite.app)).tokens).not.toBeNull();
    await invite(contoso, 'pending@fabrikam.example', suite.app);
    // litware.example, known only as a domain: two pending invitations.
    await invite(contoso, 'lee@litware.example', null, { displayName: 'Lee Litware' });
    await invite(contoso, 'kim@litware.example', null, { displayName: 'Kim Litware' });
    // Another tenant's partner, which Contoso's console must not show.
    await invite(other, 'nia@northwind.example', null);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function signIn(page: Page, email: string, path = '') {
    await page.goto(`${t.baseUrl}/admin/${contoso.tenant.id}/${path}`);
    await page.fill('input[name="email"]', email);
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
  }

  /** Accepts the next confirmation, handing back what it asked. */
  function confirmNext(page: Page): Promise<string> {
    return new Promise((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.message());
        void dialog.accept();
      }),
    );
  }

  it(
    'lists both partners with guest counts and last sign-in, each linking to its page',
    async () => {
      const page = await browser.newPage();
      await signIn(page, 'ada@contoso.example');
      await page.getByRole('link', { name: 'Partners', exact: true }).click();
      await page.getByRole('heading', { name: 'Partner organizations' }).waitFor();
      await page.getByText('Partner organizations: 2').waitFor();
      const fabrikamRow = page.getByRole('row', { name: new RegExp(fabrikam.tenant.name) });
      const litwareRow = page.getByRole('row', { name: /litware\.example/ });
      expect(await fabrikamRow.getByRole('cell').allTextContents()).toEqual([
        'Gateway tenant',
        'fabrikam.example',
        '2',
        '1',
        expect.not.stringMatching(/^Never$/),
      ]);
      expect(await litwareRow.getByRole('cell').allTextContents()).toEqual([
        'Domain (nobody has redeemed)',
        'litware.example',
        '2',
        '2',
        'Never',
      ]);
      expect(await page.getByRole('row', { name: /northwind/ }).count()).toBe(0);
      // The search box: part of a name or a domain, any case; another tenant's partner is never found.
      const search = page.getByLabel('Name or domain contains');
      await search.fill('LITW');
      await page.getByText('Partner organizations: 1').waitFor();
      expect(await page.getByRole('row', { name: new RegExp(fabrikam.tenant.name) }).count()).toBe(0);
      await search.fill('northwind');
      await page.getByText('No partner organization matches “northwind”.').waitFor();
      await search.fill('');
      await page.getByText('Partner organizations: 2').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshots(page, 'console', 'partners');

      await fabrikamRow.getByRole('link', { name: fabrikam.tenant.name }).click();
      await page.getByRole('heading', { name: fabrikam.tenant.name }).waitFor();
      expect(page.url()).toBe(`${t.baseUrl}/admin/${contoso.tenant.id}/partners/${fabrikam.tenant.id}`);
      await page.close();
    },
    SLOW,
  );

  it(
    'shows a partner with its guests, and disables them after confirming',
    async () => {
      const page = await browser.newPage();
      await signIn(page, 'ada@contoso.example', `partners/${fabrikam.tenant.id}`);
      await page.getByRole('heading', { name: fabrikam.tenant.name }).waitFor();
      const bob = await t.gateway.db.manager.findOneByOrFail(User, { tenantId: contoso.tenant.id, mail: 'bob@fabrikam.example' });
      const bobRow = page.getByRole('row', { name: /bob@fabrikam\.example/ });
      expect(await bobRow.getByRole('link').getAttribute('href')).toBe(`/admin/${contoso.tenant.id}/users/${bob.id}`);
      await bobRow.getByText('Enabled').waitFor();
      await page.getByRole('row', { name: /pending@fabrikam\.example/ }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshots(page, 'console', 'partner-detail');

      // Disabling asks first, naming the partner; then every guest of it reads Disabled.
      const asked = confirmNext(page);
      await page.getByRole('button', { name: `Disable the guests of ${fabrikam.tenant.name}` }).click();
      expect(await asked).toBe(`Disable every guest of ${fabrikam.tenant.name} (2)? Their sessions, grants and tokens end at once.`);
      await page.getByText(`Guests of ${fabrikam.tenant.name} disabled: 2.`).waitFor();
      await bobRow.getByText('Disabled').waitFor();
      expect((await t.gateway.db.manager.findOneByOrFail(User, { id: bob.id })).accountEnabled).toBe(false);
      await page.close();
    },
    SLOW,
  );

  it(
    'removes a partner after confirming: its guests are gone from the directory and the list',
    async () => {
      const page = await browser.newPage();
      await signIn(page, 'ada@contoso.example', 'partners');
      await page.getByRole('link', { name: 'litware.example' }).click();
      await page.getByRole('heading', { name: 'litware.example' }).waitFor();
      // Dismissing the question removes nothing.
      page.once('dialog', (dialog) => void dialog.dismiss());
      await page.getByRole('button', { name: 'Remove litware.example' }).click();
      const guests = { tenantId: contoso.tenant.id, mail: In(['lee@litware.example', 'kim@litware.example']) };
      expect(await t.gateway.db.manager.countBy(User, guests)).toBe(2);

      const asked = confirmNext(page);
      await page.getByRole('button', { name: 'Remove litware.example' }).click();
      expect(await asked).toContain('Remove litware.example? Its guests (2) are deleted');
      await page.getByText('litware.example is removed. Guests deleted: 2.').waitFor();
      expect(await t.gateway.db.manager.countBy(User, guests)).toBe(0);
      await page.getByRole('link', { name: 'All partner organizations' }).click();
      await page.getByText('Partner organizations: 1').waitFor();
      expect(await page.getByRole('row', { name: /litware/ }).count()).toBe(0);
      await page.goto(`${t.baseUrl}/admin/${contoso.tenant.id}/partners/${domainPartnerId('litware.example')}`);
      await page.getByRole('heading', { name: 'Partner not found' }).waitFor();
      await page.close();
    },
    SLOW,
  );

  it(
    'shows "not found" for an unknown id and for another tenant’s partner',
    async () => {
      const page = await browser.newPage();
      await signIn(page, 'ada@contoso.example', `partners/${domainPartnerId('northwind.example')}`);
      await page.getByRole('heading', { name: 'Partner not found' }).waitFor();
      expect(await page.getByText('nia@northwind.example').count()).toBe(0);
      await page.goto(`${t.baseUrl}/admin/${contoso.tenant.id}/partners/no-such-partner`);
      await page.getByRole('heading', { name: 'Partner not found' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'edits the partner-domain policy to a block list (refusal beside the field), which then refuses an invite',
    async () => {
      const page = await browser.newPage();
      await signIn(page, 'ada@contoso.example', 'partners');
      await page.getByRole('link', { name: 'Partner-domain policy' }).click();
      await page.getByRole('heading', { name: 'Partner-domain policy' }).waitFor();
      expect(await page.getByLabel('No list: any domain').isChecked()).toBe(true);
      expect(await page.getByLabel(/Refuse consumer mail domains/).isChecked()).toBe(true);
      await page.getByLabel('Block list: every domain except those below').check();
      await page.getByRole('textbox', { name: 'Domains' }).fill('not a domain!');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page.locator('#domains-error').waitFor();
      expect(await page.locator('#domains-error').textContent()).toContain('BAD_USER_INPUT');
      expect(await page.getAttribute('#domains', 'aria-invalid')).toBe('true');

      await page.getByRole('textbox', { name: 'Domains' }).fill('Litware.example\nblocked.example');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page.getByText('Policy saved.').waitFor();
      expect(await page.getAttribute('#domains', 'aria-invalid')).toBeNull();
      expect(await page.getByRole('textbox', { name: 'Domains' }).inputValue()).toBe('litware.example\nblocked.example');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshots(page, 'console', 'partner-policy');

      const refused = await contoso.admin.client.run(InviteUserDocument, { input: { email: 'new@litware.example' } });
      expect(refused.errors?.[0]?.extensions?.code).toBe('DOMAIN_NOT_ALLOWED');
      await page.reload();
      await page.getByRole('heading', { name: 'Partner-domain policy' }).waitFor();
      expect(await page.getByLabel('Block list: every domain except those below').isChecked()).toBe(true);
      await page.close();
    },
    SLOW,
  );

  it(
    'lets a GuestInviter read partners, without actions or the policy editor',
    async () => {
      const page = await browser.newPage();
      await signIn(page, 'gil@contoso.example');
      await page.getByRole('link', { name: 'Partners', exact: true }).click();
      await page.getByRole('heading', { name: 'Partner organizations' }).waitFor();
      expect(await page.getByRole('link', { name: /policy/i }).count()).toBe(0);
      await page.getByRole('link', { name: fabrikam.tenant.name }).click();
      await page.getByRole('heading', { name: fabrikam.tenant.name }).waitFor();
      await page.getByRole('row', { name: /bob@fabrikam\.example/ }).waitFor();
      expect(await page.getByRole('button', { name: /Remove|Disable/ }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto(`${t.baseUrl}/admin/${contoso.tenant.id}/partner-policy`);
      await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
      expect(await page.getByRole('textbox', { name: 'Domains' }).count()).toBe(0);
      await page.close();
    },
    SLOW,
  );
});
