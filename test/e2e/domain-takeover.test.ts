import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { PendingDomain } from '../../src/domains/pending-domain.entity.js';
import { OidcPayload } from '../../src/oidc/oidc-payload.entity.js';
import { TenantDomain } from '../../src/directory/tenant-domain.entity.js';
import { Tenant } from '../../src/directory/tenant.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { derivePartners } from '../helpers/partner-oracle.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, login, type PartnerApp, redeemBySignUp } from '../helpers/partner-flow.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { WebClient } from '../helpers/web-client.js';
import { AddDomainDocument, PartnersDocument, RemoveUserDocument, VerifyDomainDocument } from '../graphql/generated.js';

describe.each(testDatabases())('admin takeover of a self-service domain on %s', (kind) => {
  let smtp: TestSmtpServer;
  let dns: TestDnsServer;
  let t: TestGateway;
  let contoso: TenantFixture;
  let app: PartnerApp;
  const password = 'Marble-Harbor-Lantern-58';
  const issuer = (tenantId: string) => `${t.baseUrl}/${tenantId}/v2.0`;

  beforeAll(async () => void (dns = await startDnsServer()));
  afterAll(() => dns.close());
  const suite = useGatewaySuite(kind, {
    smtp: true,
    env: () => ({ DNS_SERVERS: dns.address }),
    tenants: [{ domains: ['contoso.example'] }],
    app: true,
  });
  beforeAll(
    () =>
      void ({
        smtp,
        t,
        tenants: [contoso],
        app,
      } = suite),
  );

  /** Someone invited by `by` signs up with a self-service account; returns the guest and its home account. */
  async function selfServiceGuest(by: TenantFixture, email: string, web = new WebClient()) {
    const invitation = await invite(by, email, by === contoso ? app : null);
    await redeemBySignUp(t, smtp, web, invitation.inviteRedeemUrl!, email, password);
    const guest = await t.gateway.db.manager.findOneByOrFail(User, { id: invitation.invitedUser!.id });
    const home = await t.gateway.db.manager.findOneByOrFail(User, { id: guest.homeUserId! });
    return { guest, home, web };
  }

  /** The managed tenant adds the domain and publishes its record. */
  async function claim(managed: TenantFixture, domain: string) {
    const { addDomain } = await managed.admin.client.data(AddDomainDocument, { name: domain });
    dns.setTxt(domain, [addDomain.verificationRecord!.value]);
  }

  const events = async (tenantId: string) => (await t.gateway.db.manager.findBy(AuditEvent, { tenantId })).map((e) => e.action);

  it('moves the members with their passwords; a guest redeemed in another tenant before signs in after it, its home now the managed tenant', async () => {
    const domain = 'fabrikam-people.example';
    const email = `alice@${domain}`;
    const { guest, home, web } = await selfServiceGuest(contoso, email);
    const selfService = await t.gateway.db.manager.findOneByOrFail(Tenant, { id: home.tenantId });
    expect(selfService.kind).toBe('selfService');
    expect((await login(web, app)).tokens!.claims()).toMatchObject({ tid: contoso.tenant.id, oid: guest.id, idp: issuer(selfService.id) });

    // A self-service tenant has no administrators; even one acting for it could not add or verify domains.
    const selfServiceAdmin = {
      tenantId: selfService.id,
      kind: 'Application' as never,
      id: selfService.id,
      displayName: 'x',
      roles: ['GlobalAdministrator' as never],
      scopes: null,
    };
    await expect(t.gateway.services.domains.add(selfServiceAdmin, 'elsewhere.example')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(t.gateway.services.domains.verify(selfServiceAdmin, domain)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const fabrikam = await createTenant(t, 'http', { name: 'Fabrikam', domains: ['fabrikam-corp.example'] });
    await claim(fabrikam, domain);
    // Without takeOver: refused, saying how many people it concerns, and nothing moves.
    const refused = await fabrikam.admin.client.run(VerifyDomainDocument, { name: domain });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'DOMAIN_HELD_BY_SELF_SERVICE_TENANT', details: { members: 1 } });
    expect(await t.gateway.services.tenants.domainOwner(domain)).toBe(selfService.id);
    // Another managed tenant that never added the domain cannot take it over (cross-tenant twin).
    const bystander = await createTenant(t, 'http');
    expect(await bystander.admin.client.errorCode(VerifyDomainDocument, { name: domain, takeOver: true })).toBe('NOT_FOUND');
    // It may claim the domain too (its record published beside Fabrikam's); Fabrikam verifies first below.
    const { addDomain: bystanderClaim } = await bystander.admin.client.data(AddDomainDocument, { name: domain });
    dns.setTxt(domain, [...(dns.txt(domain) ?? []), bystanderClaim.verificationRecord!.value]);

    // A session the self-service tenant's own issuer holds for her (its provider's artefacts are keyed by tenant and account).
    // Written directly: a self-service tenant has no apps, so no flow makes its provider hold one.
    const artefact = (tenantId: string, id: string) => ({
      model: 'Session',
      id,
      tenantId,
      payload: '{}',
      grantId: null,
      userCode: null,
      uid: null,
      accountId: home.id,
      clientId: null,
      expiresAt: null,
      consumedAt: null,
    });
    await t.gateway.db.manager.insert(OidcPayload, [
      artefact(selfService.id, 'takeover-ss-session'),
      artefact(fabrikam.tenant.id, 'takeover-unrelated'),
    ]);

    // Contoso also invited someone else at the domain, still pending: its partner is the domain's owner.
    await invite(contoso, `pending@${domain}`, null);
    const verified = (await fabrikam.admin.client.data(VerifyDomainDocument, { name: domain, takeOver: true })).verifyDomain;
    expect(verified).toEqual({ name: domain, state: 'Verified', isDefault: false, verificationRecord: null });
    expect(await t.gateway.services.tenants.domainOwner(domain)).toBe(fabrikam.tenant.id);
    const moved = await t.gateway.db.manager.findOneByOrFail(User, { id: home.id });
    expect(moved).toMatchObject({
      tenantId: fabrikam.tenant.id,
      userType: 'Member',
      mail: email,
      userPrincipalName: email,
      passwordHash: home.passwordHash,
    });
    expect(await t.gateway.db.manager.findOneByOrFail(User, { id: guest.id })).toMatchObject({
      homeUserId: home.id,
      altSecId: guest.altSecId,
      accountEnabled: true,
    });
    // Contoso's partner rows follow both: Alice (her home moved) and the pending guest (its domain moved) now come from Fabrikam.
    const partners = (await contoso.admin.client.data(PartnersDocument, { first: 50 })).partners.nodes;
    const shape = (p: { id: string; kind: string; guestCount: number }) => ({ id: p.id, kind: p.kind, guestCount: p.guestCount });
    expect(partners.map(shape)).toEqual((await derivePartners(t.gateway.db, contoso.tenant.id, new Date())).map(shape));
    expect(partners.find((p) => p.id === fabrikam.tenant.id)).toMatchObject({ kind: 'GatewayTenant', guestCount: 2 });
    expect(partners.some((p) => p.id === selfService.id)).toBe(false);
    expect(await t.gateway.db.manager.countBy(OidcPayload, { id: 'takeover-ss-session' })).toBe(0);
    expect(await t.gateway.db.manager.countBy(OidcPayload, { id: 'takeover-unrelated' })).toBe(1);

    // A new browser, the same password: signed in to Contoso's app as the same guest, Fabrikam now its home.
    const after = await login(new WebClient(), app, { credentials: { email, password } });
    expect(after.tokens!.claims()).toMatchObject({
      tid: contoso.tenant.id,
      oid: guest.id,
      idp: issuer(fabrikam.tenant.id),
      altsecid: guest.altSecId,
      email,
      acct: 1,
    });
    // The browser signed in before keeps its gateway session and gets the new home too.
    expect((await login(web, app)).tokens!.claims()).toMatchObject({ oid: guest.id, idp: issuer(fabrikam.tenant.id) });
    // Addresses at the domain now belong to Fabrikam: no more self-service sign-ups there.
    expect((await t.gateway.services.accounts.discover(`someone.new@${domain}`)).kind).toBe('managedWithoutAccount');
    expect((await t.gateway.services.accounts.discover(email)).kind).toBe('account');

    expect(await events(fabrikam.tenant.id)).toEqual(
      expect.arrayContaining(['Add unverified domain', 'Take over domain', 'Move user to another tenant', 'Verify domain']),
    );
    expect(await events(selfService.id)).toEqual(expect.arrayContaining(['Domain taken over', 'Move user to another tenant']));
    const inSelfService = await t.gateway.db.manager.findOneByOrFail(AuditEvent, { tenantId: selfService.id, action: 'Domain taken over' });
    expect(inSelfService).toMatchObject({
      actorId: fabrikam.admin.app.id,
      details: { domain, toTenantId: fabrikam.tenant.id, userIds: [home.id] },
    });
    // A managed tenant's domain is never taken over, nor added by another tenant.
    expect(await bystander.admin.client.errorCode(VerifyDomainDocument, { name: domain, takeOver: true })).toBe('CONFLICT');
    expect(await bystander.admin.client.errorCode(AddDomainDocument, { name: domain })).toBe('CONFLICT');
    expect(await t.gateway.services.tenants.domainOwner(domain)).toBe(fabrikam.tenant.id);
  });

  it("refuses a takeover that would clash with the managed tenant's own users, writing nothing; it succeeds once they are gone", async () => {
    const domain = 'northwind-people.example';
    const northwind = await createTenant(t, 'http', { name: 'Northwind', domains: ['northwind.example'] });
    // Northwind invited Carol before it owned her domain: its guest is bound to her self-service account.
    const carol = await selfServiceGuest(northwind, `carol@${domain}`);
    // And an operator created a member for Dave, who meanwhile signed up for Contoso's invitation.
    const daveMember = await t.gateway.services.users.createMember(northwind.tenant.id, { displayName: 'Dave', mail: `dave@${domain}` });
    const dave = await selfServiceGuest(contoso, `dave@${domain}`);
    const selfServiceId = carol.home.tenantId;
    expect(dave.home.tenantId).toBe(selfServiceId);
    await claim(northwind, domain);
    const before = (await events(northwind.tenant.id)).length;
    const beforeSelfService = (await events(selfServiceId)).length;

    const clash = async () => {
      expect(await northwind.admin.client.errorCode(VerifyDomainDocument, { name: domain, takeOver: true })).toBe('CONFLICT');
      expect(await t.gateway.db.manager.findOneByOrFail(TenantDomain, { domain })).toMatchObject({ tenantId: selfServiceId });
      expect(await t.gateway.db.manager.countBy(User, { tenantId: selfServiceId })).toBe(2);
      expect(await t.gateway.db.manager.countBy(PendingDomain, { tenantId: northwind.tenant.id, domain })).toBe(1);
      expect((await events(selfServiceId)).length).toBe(beforeSelfService);
    };
    await clash();
    expect((await events(northwind.tenant.id)).length).toBe(before);
    await northwind.admin.client.data(RemoveUserDocument, { id: daveMember.id });
    await clash();
    await northwind.admin.client.data(RemoveUserDocument, { id: carol.guest.id });
    // A guest still pending for one of their addresses clashes too.
    const pendingDave = await invite(northwind, `dave@${domain}`, null);
    await clash();
    await northwind.admin.client.data(RemoveUserDocument, { id: pendingDave.invitedUser!.id });

    expect((await northwind.admin.client.data(VerifyDomainDocument, { name: domain, takeOver: true })).verifyDomain.state).toBe('Verified');
    expect(await t.gateway.db.manager.countBy(User, { tenantId: selfServiceId })).toBe(0);
    expect(
      (await t.gateway.db.manager.findBy(User, { tenantId: northwind.tenant.id, userType: 'Member' as never })).map((u) => u.mail).sort(),
    ).toEqual([`carol@${domain}`, `dave@${domain}`]);
    // Dave's guest in Contoso keeps working, with Northwind as its home.
    const { tokens } = await login(new WebClient(), app, { credentials: { email: `dave@${domain}`, password } });
    expect(tokens!.claims()).toMatchObject({ oid: dave.guest.id, tid: contoso.tenant.id, idp: issuer(northwind.tenant.id) });
  });
});
