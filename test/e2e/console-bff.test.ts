import { beforeAll, describe, expect, it } from 'vitest';
import { consoleClientId } from '../../src/apps/console-app.service.js';
import { ConsoleSession } from '../../src/console-bff/console-session.entity.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { SecretBox } from '../../src/shared/secrets.js';
import { ApplicationsDocument, AuditEventsDocument } from '../graphql/generated.js';
import { CONSOLE_HEADERS, ConsoleBrowser } from '../helpers/console.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { UpdateSecurityPolicyDocument } from '../graphql/generated.js';
import { totpCode } from '../helpers/mfa.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { TestClock } from '../helpers/test-clock.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text } from '../helpers/web-client.js';

const PASSWORD = 'Violet-Canyon-Radar-4';
const VIEWER = '{ viewer { displayName roles } }';

/**
 * The admin console's backend for frontend over HTTP (no browser): sign-in through the tenant's
 * provider with code + PKCE, the http-only cookie, the CSRF rules of the GraphQL proxy, refresh,
 * sign-out, and the clear refusal of a user without an administrator role.
 */
describe('the admin console backend (BFF)', () => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let fabrikam: TenantFixture;
  const clock = new TestClock();
  const suite = useGatewaySuite('sqlite', {
    clock,
    tenants: [{ name: 'Contoso', domains: ['contoso.example'] }, { domains: ['fabrikam.example'] }],
  });
  beforeAll(async () => {
    ({
      t,
      tenants: [contoso, fabrikam],
    } = suite);
    // These tests are about the console's sign-in, not MFA (the last one here is): Contoso's admins need no second factor.
    await contoso.admin.client.data(UpdateSecurityPolicyDocument, { input: { mfaForAdmins: false } });
    for (const [mail, roles] of [
      ['ada@contoso.example', [DirectoryRole.GlobalAdministrator]],
      ['pat@contoso.example', []],
    ] as const) {
      const user = await t.gateway.services.users.createMember(contoso.tenant.id, { displayName: mail, mail, roles: [...roles] });
      await t.gateway.services.accounts.setPassword(user.id, PASSWORD);
    }
  });

  const home = () => `/admin/${contoso.tenant.id}/`;
  async function signedInAdmin(): Promise<ConsoleBrowser> {
    const browser = new ConsoleBrowser(t);
    await browser.signIn(home(), 'ada@contoso.example', PASSWORD);
    return browser;
  }
  /** Redeems a refresh token as the console's client; the HTTP status. */
  async function refreshWith(refreshToken: string): Promise<number> {
    const client = await t.gateway.services.consoleApps.ensure(contoso.tenant.id);
    const response = await fetch(`${t.baseUrl}/${contoso.tenant.id}/v2.0/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    });
    return response.status;
  }
  const viewer = async (response: Response) => ((await response.json()) as { data: { viewer: { displayName: string } } }).data.viewer;
  const errorCode = async (response: Response) =>
    ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;

  it('signs an administrator in through the provider and calls the API with their token, never handing it out', async () => {
    const browser = new ConsoleBrowser(t);
    const start = await fetch(`${t.baseUrl}/admin/${contoso.tenant.id}/signin`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('client_id')).toBe(consoleClientId(contoso.tenant.id));
    expect(start.headers.get('set-cookie')).toMatch(
      /^console_session=[\w-]{43}; Max-Age=\d+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/,
    );

    const last = await browser.signIn(home(), 'ada@contoso.example', PASSWORD);
    expect(last.url).toBe(`${t.baseUrl}${home()}`);
    expect(Object.keys(browser.web.cookies())).toContain('console_session');
    const response = await browser.graphql(contoso.tenant.id, VIEWER);
    expect(await viewer(response)).toEqual({ displayName: 'ada@contoso.example', roles: ['GlobalAdministrator'] });
    // The tokens are stored sealed; the browser's cookie is only a random id.
    const rows = await t.gateway.db.manager.findBy(ConsoleSession, { tenantId: contoso.tenant.id });
    for (const row of rows.filter((r) => r.accessTokenSealed)) expect(row.accessTokenSealed).toMatch(/^v1\./);
  });

  it('registers the console once per tenant with an audited delegated grant', async () => {
    await signedInAdmin();
    const apps = (await contoso.admin.client.data(ApplicationsDocument, { first: 50 })).applications.nodes;
    const consoles = apps.filter((a) => a.appId === consoleClientId(contoso.tenant.id));
    expect(consoles).toHaveLength(1);
    expect(consoles[0]!.replyUrls).toEqual([`${t.baseUrl}/admin/callback`]);
    const actions = (await contoso.admin.client.data(AuditEventsDocument, { first: 100 })).auditEvents.nodes.map((e) => e.action);
    expect(actions).toContain('Add delegated permission grant');
  });

  it('refuses API calls without the console header, from another origin or site, and without a session', async () => {
    const browser = await signedInAdmin();
    const tenant = contoso.tenant.id;
    expect(await errorCode(await browser.graphql(tenant, VIEWER, { 'content-type': 'application/json' }))).toBe('CSRF_TOKEN_INVALID');
    expect(await errorCode(await browser.graphql(tenant, VIEWER, { ...CONSOLE_HEADERS, origin: 'https://evil.example' }))).toBe(
      'CSRF_TOKEN_INVALID',
    );
    expect(await errorCode(await browser.graphql(tenant, VIEWER, { ...CONSOLE_HEADERS, 'sec-fetch-site': 'cross-site' }))).toBe(
      'CSRF_TOKEN_INVALID',
    );
    expect((await browser.graphql(tenant, VIEWER, { ...CONSOLE_HEADERS, origin: t.baseUrl, 'sec-fetch-site': 'same-origin' })).status).toBe(
      200,
    );
    const stranger = new ConsoleBrowser(t);
    expect((await stranger.graphql(tenant, VIEWER)).status).toBe(401);
  });

  it("a session of one tenant's console is nothing in another tenant's", async () => {
    const browser = await signedInAdmin();
    const response = await browser.graphql(fabrikam.tenant.id, VIEWER);
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('UNAUTHENTICATED');
    const page = await fetch(`${t.baseUrl}/admin/${fabrikam.tenant.id}/`, { headers: { cookie: browser.cookie }, redirect: 'manual' });
    expect(page.headers.get('location')).toMatch(new RegExp(`^/admin/${fabrikam.tenant.id}/signin`));
    expect((await fetch(`${t.baseUrl}/admin/00000000-0000-0000-0000-000000000000/signin`)).status).toBe(404);
  });

  it('refreshes the access token when it is about to expire, rotating the refresh token', async () => {
    const browser = await signedInAdmin();
    const refreshTokens = async () =>
      (await t.gateway.db.manager.findBy(ConsoleSession, { tenantId: contoso.tenant.id })).map((r) => r.refreshTokenSealed);
    const before = await refreshTokens();
    clock.advance(580_000); // user access tokens live 600 s; the backend refreshes 30 s before
    try {
      expect((await viewer(await browser.graphql(contoso.tenant.id, VIEWER))).displayName).toBe('ada@contoso.example');
    } finally {
      clock.advance(-580_000);
    }
    const after = await refreshTokens();
    expect(after.filter((sealed) => !before.includes(sealed))).toHaveLength(1);
  });

  it('a sign-in response that is not this browser’s is refused', async () => {
    const browser = new ConsoleBrowser(t);
    await browser.web.get(`${t.baseUrl}/admin/${contoso.tenant.id}/signin`);
    const page = await browser.web.get(`${t.baseUrl}/admin/callback?code=x&state=forged`);
    expect(page.status).toBe(403);
    expect(page.body).toContain('CSRF_TOKEN_INVALID');
  });

  it('never redirects outside the tenant’s console after sign-in', async () => {
    const browser = new ConsoleBrowser(t);
    const last = await browser.signIn(
      `/admin/${contoso.tenant.id}/signin?returnTo=${encodeURIComponent('https://evil.example/')}`,
      'ada@contoso.example',
      PASSWORD,
    );
    expect(last.url).toBe(`${t.baseUrl}${home()}`);
  });

  it('a user without an administrator role gets a clear page and no session', async () => {
    const browser = new ConsoleBrowser(t);
    const page = await browser.signIn(home(), 'pat@contoso.example', PASSWORD);
    expect(page.status).toBe(403);
    expect(text(page)).toContain('You have no administrator role in Contoso');
    expect((await browser.graphql(contoso.tenant.id, VIEWER)).status).toBe(401);
  });

  it('signing out ends the console session, its refresh token and the gateway sign-in', async () => {
    const browser = await signedInAdmin();
    const sealed = (await t.gateway.db.manager.findBy(ConsoleSession, { tenantId: contoso.tenant.id })).map((r) => r.refreshTokenSealed!);
    const refused = await fetch(`${t.baseUrl}/admin/${contoso.tenant.id}/signout`, { method: 'POST', headers: { cookie: browser.cookie } });
    expect(refused.status).toBe(403);
    const out = await fetch(`${t.baseUrl}/admin/${contoso.tenant.id}/signout`, {
      method: 'POST',
      headers: { ...CONSOLE_HEADERS, cookie: browser.cookie },
    });
    expect(out.status).toBe(204);
    expect((await browser.graphql(contoso.tenant.id, VIEWER)).status).toBe(401);
    // The refresh token the session held is revoked at the provider, not only forgotten.
    const left = (await t.gateway.db.manager.findBy(ConsoleSession, { tenantId: contoso.tenant.id })).map((r) => r.refreshTokenSealed!);
    const [gone] = sealed.filter((s) => !left.includes(s));
    expect(await refreshWith(new SecretBox(t.gateway.config.gatewaySecret).open(gone!))).toBe(400);
    // No silent sign-in: the provider asks for the password again.
    const again = await browser.web.follow(await browser.web.get(`${t.baseUrl}${home()}`));
    expect(again.body).toMatch(/<form method="post" action="[^"]+\/login"/);
  });

  it("holds an administrator to the tenant's MFA policy: enrolment first, then the console", async () => {
    // Fabrikam keeps the default policy (MFA for administrators).
    const admin = await t.gateway.services.users.createMember(fabrikam.tenant.id, {
      displayName: 'Fay',
      mail: 'fay@fabrikam.example',
      roles: [DirectoryRole.GlobalAdministrator],
    });
    await t.gateway.services.accounts.setPassword(admin.id, PASSWORD);
    const browser = new ConsoleBrowser(t);
    const enrol = await browser.signIn(`/admin/${fabrikam.tenant.id}/`, 'fay@fabrikam.example', PASSWORD);
    const at = new URL(enrol.url);
    expect(at.pathname).toBe('/mfa/enrol');
    expect((await browser.graphql(fabrikam.tenant.id, VIEWER)).status).toBe(401);
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(enrol.body)![1]!;
    await browser.web.submit(enrol, '/mfa/enrol', { code: totpCode(secret, new Date()), label: 'Phone' });
    const landed = await browser.web.follow(await browser.web.get(`${t.baseUrl}${at.searchParams.get('return')}`));
    expect(landed.url).toBe(`${t.baseUrl}/admin/${fabrikam.tenant.id}/`);
    const response = await browser.graphql(fabrikam.tenant.id, VIEWER);
    expect(response.status).toBe(200);
    expect(await viewer(response)).toMatchObject({ displayName: 'Fay' });
  });
});
