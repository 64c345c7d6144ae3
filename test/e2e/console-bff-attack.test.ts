import { beforeAll, describe, expect, it } from 'vitest';
import { consoleClientId } from '../../src/apps/console-app.service.js';
import { ConsoleSession } from '../../src/console-bff/console-session.entity.js';
import { sha256Hex } from '../../src/shared/secrets.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { ApplicationsDocument, DeleteApplicationDocument, UpdateSecurityPolicyDocument } from '../graphql/generated.js';
import { ConsoleBrowser } from '../helpers/console.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';

const PASSWORD = 'Violet-Canyon-Radar-4';

/**
 * What an outside attack on the console's backend found, replayed: a `returnTo` that leaves the
 * tenant's console once the browser resolves its dot segments, sessions left alive behind a new
 * sign-in, a preview answered to a client that sends no Fetch Metadata, and the console's own app
 * deleted (and silently registered again by the next anonymous visit), and anonymous sign-in starts
 * writing session rows without limit.
 */
describe('the console backend under attack', () => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let fabrikam: TenantFixture;
  const suite = useGatewaySuite('sqlite', {
    tenants: [{ name: 'Contoso', domains: ['contoso.example'] }, { domains: ['fabrikam.example'] }],
  });
  beforeAll(async () => {
    ({
      t,
      tenants: [contoso, fabrikam],
    } = suite);
    await contoso.admin.client.data(UpdateSecurityPolicyDocument, { input: { mfaForAdmins: false } });
    const ada = await t.gateway.services.users.createMember(contoso.tenant.id, {
      displayName: 'Ada',
      mail: 'ada@contoso.example',
      roles: [DirectoryRole.GlobalAdministrator],
    });
    await t.gateway.services.accounts.setPassword(ada.id, PASSWORD);
  });
  const home = () => `/admin/${contoso.tenant.id}/`;
  const sessions = () => t.gateway.db.manager.findBy(ConsoleSession, { tenantId: contoso.tenant.id });

  it.each([
    (other: string) => `/admin/${contoso.tenant.id}/../../${other}/v2.0/auth?client_id=x`,
    (other: string) => `/admin/${contoso.tenant.id}/%2e%2e/%2E%2E/${other}/v2.0/auth?client_id=x`,
  ])('sends the browser home, not where dot segments lead (%#)', async (returnTo) => {
    const browser = new ConsoleBrowser(t);
    const wanted = encodeURIComponent(returnTo(fabrikam.tenant.id));
    const first = await browser.web.get(`${t.baseUrl}/admin/${contoso.tenant.id}/signin?returnTo=${wanted}`);
    expect(first.status).toBe(303);
    const last = await browser.signIn(`/admin/${contoso.tenant.id}/signin?returnTo=${wanted}`, 'ada@contoso.example', PASSWORD);
    expect(last.url).toBe(`${t.baseUrl}${home()}`);
  });

  it('ends the previous console session of the browser when a new sign-in starts', async () => {
    const browser = new ConsoleBrowser(t);
    await browser.signIn(home(), 'ada@contoso.example', PASSWORD);
    const mine = () => sha256Hex(browser.web.cookies()['console_session']!);
    const signedIn = mine();
    expect((await sessions()).find((s) => s.idHash === signedIn)?.userId).toBeTruthy();
    await browser.web.get(`${t.baseUrl}/admin/${contoso.tenant.id}/signin`);
    // A new, pending session; the signed-in one is gone (with its refresh token), not left alive.
    expect(mine()).not.toBe(signedIn);
    const left = (await sessions()).map((s) => s.idHash);
    expect(left).toContain(mine());
    expect(left).not.toContain(signedIn);
  });

  it('answers a preview only to a same-origin frame that says so', async () => {
    const browser = new ConsoleBrowser(t);
    await browser.signIn(home(), 'ada@contoso.example', PASSWORD);
    const preview = (headers: Record<string, string>) =>
      fetch(`${t.baseUrl}/admin/${contoso.tenant.id}/preview/invitation-mail?name=Contoso`, {
        headers: { cookie: browser.cookie, ...headers },
      });
    expect((await preview({})).status).toBe(403);
    expect((await preview({ 'sec-fetch-site': 'same-origin' })).status).toBe(403);
    expect((await preview({ 'sec-fetch-dest': 'iframe' })).status).toBe(403);
    expect((await preview({ 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'iframe' })).status).toBe(200);
  });

  it("refuses to delete the console's own app, which stays with its grant", async () => {
    const apps = await contoso.admin.client.data(ApplicationsDocument, { first: 100 });
    const console = apps.applications.nodes.find((a) => a.appId === consoleClientId(contoso.tenant.id))!;
    const refused = await contoso.admin.client.run(DeleteApplicationDocument, { id: console.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('APPLICATION_PROTECTED');
    const still = await contoso.admin.client.data(ApplicationsDocument, { first: 100 });
    expect(still.applications.nodes.map((a) => a.id)).toContain(console.id);
  });

  // Last: it spends this address's whole budget.
  it('limits the console sign-ins one address may start, writing nothing once refused', async () => {
    const start = () => fetch(`${t.baseUrl}/admin/${contoso.tenant.id}/signin`, { redirect: 'manual' });
    let status = 0;
    for (let tries = 0; status !== 429 && tries < 80; tries++) status = (await start()).status;
    expect(status).toBe(429);
    const rows = (await sessions()).length;
    expect((await start()).status).toBe(429);
    expect(await sessions()).toHaveLength(rows);
  });
});
