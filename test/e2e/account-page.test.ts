import { describe, expect, it } from 'vitest';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { BrowserSession } from '../../src/accounts/browser-session.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { PASSWORD, useAccountPageSuite } from '../helpers/account-page.js';
import { testDatabases } from '../helpers/databases.js';
import { login, managedTenantWithMember } from '../helpers/partner-flow.js';
import { text, WebClient, type WebResponse } from '../helpers/web-client.js';

/** The account page over HTTP: sign-in, organizations, leaving, deletion; openid-client as each tenant's relying party. */
describe.each(testDatabases())('the account page (%s)', (kind) => {
  const { s, refresh, guestOfBoth, account, afterRedirect } = useAccountPageSuite(kind);

  it('asks a browser without a sign-in to sign in, then comes back to the page', async () => {
    const person = await guestOfBoth();
    const stranger = new WebClient();
    const signIn = await account(stranger);
    expect(signIn.status).toBe(200);
    expect(signIn.body).toContain('action="/account/signin"');
    const wrong = await stranger.submit(signIn, '/account/signin', { email: person.email, password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    const page = await afterRedirect(
      stranger,
      await stranger.submit(signIn, '/account/signin', { email: person.email, password: PASSWORD }),
    );
    expect(page.url).toBe(`${s.t.baseUrl}/account`);
    expect(text(page)).toContain(`Signed in as ${person.email}`);
  });

  it('lists the organizations with the apps each gives; Leave organization ends that access at once, audited there', async () => {
    const person = await guestOfBoth();
    const page = await account(person.web);
    expect(page.status).toBe(200);
    const orgs = [
      ...page.body.matchAll(
        /<div class="organization" data-tenant="([^"]+)">\s*<h3 class="wrap">([^<]+)<\/h3>\s*<ul class="apps">(.*?)<\/ul>/gs,
      ),
    ];
    expect(orgs.map((m) => [m[1], m[2], text({ body: m[3]! } as WebResponse).trim()])).toEqual([
      [s.contoso.tenant.id, s.contoso.tenant.name, 'Partner Expenses'],
      [s.northwind.tenant.id, s.northwind.tenant.name, 'Partner Expenses'],
    ]);

    // The first step only asks; nothing has changed yet.
    const confirm = await person.web.submit(page, '/account/leave', { guestId: person.contosoGuestId });
    expect(confirm.status).toBe(200);
    expect(text(confirm)).toContain(`Leave ${s.contoso.tenant.name}?`);
    expect(await s.t.gateway.db.manager.countBy(User, { id: person.contosoGuestId })).toBe(1);

    const left = await afterRedirect(person.web, await person.web.submit(confirm, '/account/leave'));
    expect(left.body).toContain('id="notice"');
    expect(left.body).not.toContain(`data-tenant="${s.contoso.tenant.id}"`);
    expect(left.body).toContain(`data-tenant="${s.northwind.tenant.id}"`);

    expect(await refresh(s.contosoApp, person.contosoRefresh)).toEqual({ error: 'invalid_grant' });
    expect(await refresh(s.northwindApp, person.northwindRefresh)).toHaveProperty('token');
    expect(await s.t.gateway.db.manager.countBy(User, { id: person.contosoGuestId })).toBe(0);
    const events = await s.t.gateway.db.manager.findBy(AuditEvent, {
      tenantId: s.contoso.tenant.id,
      action: AuditAction.LeaveOrganization,
    });
    expect(events.map((e) => [e.actorId, e.targetId])).toEqual([[person.contosoGuestId, person.contosoGuestId]]);
    // A silent sign-in to Contoso is refused too.
    expect((await login(person.web, s.contosoApp, { prompt: null })).tokens).toBeNull();
  });

  it("cannot leave someone else's organization, nor leave without the form's token", async () => {
    const mallory = await guestOfBoth();
    const victim = await guestOfBoth();
    const page = await account(mallory.web);
    const refused = await mallory.web.submit(page, '/account/leave', { guestId: victim.contosoGuestId, confirm: 'yes' });
    expect(refused.status).toBe(404);
    const asked = await mallory.web.submit(page, '/account/leave', { guestId: victim.contosoGuestId });
    expect(asked.status).toBe(404);
    expect(text(asked)).not.toContain(s.contoso.tenant.name + '?');
    const forged = await mallory.web.post(`${s.t.baseUrl}/account/leave`, { guestId: mallory.contosoGuestId, confirm: 'yes' });
    expect(forged.status).toBe(403);
    expect(text(forged)).toContain('This form has expired');
    expect(await s.t.gateway.db.manager.countBy(User, { id: victim.contosoGuestId })).toBe(1);
    expect(await s.t.gateway.db.manager.countBy(User, { id: mallory.contosoGuestId })).toBe(1);
  });

  it('deletes a self-service account only with its password; then every tenant refuses it', async () => {
    const person = await guestOfBoth();
    const page = await account(person.web);
    const wrong = await person.web.submit(page, '/account/delete', { password: 'not my password at all' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('id="error"');
    expect(await s.t.gateway.db.manager.countBy(User, { id: person.home.id })).toBe(1);

    const deleted = await person.web.submit(page, '/account/delete', { password: PASSWORD });
    expect(deleted.status).toBe(200);
    expect(text(deleted)).toContain('Your account is deleted');
    expect(await s.t.gateway.db.manager.countBy(User, { id: person.home.id })).toBe(0);
    expect(await s.t.gateway.db.manager.countBy(BrowserSession, { userId: person.home.id })).toBe(0);

    expect(await refresh(s.contosoApp, person.contosoRefresh)).toEqual({ error: 'invalid_grant' });
    expect(await refresh(s.northwindApp, person.northwindRefresh)).toEqual({ error: 'invalid_grant' });
    // Signing in again fails everywhere: the account is gone.
    for (const app of [s.contosoApp, s.northwindApp]) {
      expect((await login(new WebClient(), app, { credentials: { email: person.email, password: PASSWORD } })).tokens).toBeNull();
    }
    // The guest objects stay for their administrators, each tenant's log saying why they lost access.
    for (const [tenant, guestId] of [
      [s.contoso, person.contosoGuestId],
      [s.northwind, person.northwindGuestId],
    ] as const) {
      expect(await s.t.gateway.db.manager.countBy(User, { id: guestId })).toBe(1);
      expect(
        await s.t.gateway.db.manager.countBy(AuditEvent, {
          tenantId: tenant.tenant.id,
          action: AuditAction.HomeAccountDeleted,
          targetId: guestId,
        }),
      ).toBe(1);
    }
    expect(
      await s.t.gateway.db.manager.countBy(AuditEvent, {
        tenantId: person.home.tenantId,
        action: AuditAction.DeleteOwnAccount,
        targetId: person.home.id,
      }),
    ).toBe(1);
  });

  it("a managed tenant's member cannot delete the account: its administrator does", async () => {
    const email = `member.${kind}@litware-account.example`;
    await managedTenantWithMember(s.t, 'litware-account.example', email, 'Blue-Harbor-Lantern-9');
    const web = new WebClient();
    const signIn = await account(web);
    const page = await web.follow(await web.submit(signIn, '/account/signin', { email, password: 'Blue-Harbor-Lantern-9' }));
    expect(page.body).not.toContain('action="/account/delete"');
    const refused = await web.post(`${s.t.baseUrl}/account/delete`, {
      csrf: /name="csrf" value="([^"]+)"/.exec(page.body)![1]!,
      password: 'Blue-Harbor-Lantern-9',
    });
    expect(refused.status).toBe(403);
    expect(await s.t.gateway.db.manager.countBy(User, { mail: email })).toBe(1);
  });
});
