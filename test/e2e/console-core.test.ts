import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../src/console-bff/console-session.entity.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { Invitation } from '../../src/invitations/invitation.entity.js';
import { CreateApplicationDocument, UpdateSecurityPolicyDocument } from '../graphql/generated.js';
import { CHROMIUM, fitsTheScreen, launchChromium, screenshots, seriousViolations } from '../helpers/chromium.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';

const PASSWORD = 'Violet-Canyon-Radar-4';
/** A sign-in, several axe scans and screenshots each: minutes on a loaded machine, not a time limit of the console. */
const BROWSER_TEST = 120_000;

/**
 * What every screen of the admin console shares, in Chromium: the language (German here) from the
 * navigation to the API's errors, the light and dark themes, a form that survives an expired
 * session, the keyboard path (skip link, focus on the new screen's heading) and the phone width.
 */
describe.skipIf(!fs.existsSync(CHROMIUM))('the console: language, themes, expiry, keyboard', { timeout: BROWSER_TEST }, () => {
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
    // An app a guest can be given (the Invite screen offers no app-only client).
    const input = { displayName: 'Expenses', replyUrls: ['https://expenses.contoso.example/cb'] };
    await contoso.admin.client.data(CreateApplicationDocument, { input });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A new browser (its own storage), signed in as Ada, on the overview. */
  async function signedIn(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/admin/${contoso.tenant.id}/`);
    await page.fill('input[name="email"]', 'ada@contoso.example');
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    return page;
  }
  const header = (page: Page) => page.getByRole('banner');
  const evaluate = <T>(page: Page, script: string) => page.evaluate<T>(script);

  it('speaks German once chosen: navigation, screens, an API error with its code; kept after a reload', async () => {
    const page = await signedIn();
    const languages = header(page).getByLabel('Language');
    // Each language by its own name; the value is the API's code.
    expect(await languages.locator('option').allTextContents()).toContain('Deutsch');
    await languages.selectOption('de');
    await page.getByRole('link', { name: 'Einladungen', exact: true }).click();
    await page.getByRole('heading', { name: 'Einladungen' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Einladungen' }).waitFor();
    expect(await evaluate<string>(page, 'document.documentElement.lang')).toBe('de');
    expect(await header(page).getByLabel('Sprache').inputValue()).toBe('de');
    const names = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(names.slice(0, 4)).toEqual(['Übersicht', 'Einladen', 'Sammeleinladung', 'Einladungen']);
    expect(names).toEqual(expect.arrayContaining(['Benutzer', 'Anwendungen', 'Einstellungen']));

    await page.getByRole('link', { name: 'Einladen', exact: true }).click();
    await page.getByRole('heading', { name: 'Eine Person einladen' }).waitFor();
    const inviteLanguages = page.locator('#language option');
    expect(await inviteLanguages.allTextContents()).toContain('日本語');
    expect(await inviteLanguages.evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value))).toContain(
      'zh-HANT',
    );
    await page.getByLabel('E-Mail-Adresse').fill('sam@fabrikam.example');
    await page.getByLabel('Ziel nach dem Annehmen (URL)').fill('https://evil.example/');
    await page.getByRole('button', { name: 'Einladung senden' }).click();
    await page.locator('#redirectUrl-error').waitFor();
    expect(await page.locator('#redirectUrl-error').textContent()).toBe(
      'Diese Adresse ist als Zielseite nach dem Annehmen nicht erlaubt. (REDIRECT_URL_NOT_ALLOWED)',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console', 'invite-de');
    await page.close();
  });

  it('themes: dark chosen over a light system, light over a dark one, before the first paint; both pass axe', async () => {
    const page = await signedIn();
    const background = () => evaluate<string>(page, 'getComputedStyle(document.body).backgroundColor');
    await page.emulateMedia({ colorScheme: 'light' });
    await header(page).getByLabel('Theme').selectOption('dark');
    expect(await evaluate<string>(page, 'document.documentElement.dataset.theme')).toBe('dark');
    expect(await background()).toBe('rgb(21, 22, 26)');
    await page.getByText('Pending invitations').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console', 'overview-dark');

    // On a reload the theme is on <html> by the time the body is parsed: before any paint, so no flash.
    await page.addInitScript(`new MutationObserver((_, seen) => {
    if (!document.body) return;
    window.themeAtBody = document.documentElement.dataset.theme ?? 'none';
    seen.disconnect();
  }).observe(document, { childList: true, subtree: true });`);
    await page.reload();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await evaluate<string>(page, 'window.themeAtBody')).toBe('dark');
    expect(await header(page).getByLabel('Theme').inputValue()).toBe('dark');

    await page.emulateMedia({ colorScheme: 'dark' });
    await header(page).getByLabel('Theme').selectOption('light');
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.getByRole('link', { name: 'Invite', exact: true }).click();
    await page.getByRole('heading', { name: 'Invite one person' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Automatic follows the system again.
    await header(page).getByLabel('Theme').selectOption('auto');
    expect(await background()).toBe('rgb(21, 22, 26)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('keeps a half-typed invitation across an expired session: signed in again, back on the form, sent', async () => {
    const page = await signedIn();
    await page.getByRole('link', { name: 'Invite', exact: true }).click();
    const applications = page.getByRole('group', { name: 'Applications' });
    await applications.waitFor();
    await page.fill('#email', 'lee@fabrikam.example');
    await page.fill('#displayName', 'Lee Partner');
    await page.fill('#invitationText', 'Welcome to the Contoso project.');
    await page.selectOption('#language', 'fr');
    const app = applications.getByRole('checkbox').first();
    await app.check();
    const appId = await app.getAttribute('value');

    // The console session ends on the server (as after its 8 hours), and so does the gateway sign-in.
    await t.gateway.db.manager.delete(ConsoleSession, { tenantId: contoso.tenant.id });
    await page.context().clearCookies();
    // A password is never kept: the Invite form has none, so one is added for the check.
    await page.evaluate(`document.querySelector('form[data-draft]').insertAdjacentHTML('beforeend',
      '<input type="password" name="pin" value="Secret-Value-1">')`);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.locator('#password').waitFor();
    const saved = await evaluate<string>(page, 'JSON.stringify(sessionStorage)');
    expect(saved).toContain('lee@fabrikam.example');
    expect(saved).not.toContain('Secret-Value-1');
    await page.fill('input[name="email"]', 'ada@contoso.example');
    await page.fill('#password', PASSWORD);
    await page.click('#submit');

    await page.getByRole('heading', { name: 'Invite one person' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/admin/${contoso.tenant.id}/invite`);
    await page.getByText('What you had typed is back after signing in again.').waitFor();
    await applications.waitFor();
    expect(await page.inputValue('#email')).toBe('lee@fabrikam.example');
    expect(await page.inputValue('#displayName')).toBe('Lee Partner');
    expect(await page.inputValue('#invitationText')).toBe('Welcome to the Contoso project.');
    expect(await page.inputValue('#language')).toBe('fr');
    expect(await applications.locator(`input[value="${appId}"]`).isChecked()).toBe(true);
    // The draft is used once.
    expect(await evaluate<number>(page, "Object.keys(sessionStorage).filter((k) => k.startsWith('console.draft:')).length")).toBe(0);

    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Invitation sent to lee@fabrikam.example.').waitFor();
    const sent = await t.gateway.db.manager.findBy(Invitation, { tenantId: contoso.tenant.id, email: 'lee@fabrikam.example' });
    expect(sent).toMatchObject([
      { displayName: 'Lee Partner', language: 'fr', invitationText: 'Welcome to the Contoso project.', applicationIds: [appId] },
    ]);
    await page.close();
  });

  it('loads the overview with two questions: the viewer, then the overview once (prefetched, not asked twice)', async () => {
    const page = await signedIn();
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql')) asked.push((request.postDataJSON() as { operationName?: string }).operationName ?? '?');
    });
    await page.reload();
    await page.locator('dl.cards dd').nth(2).waitFor();
    expect(asked).toEqual(['ConsoleViewer', 'ConsoleOverview']);
    await page.close();
  });

  it('keyboard: the skip link leads into the content; a move in the console focuses the new heading', async () => {
    const page = await signedIn();
    await page.keyboard.press('Tab');
    expect(await evaluate<string>(page, 'document.activeElement.textContent')).toBe('Skip to content');
    const box = await page.locator('.skip').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await evaluate<string>(page, 'document.activeElement.id')).toBe('main');

    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe('page');
    await nav.getByRole('link', { name: 'Invitations' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Invitations' }).waitFor();
    expect(await evaluate<string>(page, "document.activeElement.tagName + ' ' + document.activeElement.textContent")).toBe(
      'H1 Invitations',
    );
    expect(await nav.getByRole('link', { name: 'Invitations' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBeNull();
    await page.close();
  });

  it('fits a 390 px phone on every screen, in English and in German, and passes axe there in German', async () => {
    const page = await signedIn();
    await page.setViewportSize({ width: 390, height: 800 });
    for (const language of ['en', 'de']) {
      await header(page).locator('select').first().selectOption(language);
      for (const link of await page.getByRole('navigation').getByRole('link').all()) {
        await link.click();
        await page.locator('main h1').waitFor();
        // Named, so a failure says which screen is too wide.
        await fitsTheScreen(page).catch(async (error: Error) => {
          throw new Error(`${language} ${await link.textContent()}: ${error.message}`);
        });
        // And accessible at phone width in the longer German too (the other suites scan in English).
        if (language === 'de') expect(await seriousViolations(page), `${language} ${await link.textContent()}`).toEqual([]);
      }
    }
    await page.close();
  }, 180_000);
});
