// Partners derived from scratch from every guest of a tenant, as the gateway did before partners
// became rows kept on write (src/partners/partner.rows.ts): the oracle the rows are checked against.
import { In } from 'typeorm';
import type { Database } from '../../src/db/database.js';
import { TenantDomain } from '../../src/directory/tenant-domain.entity.js';
import { Tenant, TenantKind } from '../../src/directory/tenant.entity.js';
import { User, UserType } from '../../src/directory/user.entity.js';
import { IdentityProvider } from '../../src/federation/identity-provider.entity.js';
import { Invitation, InvitationStatus } from '../../src/invitations/invitation.entity.js';
import { pendingButExpired } from '../../src/invitations/invitation-state.js';
import { PartnerKind } from '../../src/partners/partner.service.js';
import { emailDomain } from '../../src/shared/email.js';
import { domainPartnerId } from '../../src/shared/partner-key.js';

export interface DerivedPartner {
  id: string;
  name: string;
  kind: PartnerKind;
  domains: string[];
  guestCount: number;
  pendingInvitations: number;
  lastSignInAt: string | null;
}

export async function derivePartners(db: Database, tenantId: string, now: Date): Promise<DerivedPartner[]> {
  const em = db.manager;
  const guests = await em.find(User, { where: { tenantId, userType: UserType.Guest }, order: { id: 'ASC' } });
  if (guests.length === 0) return [];
  const homeIds = guests.flatMap((g) => (g.homeUserId ? [g.homeUserId] : []));
  const homes = new Map((homeIds.length ? await em.findBy(User, { id: In(homeIds) }) : []).map((h) => [h.id, h]));
  const domains = [...new Set(guests.map((g) => emailDomain(g.mail)))];
  const owners = new Map((await em.findBy(TenantDomain, { domain: In(domains) })).map((d) => [d.domain, d.tenantId]));
  const pending = await em.find(Invitation, { where: { tenantId, status: InvitationStatus.PendingAcceptance } });
  const pendingByGuest = new Map<string, number>();
  for (const p of pending) {
    if (p.invitedUserId && !pendingButExpired(p, now)) pendingByGuest.set(p.invitedUserId, (pendingByGuest.get(p.invitedUserId) ?? 0) + 1);
  }
  const groups = new Map<string, { tenantId: string | null; domain: string; guests: User[] }>();
  for (const guest of guests) {
    const domain = emailDomain(guest.mail);
    const home = guest.homeUserId ? homes.get(guest.homeUserId) : undefined;
    const partnerTenant = home?.tenantId ?? owners.get(domain) ?? null;
    const key = partnerTenant ?? `domain:${domain}`;
    const group = groups.get(key) ?? { tenantId: partnerTenant, domain, guests: [] };
    group.guests.push(guest);
    groups.set(key, group);
  }
  const tenantIds = [...groups.values()].flatMap((g) => (g.tenantId ? [g.tenantId] : []));
  const tenants = new Map((tenantIds.length ? await em.findBy(Tenant, { id: In(tenantIds) }) : []).map((t) => [t.id, t]));
  const tenantDomains = tenantIds.length ? await em.findBy(TenantDomain, { tenantId: In(tenantIds) }) : [];
  const federated = new Set(
    (tenantIds.length ? await em.findBy(IdentityProvider, { tenantId: In(tenantIds) }) : []).map((p) => p.tenantId),
  );
  return [...groups.values()]
    .map(({ tenantId: id, domain, guests: members }) => {
      const tenant = id ? tenants.get(id) : undefined;
      const kind = !tenant
        ? PartnerKind.Domain
        : federated.has(tenant.id)
          ? PartnerKind.ExternalIdentityProvider
          : tenant.kind === TenantKind.SelfService
            ? PartnerKind.SelfServiceTenant
            : PartnerKind.GatewayTenant;
      const lastSignIn = members.reduce((latest, m) => Math.max(latest, m.lastSignInAt?.getTime() ?? 0), 0);
      return {
        id: tenant?.id ?? domainPartnerId(domain),
        name: tenant?.name ?? domain,
        kind,
        domains: tenant
          ? tenantDomains
              .filter((d) => d.tenantId === tenant.id)
              .map((d) => d.domain)
              .sort()
          : [domain],
        guestCount: members.length,
        pendingInvitations: members.reduce((n, m) => n + (pendingByGuest.get(m.id) ?? 0), 0),
        lastSignInAt: lastSignIn > 0 ? new Date(lastSignIn).toISOString() : null,
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
