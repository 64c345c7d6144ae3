import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { User } from '../../src/directory/user.entity.js';
import type { Clock } from '../../src/shared/clock.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { invite, login, type PartnerApp, REPLY_URL, redeemBySignUp, registerApp } from '../helpers/partner-flow.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { startUpstreamIdp } from '../helpers/upstream-idp.js';
import { text, WebClient } from '../helpers/web-client.js';
import { AuditEventsDocument, type AuditFilterInput, RegisterIdentityProviderDocument } from '../graphql/generated.js';

class TestClock implements Clock {
  offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
}

const VIRAL = ['Viral tenant creation.', 'Viral user creation.'];
const HOUR = 3_600_000;

describe.each(testDatabases())('the audit log of accounts on %s', (kind) => {
  const clock = new TestClock();
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let upstream: Awaited<ReturnType<typeof startUpstreamIdp>>;
  let contoso: TenantFixture;
  let northwind: TenantFixture;
  let app: PartnerApp;
  /** Ana redeemed contoso's invitation by signing up: her browser, her guest in contoso, her new home account. */
  const ana = { web: new WebClient(), guest: null as unknown as User, home: null as unknown as User };
  let signedUpAt: Date;

  const events = async (tenant: TenantFixture, filter: AuditFilterInput | null = null) =>
    (await tenant.admin.client.data(AuditEventsDocument, { filter, first: 200 })).auditEvents;

  /** Invites `email` from `tenant` and redeems by signing up; returns the guest and its home account. */
  async function signUp(tenant: TenantFixture, email: string, web = new WebClient()) {
    const invitation = await invite(tenant, email, tenant === contoso ? app : null);
    const done = await redeemBySignUp(t, smtp, web, invitation.inviteRedeemUrl!, email);
    expect(done.status, text(done)).toBe(303);
    const guest = await t.gateway.db.manager.findOneByOrFail(User, { id: invitation.invitedUser!.id });
    return { invitation, guest, home: await t.gateway.db.manager.findOneByOrFail(User, { id: guest.homeUserId! }) };
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestGateway(kind, { SMTP_URL: smtp.url }, { clock });
    upstream = await startUpstreamIdp(`${t.baseUrl}/federation/callback`);
    contoso = await createTenant(t, 'http', { domains: ['contoso.example'] });
    northwind = await createTenant(t, 'http', { domains: ['northwind.example'] });
    const fedco = await createTenant(t, 'http', { domains: ['fedco.example'] });
    await fedco.admin.client.data(RegisterIdentityProviderDocument, {
      input: { issuer: upstream.issuer, clientId: 'gateway', clientSecret: 'upstream-secret', domains: ['fedco.example'] },
    });
    app = await registerApp(t, contoso);
  });
  afterAll(async () => {
    await t.stop();
    await upstream.close();
    await smtp.close();
  });

  it('a sign-up redemption: the inviting tenant reads both viral events and "Update user"; the self-service tenant’s log has none', async () => {
    signedUpAt = clock.now();
    const { invitation, guest, home } = await signUp(contoso, 'ana@newco.example', ana.web);
    Object.assign(ana, { guest, home });
    expect(home.tenantId).not.toBe(contoso.tenant.id);

    const log = await events(contoso, { actions: [...VIRAL, 'Update user'] });
    const byAction = Object.fromEntries(log.nodes.map((e) => [e.action, e]));
    expect(log.nodes.map((e) => e.action).sort()).toEqual(['Update user', ...VIRAL]);
    expect(byAction['Viral tenant creation.']).toMatchObject({
      targetType: 'Tenant',
      targetId: home.tenantId,
      actorKind: 'user',
      actorId: home.id,
      actorDisplayName: 'ana@newco.example',
      details: { domain: 'newco.example', invitationId: invitation.id },
    });
    expect(byAction['Viral user creation.']).toMatchObject({
      targetType: 'User',
      targetId: home.id,
      actorId: home.id,
      details: { email: 'ana@newco.example', homeTenantId: home.tenantId, invitationId: invitation.id },
    });
    expect(byAction['Update user']).toMatchObject({ targetType: 'User', targetId: guest.id, actorId: guest.id });
    expect(byAction['Update user']!.details).toEqual({
      modifiedProperties: ['AlternativeSecurityId', 'SignInName', 'UserState', 'UserStateChangedOn'],
      AlternativeSecurityId: guest.altSecId,
      SignInName: 'ana@newco.example',
      UserState: 'Accepted',
      UserStateChangedOn: guest.externalUserStateChangedAt!.toISOString(),
    });
    expect(await t.gateway.db.manager.countBy(AuditEvent, { tenantId: home.tenantId })).toBe(0);

    // A second person of the same domain joins its existing tenant: a user creation, no tenant creation.
    const bea = await signUp(contoso, 'bea@newco.example');
    expect(bea.home.tenantId).toBe(home.tenantId);
    expect((await events(contoso, { actorId: bea.home.id })).nodes.map((e) => e.action)).toEqual(['Viral user creation.']);
    expect((await events(contoso, { actions: ['Viral tenant creation.'] })).nodes.map((e) => e.targetId)).toEqual([home.tenantId]);
  });

  it('each filter narrows the log: actions, target, actor, and the time range', async () => {
    clock.offsetMs += 2 * HOUR;
    const later = await invite(contoso, 'cid@laterco.example', null);
    const all = await events(contoso);
    expect(all.nodes.length).toBeGreaterThan(6);

    const redemption = await events(contoso, { actions: ['Redeem external user invite.', 'Update user'], targetId: ana.guest.id });
    expect(redemption.nodes.map((e) => e.action)).toEqual(['Update user', 'Redeem external user invite.']);
    expect(redemption.totalCount).toBe(2);

    const aboutAna = await events(contoso, { targetId: ana.guest.id });
    expect(aboutAna.nodes.map((e) => e.action)).toEqual(
      expect.arrayContaining(['Invite external user.', 'Redeem external user invite.', 'Update user']),
    );
    expect(aboutAna.nodes.every((e) => e.targetId === ana.guest.id)).toBe(true);
    expect(aboutAna.totalCount).toBeLessThan(all.totalCount);

    expect((await events(contoso, { actorId: ana.home.id })).nodes.map((e) => e.action)).toEqual([
      'Viral user creation.',
      'Viral tenant creation.',
    ]);

    const since = new Date(signedUpAt.getTime() + HOUR).toISOString();
    const recent = await events(contoso, { from: since });
    expect(recent.nodes.map((e) => e.targetId)).toEqual([later.invitedUser!.id]);
    const before = await events(contoso, { to: since });
    expect(before.nodes.map((e) => e.targetId)).not.toContain(later.invitedUser!.id);
    expect(before.totalCount + recent.totalCount).toBe(all.totalCount);
    const window = await events(contoso, { from: signedUpAt.toISOString(), to: since, actions: VIRAL });
    expect(window.totalCount).toBe(3);
    expect(await events(contoso, { from: since, actions: VIRAL })).toMatchObject({ totalCount: 0, nodes: [] });
    // The bounds are inclusive: a one-moment range holds the event of that moment.
    const invited = recent.nodes[0]!.createdAt;
    expect((await events(contoso, { from: invited, to: invited })).nodes.map((e) => e.targetId)).toEqual([later.invitedUser!.id]);
  });

  it('bad filters get stable codes', async () => {
    const code = (filter: Record<string, unknown>) =>
      contoso.admin.client.errorCode(AuditEventsDocument, { filter: filter as AuditFilterInput });
    expect(await code({ from: '2026-02-01T00:00:00Z', to: '2026-01-31T23:59:59Z' })).toBe('INVALID_TIME_RANGE');
    expect(await code({ actions: [] })).toBe('BAD_USER_INPUT');
    expect(await code({ actions: [''] })).toBe('BAD_USER_INPUT');
    expect(await code({ targetId: 'x'.repeat(256) })).toBe('BAD_USER_INPUT');
    expect(await code({ actorId: ' ' })).toBe('BAD_USER_INPUT');
    expect(await code({ from: 'yesterday' })).toBe('BAD_USER_INPUT');
    const result = await contoso.admin.client.run(AuditEventsDocument, {
      filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
    });
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'INVALID_TIME_RANGE',
      category: 'BAD_USER_INPUT',
      details: { argument: 'filter.from' },
    });
  });

  it('cross-tenant twin: each tenant reads its own viral events, and no filter shows another tenant’s', async () => {
    const dan = await signUp(northwind, 'dan@otherco.example');
    const northwindViral = await events(northwind, { actions: VIRAL });
    expect(northwindViral.nodes.map((e) => e.targetId).sort()).toEqual([dan.home.id, dan.home.tenantId].sort());
    expect((await events(contoso, { actions: VIRAL })).nodes.map((e) => e.targetId)).not.toContain(dan.home.id);

    // Tenant B's admin, asking by tenant A's ids, sees nothing of A.
    expect((await events(northwind, { targetId: ana.guest.id })).totalCount).toBe(0);
    expect((await events(northwind, { actorId: ana.home.id })).totalCount).toBe(0);
    expect((await events(northwind, { targetId: ana.home.tenantId })).totalCount).toBe(0);
    const contosoIds = new Set((await events(contoso)).nodes.map((e) => e.id));
    expect((await events(northwind)).nodes.some((e) => contosoIds.has(e.id))).toBe(false);
    expect((await events(northwind, { targetId: dan.guest.id })).totalCount).toBeGreaterThan(0);
  });

  it('given_name and family_name from the home profile, in the ID token and userinfo; absent when unknown', async () => {
    const nameless = await login(ana.web, app);
    expect(nameless.tokens!.claims()).not.toHaveProperty('given_name');
    expect(nameless.tokens!.claims()).not.toHaveProperty('family_name');

    await t.gateway.db.manager.update(User, { id: ana.home.id }, { givenName: 'Ana', familyName: 'Lima' });
    const { tokens } = await login(ana.web, app);
    expect(tokens!.claims()).toMatchObject({ oid: ana.guest.id, name: 'Partner Person', given_name: 'Ana', family_name: 'Lima' });
    expect(await oidc.fetchUserInfo(app.config, tokens!.access_token, ana.guest.id)).toMatchObject({
      given_name: 'Ana',
      family_name: 'Lima',
    });
    // Without the profile scope there are no names.
    const openidOnly = await login(ana.web, app, { scope: 'openid' });
    expect(await oidc.fetchUserInfo(app.config, openidOnly.tokens!.access_token, ana.guest.id)).not.toHaveProperty('given_name');
  });

  it('given_name and family_name from a federated provider, kept up to date at each sign-in there', async () => {
    upstream.addAccount('eve-sub', 'eve@fedco.example', 'Eve Okafor', { givenName: 'Eve', familyName: 'Okafor' });
    upstream.signInAs('eve-sub');
    const invitation = await invite(contoso, 'eve@fedco.example', app);
    const web = new WebClient();
    const landed = await web.follow(await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept'), (u) =>
      u.startsWith(REPLY_URL),
    );
    expect(landed.url, text(landed)).toBe(REPLY_URL);
    const guestId = invitation.invitedUser!.id;

    const { tokens } = await login(web, app);
    expect(tokens!.claims()).toMatchObject({ oid: guestId, idp: upstream.issuer, given_name: 'Eve', family_name: 'Okafor' });
    expect(await oidc.fetchUserInfo(app.config, tokens!.access_token, guestId)).toMatchObject({ given_name: 'Eve', family_name: 'Okafor' });

    // Her company changes her family name: the next sign-in through it carries the new one.
    upstream.addAccount('eve-sub', 'eve@fedco.example', 'Eve Adeyemi', { givenName: 'Eve', familyName: 'Adeyemi' });
    const again = await login(new WebClient(), app, { credentials: { email: 'eve@fedco.example', password: '' } });
    expect(again.tokens!.claims()).toMatchObject({ oid: guestId, given_name: 'Eve', family_name: 'Adeyemi' });

    // A blank name does not erase the one known; an over-long one is trimmed to the column's 64 characters.
    const long = `${'Okafor-Adeyemi-'.repeat(5)}Nwosu`;
    upstream.addAccount('eve-sub', 'eve@fedco.example', 'Eve', { givenName: '  ', familyName: `  ${long}  ` });
    const third = await login(new WebClient(), app, { credentials: { email: 'eve@fedco.example', password: '' } });
    expect(third.tokens!.claims()).toMatchObject({ oid: guestId, given_name: 'Eve', family_name: long.slice(0, 64) });
  });
});
