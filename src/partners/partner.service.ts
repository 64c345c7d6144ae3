import { In } from 'typeorm';
import type { Database } from '../db/database.js';
import type { Actor } from '../directory/actor.js';
import { TenantDomain } from '../directory/tenant-domain.entity.js';
import { Tenant, TenantKind } from '../directory/tenant.entity.js';
import type { UserService } from '../directory/user.service.js';
import { User, UserType } from '../directory/user.entity.js';
import { IdentityProvider } from '../federation/identity-provider.entity.js';
import { Invitation, InvitationStatus } from '../invitations/invitation.entity.js';
import { pendingButExpired } from '../invitations/invitation-state.js';
import { emailDomain } from '../shared/email.js';
import type { Clock } from '../shared/clock.js';
import type { RequestMemo } from '../shared/request-memo.js';
import { notFound } from '../shared/errors.js';
import { type Page, type PageArgs, paginateArray } from '../shared/pagination.js';
import { sha256Hex } from '../shared/secrets.js';
import { authorize, Permission } from '../directory/permissions.js';

export enum PartnerKind {
  /** A managed gateway tenant (a company with admins). */
  GatewayTenant = 'GatewayTenant',
  /** A self-service tenant created by email-verified sign-ups for a domain nobody manages. */
  SelfServiceTenant = 'SelfServiceTenant',
  /** A company that federated its own identity provider. */
  ExternalIdentityProvider = 'ExternalIdentityProvider',
  /** Invited addresses of a domain no tenant knows yet (nobody has redeemed). */
  Domain = 'Domain',
}

export interface Partner {
  id: string;
  name: string;
  kind: PartnerKind;
  domains: string[];
  guestIds: string[];
  /** The guests themselves (ordered by id), read with the partner: listing them costs no query. */
  guests: User[];
  guestCount: number;
  pendingInvitations: number;
  lastSignInAt: Date | null;
}

export enum RemovePartnerMode {
  Disable = 'Disable',
  Remove = 'Remove',
}

/**
 * The partner organizations a tenant's guests come from, derived from the directory: a redeemed
 * guest belongs to its home account's tenant; a pending one to the tenant that owns its domain, or
 * to the bare domain until someone from it signs up.
 */
export class PartnerService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly users: UserService,
  ) {}

  /**
   * Partners are derived from every guest of the tenant: pass the request's memo so that a request
   * asking for them many times (aliases) derives them once.
   */
  async list(actor: Actor, page: PageArgs, memo?: RequestMemo): Promise<Page<Partner>> {
    authorize(actor, Permission.ReadDirectory);
    return paginateArray(await this.all(actor.tenantId, memo), page);
  }

  /** @throws NOT_FOUND */
  async get(actor: Actor, id: string, memo?: RequestMemo): Promise<Partner> {
    authorize(actor, Permission.ReadDirectory);
    const partner = (await this.all(actor.tenantId, memo)).find((p) => p.id === id);
    if (!partner) throw notFound('Partner', id);
    return partner;
  }

  /**
   * Disables (default) or removes every guest from a partner; each guest's sessions, grants and tokens
   * end at once, with an audit event per guest. Returns the guests' ids.
   * @throws NOT_FOUND, FORBIDDEN
   */
  async remove(actor: Actor, id: string, mode: RemovePartnerMode): Promise<string[]> {
    authorize(actor, Permission.ManagePartners);
    const partner = await this.get(actor, id);
    for (const guestId of partner.guestIds) {
      if (mode === RemovePartnerMode.Remove) await this.users.remove(actor, guestId);
      else await this.users.setEnabled(actor, guestId, false);
    }
    return partner.guestIds;
  }

  /** The partner organization a guest of the caller's tenant comes from; null for a member. */
  async homeOf(actor: Actor, user: User, memo?: RequestMemo): Promise<Partner | null> {
    authorize(actor, Permission.ReadDirectory);
    if (user.userType !== UserType.Guest || user.tenantId !== actor.tenantId) return null;
    return (await this.all(actor.tenantId, memo)).find((p) => p.guestIds.includes(user.id)) ?? null;
  }

  guests(actor: Actor, partner: Partner, page: PageArgs): Page<User> {
    authorize(actor, Permission.ReadDirectory);
    return paginateArray(partner.guests, page);
  }

  private all(tenantId: string, memo?: RequestMemo): Promise<Partner[]> {
    return memo ? memo.get(`partners:${tenantId}`, () => this.derive(tenantId)) : this.derive(tenantId);
  }

  private async derive(tenantId: string): Promise<Partner[]> {
    const em = this.db.manager;
    const guests = await em.find(User, { where: { tenantId, userType: UserType.Guest }, order: { id: 'ASC' } });
    if (guests.length === 0) return [];
    const homeIds = guests.flatMap((g) => (g.homeUserId ? [g.homeUserId] : []));
    const homes = new Map((homeIds.length ? await em.findBy(User, { id: In(homeIds) }) : []).map((h) => [h.id, h]));
    const domains = [...new Set(guests.map((g) => emailDomain(g.mail)))];
    const owners = new Map((await em.findBy(TenantDomain, { domain: In(domains) })).map((d) => [d.domain, d.tenantId]));
    const pending = await em.find(Invitation, {
      where: { tenantId, status: InvitationStatus.PendingAcceptance },
      select: { invitedUserId: true, status: true, expiresAt: true },
    });
    const now = this.clock.now();
    const pendingByGuest = new Map<string, number>();
    for (const p of pending) {
      if (p.invitedUserId && !pendingButExpired(p, now))
        pendingByGuest.set(p.invitedUserId, (pendingByGuest.get(p.invitedUserId) ?? 0) + 1);
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
        // A loop, not Math.max(...): spreading a partner's 100k+ guests would overflow the call stack.
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
          guestIds: members.map((m) => m.id),
          guests: members,
          guestCount: members.length,
          pendingInvitations: members.reduce((n, m) => n + (pendingByGuest.get(m.id) ?? 0), 0),
          lastSignInAt: lastSignIn > 0 ? new Date(lastSignIn) : null,
        };
      })
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}

/** A stable, UUID-shaped id for a partner known only by its domain. */
export function domainPartnerId(domain: string): string {
  const h = sha256Hex(`partner-domain:${domain}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
