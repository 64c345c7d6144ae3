import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { BrowserSession } from '../../src/accounts/browser-session.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { invite, login, managedTenantWithMember, type PartnerApp, redeemBySignUp, registerApp } from '../helpers/partner-flow.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient, type WebResponse } from '../helpers/web-client.js';

const PASSWORD = 'correct horse battery staple';

/** The account page over HTTP, with openid-client as each tenant's relying party. */
describe.each(testDatabases())('the account page (%s)', (kind) => {
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let contoso: TenantFixture;
  let northwind: TenantFixture;
  let contosoApp: PartnerApp;
  let northwindApp: PartnerApp;
  let n = 0;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestGateway(kind, { SMTP_URL: smtp.url });
    contoso = await createTenant(t, 'http', { domains: ['contoso-account.example'] });
    northwind = await createTenant(t, 'http', { domains: ['northwind-account.example'] });
    contosoApp = await registerApp(t, contoso);
    northwindApp = await registerApp(t, northwind);
  });
  afterAll(async () => {
    await t.stop();
    await smtp.close();
  });

  /** The refresh token's successor, or the error the token endpoint answered. */
  async function refresh(app: PartnerApp, token: string): Promise<{ token: string } | { error: string }> {
    return oidc.refreshTokenGrant(app.config, token).then(
      (tokens) => ({ token: tokens.refresh_token! }),
      (error: { error?: string }) => ({ error: error.error ?? String(error) }),
    );
  }

  /** A self-service account that is a redeemed guest of Contoso and of Northwind, with a refresh token in each. */
  async function guestOfBoth() {
    const email = `partner${++n}.${kind}@fabrikam-account.example`;
    const web = new WebClient();
    const first = await invite(contoso, email, contosoApp);
    await redeemBySignUp(t, smtp, web, first.inviteRedeemUrl!, email);
    const second = await invite(northwind, email, northwindApp);
    // Signed in already: accepting redeems at once.
    const accepted = await web.submit(await web.get(second.inviteRedeemUrl!), '/redeem/accept');
    expect(accepted.status).toBe(303);
    const inContoso = (await login(web, contosoApp)).tokens!;
    const inNorthwind = (await login(web, northwindApp)).tokens!;
    const home = await t.gateway.db.manager.findOneByOrFail(User, { mail: email, userType: 'Member' as User['userType'] });
    return {
      email, web, home, contosoGuestId: first.invitedUser!.id, northwindGuestId: second.invitedUser!.id,
      contosoRefresh: inContoso.refresh_token!, northwindRefresh: inNorthwind.refresh_token!,
    };
  }

  const account = (web: WebClient) => web.get(`${t.baseUrl}/account`);
  const afterRedirect = async (web: WebClient, response: WebResponse) => {
    expect(response.status, text(response)).toBe(303);
    return web.follow(response);
  };

  it('asks a browser without a sign-in to sign in, then comes back to the page', async () => {
    const person = await guestOfBoth();
    const stranger = new WebClient();
    const signIn = await account(stranger);
    expect(signIn.status).toBe(200);
    expect(signIn.body).toContain('action="/account/signin"');
    const wrong = await stranger.submit(signIn, '/account/signin', { email: person.email, password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    const page = await afterRedirect(stranger, await stranger.submit(signIn, '/account/signin', { email: person.email, password: PASSWORD }));
    expect(page.url).toBe(`${t.baseUrl}/account`);
    expect(text(page)).toContain(`Signed in as ${person.email}`);
  });

  it('lists the organizations with the apps each gives; Leave organization ends that access at once, audited there', async () => {
    const person = await guestOfBoth();
    const page = await account(person.web);
    expect(page.status).toBe(200);
    const orgs = [...page.body.matchAll(/<div class="organization" data-tenant="([^"]+)"><h3 class="wrap">([^<]+)<\/h3>\s*<ul class="apps">(.*?)<\/ul>/gs)];
    expect(orgs.map((m) => [m[1], m[2], text({ body: m[3]! } as WebResponse).trim()])).toEqual([
      [contoso.tenant.id, contoso.tenant.name, 'Partner Expenses'],
      [northwind.tenant.id, northwind.tenant.name, 'Partner Expenses'],
    ]);

    // The first step only asks; nothing has changed yet.
    const confirm = await person.web.submit(page, '/account/leave', { guestId: person.contosoGuestId });
    expect(confirm.status).toBe(200);
    expect(text(confirm)).toContain(`Leave ${contoso.tenant.name}?`);
    expect(await t.gateway.db.manager.countBy(User, { id: person.contosoGuestId })).toBe(1);

    const left = await afterRedirect(person.web, await person.web.submit(confirm, '/account/leave'));
    expect(left.body).toContain('id="notice"');
    expect(left.body).not.toContain(`data-tenant="${contoso.tenant.id}"`);
    expect(left.body).toContain(`data-tenant="${northwind.tenant.id}"`);

    expect(await refresh(contosoApp, person.contosoRefresh)).toEqual({ error: 'invalid_grant' });
    expect(await refresh(northwindApp, person.northwindRefresh)).toHaveProperty('token');
    expect(await t.gateway.db.manager.countBy(User, { id: person.contosoGuestId })).toBe(0);
    const events = await t.gateway.db.manager.findBy(AuditEvent, { tenantId: contoso.tenant.id, action: AuditAction.LeaveOrganization });
    expect(events.map((e) => [e.actorId, e.targetId])).toEqual([[person.contosoGuestId, person.contosoGuestId]]);
    // A silent sign-in to Contoso is refused too.
    expect((await login(person.web, contosoApp, { prompt: null })).tokens).toBeNull();
  });

  it("cannot leave someone else's organization, nor leave without the form's token", async () => {
    const mallory = await guestOfBoth();
    const victim = await guestOfBoth();
    const page = await account(mallory.web);
    const refused = await mallory.web.submit(page, '/account/leave', { guestId: victim.contosoGuestId, confirm: 'yes' });
    expect(refused.status).toBe(404);
    const asked = await mallory.web.submit(page, '/account/leave', { guestId: victim.contosoGuestId });
    expect(asked.status).toBe(404);
    expect(text(asked)).not.toContain(contoso.tenant.name + '?');
    const forged = await mallory.web.post(`${t.baseUrl}/account/leave`, { guestId: mallory.contosoGuestId, confirm: 'yes' });
    expect(forged.status).toBe(403);
    expect(text(forged)).toContain('This form has expired');
    expect(await t.gateway.db.manager.countBy(User, { id: victim.contosoGuestId })).toBe(1);
    expect(await t.gateway.db.manager.countBy(User, { id: mallory.contosoGuestId })).toBe(1);
  });

  it('deletes a self-service account only with its password; then every tenant refuses it', async () => {
    const person = await guestOfBoth();
    const page = await account(person.web);
    const wrong = await person.web.submit(page, '/account/delete', { password: 'not my password at all' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('id="error"');
    expect(await t.gateway.db.manager.countBy(User, { id: person.home.id })).toBe(1);

    const deleted = await person.web.submit(page, '/account/delete', { password: PASSWORD });
    expect(deleted.status).toBe(200);
    expect(text(deleted)).toContain('Your account is deleted');
    expect(await t.gateway.db.manager.countBy(User, { id: person.home.id })).toBe(0);
    expect(await t.gateway.db.manager.countBy(BrowserSession, { userId: person.home.id })).toBe(0);

    expect(await refresh(contosoApp, person.contosoRefresh)).toEqual({ error: 'invalid_grant' });
    expect(await refresh(northwindApp, person.northwindRefresh)).toEqual({ error: 'invalid_grant' });
    // Signing in again fails everywhere: the account is gone.
    for (const app of [contosoApp, northwindApp]) {
      expect((await login(new WebClient(), app, { credentials: { email: person.email, password: PASSWORD } })).tokens).toBeNull();
    }
    // The guest objects stay for their administrators, each tenant's log saying why they lost access.
    for (const [tenant, guestId] of [[contoso, person.contosoGuestId], [northwind, person.northwindGuestId]] as const) {
      expect(await t.gateway.db.manager.countBy(User, { id: guestId })).toBe(1);
      expect(await t.gateway.db.manager.countBy(AuditEvent, { tenantId: tenant.tenant.id, action: AuditAction.HomeAccountDeleted, targetId: guestId })).toBe(1);
    }
    expect(await t.gateway.db.manager.countBy(AuditEvent, { tenantId: person.home.tenantId, action: AuditAction.DeleteOwnAccount, targetId: person.home.id })).toBe(1);
  });

  it("a managed tenant's member cannot delete the account: its administrator does", async () => {
    const email = `member${++n}.${kind}@litware-account.example`;
    await managedTenantWithMember(t, 'litware-account.example', email, 'Blue-Harbor-Lantern-9');
    const web = new WebClient();
    const signIn = await account(web);
    const page = await web.follow(await web.submit(signIn, '/account/signin', { email, password: 'Blue-Harbor-Lantern-9' }));
    expect(page.body).not.toContain('action="/account/delete"');
    const refused = await web.post(`${t.baseUrl}/account/delete`, { csrf: /name="csrf" value="([^"]+)"/.exec(page.body)![1]!, password: 'Blue-Harbor-Lantern-9' });
    expect(refused.status).toBe(403);
    expect(await t.gateway.db.manager.countBy(User, { mail: email })).toBe(1);
  });

  it('changes the password with the current one; every other sign-in ends, this browser stays', async () => {
    const person = await guestOfBoth();
    const other = new WebClient();
    await other.follow(await other.submit(await account(other), '/account/signin', { email: person.email, password: PASSWORD }));
    const page = await account(person.web);
    // Both browsers are listed; this one is marked as such (the other signed in later, so it comes first).
    const sessions = /<section id="sessions">(.*?)<\/section>/s.exec(page.body)![1]!;
    expect([...sessions.matchAll(/<li( class="current")?>\s*<strong>([^<]+)<\/strong>/g)].map((m) => [Boolean(m[1]), m[2]])).toEqual([
      [false, 'Another browser'], [true, 'This browser'],
    ]);

    const wrong = await person.web.submit(page, '/account/password', { currentPassword: 'not the password at all', newPassword: 'Quiet-River-Stone-42' });
    expect(wrong.status).toBe(401);
    const weak = await person.web.submit(page, '/account/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(await refresh(contosoApp, person.contosoRefresh)).toHaveProperty('token');

    const changed = await afterRedirect(person.web, await person.web.submit(page, '/account/password', { currentPassword: PASSWORD, newPassword: 'Quiet-River-Stone-42' }));
    expect(changed.body).toContain('id="notice"');
    expect(await t.gateway.db.manager.countBy(AuditEvent, { action: AuditAction.ChangeOwnPassword, actorId: person.home.id })).toBe(1);
    expect((await account(other)).body).toContain('action="/account/signin"');
    expect(await refresh(northwindApp, person.northwindRefresh)).toEqual({ error: 'invalid_grant' });
    const again = await login(new WebClient(), contosoApp, { credentials: { email: person.email, password: 'Quiet-River-Stone-42' } });
    expect(again.tokens?.refresh_token).toBeTruthy();
  });

  it('signs out everywhere: every browser and every refresh token', async () => {
    const person = await guestOfBoth();
    const other = new WebClient();
    await other.follow(await other.submit(await account(other), '/account/signin', { email: person.email, password: PASSWORD }));
    const out = await person.web.submit(await account(person.web), '/account/signout-everywhere');
    expect(out.status).toBe(200);
    expect(text(out)).toContain('You are signed out everywhere');
    expect((await account(person.web)).body).toContain('action="/account/signin"');
    expect((await account(other)).body).toContain('action="/account/signin"');
    expect(await refresh(contosoApp, person.contosoRefresh)).toEqual({ error: 'invalid_grant' });
    expect(await refresh(northwindApp, person.northwindRefresh)).toEqual({ error: 'invalid_grant' });
    expect(await t.gateway.db.manager.countBy(BrowserSession, { userId: person.home.id })).toBe(0);
  });

  it('saves the names; refuses an empty display name and a forged form, writing nothing', async () => {
    const person = await guestOfBoth();
    const page = await account(person.web);
    const saved = await afterRedirect(person.web, await person.web.submit(page, '/account/profile', { displayName: '  Dana   Partner ', givenName: 'Dana', surname: 'Partner' }));
    expect(saved.body).toContain('value="Dana Partner"');
    expect(await t.gateway.db.manager.findOneByOrFail(User, { id: person.home.id })).toMatchObject({ displayName: 'Dana Partner', givenName: 'Dana', surname: 'Partner' });

    const empty = await person.web.submit(page, '/account/profile', { displayName: '   ', givenName: 'X', surname: 'Y' });
    expect(empty.status).toBe(400);
    const tooLong = await person.web.submit(page, '/account/profile', { displayName: 'Dana', givenName: 'x'.repeat(65), surname: '' });
    expect(tooLong.status).toBe(400);
    const forged = await person.web.post(`${t.baseUrl}/account/profile`, { displayName: 'Mallory', givenName: '', surname: '' });
    expect(forged.status).toBe(403);
    expect(await t.gateway.db.manager.findOneByOrFail(User, { id: person.home.id })).toMatchObject({ displayName: 'Dana Partner', givenName: 'Dana' });
  });

  it('limits password checks per account: the eleventh in the window is refused, even the right one', async () => {
    const person = await guestOfBoth();
    const page = await account(person.web);
    for (let i = 0; i < 10; i++) {
      expect((await person.web.submit(page, '/account/delete', { password: `wrong password ${i}` })).status).toBe(401);
    }
    const limited = await person.web.submit(page, '/account/delete', { password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(await t.gateway.db.manager.countBy(User, { id: person.home.id })).toBe(1);
  });

  it('limits forms per account: after 60 in the window the next is refused and writes nothing', async () => {
    const person = await guestOfBoth();
    const page = await account(person.web);
    for (let i = 0; i < 60; i++) {
      expect((await person.web.submit(page, '/account/profile', { displayName: `Name ${i}`, givenName: '', surname: '' })).status).toBe(303);
    }
    const limited = await person.web.submit(page, '/account/profile', { displayName: 'One too many', givenName: '', surname: '' });
    expect(limited.status).toBe(429);
    expect((await t.gateway.db.manager.findOneByOrFail(User, { id: person.home.id })).displayName).toBe('Name 59');
  });

  it('answers malformed requests with a page, never a 500', async () => {
    const person = await guestOfBoth();
    expect((await person.web.get(`${t.baseUrl}/account?done=a&done=b`)).status).toBe(400);
    expect((await person.web.get(`${t.baseUrl}/account?done=nonsense`)).body).not.toContain('id="notice"');
    const page = await account(person.web);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const huge = await person.web.post(`${t.baseUrl}/account/profile`, { csrf, displayName: 'x'.repeat(20_000), givenName: '', surname: '' });
    expect(huge.status).toBe(413);
    expect((await person.web.post(`${t.baseUrl}/account/leave`, { csrf, guestId: 'not-an-id' })).status).toBe(404);
  });

  it('is there in every language', async () => {
    const person = await guestOfBoth();
    const german = new WebClient(undefined, { 'accept-language': 'de' });
    await german.follow(await german.submit(await account(german), '/account/signin', { email: person.email, password: PASSWORD }));
    const page = await account(german);
    expect(page.body).toContain('<html lang="de">');
    expect(text(page)).toContain('Organisation verlassen');
  });
});
