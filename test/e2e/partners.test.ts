import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../src/directory/user.entity.js';
import { domainPartnerId } from '../../src/partners/partner.service.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, login, managedTenantWithMember, type PartnerApp, redeemBySignUp } from '../helpers/partner-flow.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { WebClient } from '../helpers/web-client.js';
import { AuditEventsDocument, PartnerDocument, PartnersDocument, RemovePartnerDocument } from '../graphql/generated.js';

describe.each(testDatabases())('partner organizations on %s', (kind) => {
  const suite = useGatewaySuite(kind, { smtp: true, tenants: [{ domains: ['contoso.example'] }, {}], app: true });
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let contoso: TenantFixture;
  let other: TenantFixture;
  let fabrikam: TenantFixture;
  let app: PartnerApp;
  let bobRefresh: string;

  beforeAll(async () => {
    ({
      smtp,
      t,
      tenants: [contoso, other],
      app,
    } = suite);
    fabrikam = await managedTenantWithMember(t, 'fabrikam.example', 'bob@fabrikam.example', 'Cobalt-Ferry-Nine-3');

    const bob = await invite(contoso, 'bob@fabrikam.example', app);
    const web = new WebClient();
    const signIn = await web.submit(await web.get(bob.inviteRedeemUrl!), '/redeem/accept');
    await web.submit(signIn, '/redeem/signin', { password: 'Cobalt-Ferry-Nine-3' });
    bobRefresh = (await login(web, app)).tokens!.refresh_token!;
    await invite(contoso, 'pending@fabrikam.example', app);
    const lit = await invite(contoso, 'lee@litware.example', app);
    await redeemBySignUp(t, smtp, new WebClient(), lit.inviteRedeemUrl!, 'lee@litware.example');
    await invite(contoso, 'nobody@northwind.example', null);
  });

  it('lists where guests come from, with domains, counts, pending invitations and last sign-in', async () => {
    const { partners } = await contoso.admin.client.data(PartnersDocument, { first: 50 });
    const byName = Object.fromEntries(partners.nodes.map((p) => [p.name, p]));
    expect(partners.totalCount).toBe(3);
    expect(byName[fabrikam.tenant.name]).toMatchObject({
      id: fabrikam.tenant.id,
      kind: 'GatewayTenant',
      domains: ['fabrikam.example'],
      guestCount: 2,
      pendingInvitations: 1,
    });
    expect(byName[fabrikam.tenant.name]!.lastSignInAt).not.toBeNull();
    expect(byName[fabrikam.tenant.name]!.guests.nodes.map((g) => g.mail).sort()).toEqual([
      'bob@fabrikam.example',
      'pending@fabrikam.example',
    ]);
    expect(byName['litware.example']).toMatchObject({
      kind: 'SelfServiceTenant',
      domains: ['litware.example'],
      guestCount: 1,
      pendingInvitations: 0,
      lastSignInAt: null,
    });
    expect(byName['northwind.example']).toMatchObject({
      id: domainPartnerId('northwind.example'),
      kind: 'Domain',
      guestCount: 1,
      pendingInvitations: 1,
    });
    const page1 = await contoso.admin.client.data(PartnersDocument, { first: 2 });
    const page2 = await contoso.admin.client.data(PartnersDocument, { first: 2, after: page1.partners.pageInfo.endCursor });
    expect([...page1.partners.nodes, ...page2.partners.nodes].map((p) => p.id).sort()).toEqual(partners.nodes.map((p) => p.id).sort());
  });

  it('searches partners by name or domain, any case, within the caller’s tenant only', async () => {
    const found = async (fixture: TenantFixture, search: string) =>
      (await fixture.admin.client.data(PartnersDocument, { search })).partners;
    expect((await found(contoso, 'LITWARE')).nodes.map((p) => p.name)).toEqual(['litware.example']);
    const byDomain = await found(contoso, 'Fabrikam.EX');
    expect(byDomain.nodes.map((p) => p.id)).toEqual([fabrikam.tenant.id]);
    expect(byDomain.totalCount).toBe(1);
    expect((await found(contoso, fabrikam.tenant.name.toUpperCase())).nodes.map((p) => p.id)).toEqual([fabrikam.tenant.id]);
    expect((await found(contoso, 'north')).nodes.map((p) => p.id)).toEqual([domainPartnerId('northwind.example')]);
    expect((await found(contoso, '%')).totalCount).toBe(0); // LIKE's wildcards are plain characters
    expect((await found(contoso, '  ')).totalCount).toBe(3); // blank: no filter
    // Cross-tenant twin: the same searches in another tenant find none of Contoso's partners.
    for (const search of ['litware', 'fabrikam', 'north', '']) expect((await found(other, search)).totalCount).toBe(0);
    expect(await contoso.admin.client.errorCode(PartnersDocument, { search: 'x'.repeat(300) })).toBe('BAD_USER_INPUT');
  });

  it('removePartner disables every guest from the partner and ends their access at once, with an audit event each', async () => {
    const before = (await contoso.admin.client.data(PartnerDocument, { id: fabrikam.tenant.id })).partner;
    expect(before.guestCount).toBe(2);
    const ids = (await contoso.admin.client.data(RemovePartnerDocument, { id: fabrikam.tenant.id })).removePartner;
    expect(ids).toHaveLength(2);
    for (const id of ids) expect((await t.gateway.db.manager.findOneByOrFail(User, { id })).accountEnabled).toBe(false);
    await expect(oidc.refreshTokenGrant(app.config, bobRefresh)).rejects.toMatchObject({ error: 'invalid_grant' });
    const events = (await contoso.admin.client.data(AuditEventsDocument, { first: 20 })).auditEvents.nodes.filter(
      (e) => e.action === 'Disable account',
    );
    expect(events.map((e) => e.targetId).sort()).toEqual([...ids].sort());
    const removed = await contoso.admin.client.data(RemovePartnerDocument, { id: domainPartnerId('northwind.example'), mode: 'Remove' });
    expect(removed.removePartner).toHaveLength(1);
    expect(await t.gateway.db.manager.countBy(User, { id: removed.removePartner[0]! })).toBe(0);
  });

  it('keeps partners per tenant: another tenant sees none of them and cannot remove them', async () => {
    expect((await other.admin.client.data(PartnersDocument, {})).partners.totalCount).toBe(0);
    expect(await other.admin.client.errorCode(PartnerDocument, { id: domainPartnerId('litware.example') })).toBe('NOT_FOUND');
    const litware = (await contoso.admin.client.data(PartnersDocument, {})).partners.nodes.find((p) => p.name === 'litware.example')!;
    expect(await other.admin.client.errorCode(RemovePartnerDocument, { id: litware.id })).toBe('NOT_FOUND');
    expect((await contoso.admin.client.data(PartnerDocument, { id: litware.id })).partner.guestCount).toBe(1);
    const inviter = await contoso.principal(['GuestInviter' as never]);
    expect(await inviter.client.errorCode(RemovePartnerDocument, { id: litware.id })).toBe('FORBIDDEN');
  });
});
