import { type EntityManager, In } from 'typeorm';
import type { Database } from '../db/database.js';
import type { Actor } from '../directory/actor.js';
import { TenantDomain } from '../directory/tenant-domain.entity.js';
import { Tenant, TenantKind } from '../directory/tenant.entity.js';
import type { UserService } from '../directory/user.service.js';
import { User, UserType } from '../directory/user.entity.js';
import { IdentityProvider } from '../federation/identity-provider.entity.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { decodeCursor, type Page, type PageArgs, paginate, pageSize } from '../shared/pagination.js';
import { authorize, Permission } from '../directory/permissions.js';
import { PartnerGuest, PartnerRow } from './partner.entity.js';
import type { PartnerRows } from './partner.rows.js';
import { type PartnerKey, partnersToSweep, pendingAt } from './partner-pending.js';

export { domainPartnerId } from '../shared/partner-key.js';

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
  /** The tenant whose partner this is (the caller's). */
  tenantId: string;
  name: string;
  kind: PartnerKind;
  domains: string[];
  guestCount: number;
  lastSignInAt: Date | null;
}

export enum RemovePartnerMode {
  Disable = 'Disable',
  Remove = 'Remove',
}

export interface PartnerFilter {
  /** Part of the partner's name or of one of its domains, any case. */
  search?: string | null;
}

const MAX_SEARCH = 253;
const SWEEP_BATCH = 500;

/**
 * The partner organizations a tenant's guests come from: a redeemed guest belongs to its home
 * account's tenant; a pending one to the tenant that owns its domain, or to the bare domain until
 * someone from it signs up (the rule: src/shared/partner-key.ts). Read from the rows kept on write
 * (partner.rows.ts), so a page costs the same at 100 guests and at 100k.
 */
export class PartnerService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly users: UserService,
    private readonly rows: PartnerRows,
  ) {}

  /** @throws BAD_USER_INPUT (a search longer than a domain name) */
  async list(actor: Actor, filter: PartnerFilter, page: PageArgs): Promise<Page<Partner>> {
    authorize(actor, Permission.ReadDirectory);
    const size = pageSize(page.first);
    const query = this.db.manager.createQueryBuilder(PartnerRow, 'p').where('p.tenantId = :tenantId', { tenantId: actor.tenantId });
    const search = filter.search?.trim().toLowerCase();
    if (search) {
      if (search.length > MAX_SEARCH)
        throw new DomainError(ErrorCode.BAD_USER_INPUT, `search is at most ${MAX_SEARCH} characters`, { argument: 'search' });
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query
        .leftJoin(Tenant, 't', 't.id = p.partnerTenantId')
        .andWhere(
          `(LOWER(p.domain) LIKE :like ESCAPE '\\' OR LOWER(t.name) LIKE :like ESCAPE '\\' OR EXISTS (` +
            `SELECT 1 FROM "tenant_domain" "d" WHERE "d"."tenantId" = "p"."partnerTenantId" AND "d"."domain" LIKE :like ESCAPE '\\'))`,
          { like },
        );
    }
    const counter = query.clone();
    if (page.after) query.andWhere('p.id > :afterId', { afterId: decodeCursor(page.after) });
    const rows = await query
      .orderBy('p.id', 'ASC')
      .limit(size + 1)
      .getMany();
    return {
      nodes: await this.hydrate(this.db.manager, rows.slice(0, size)),
      hasNextPage: rows.length > size,
      totalCount: async () => Number((await counter.select('COUNT(*)', 'n').getRawOne<{ n: string | number }>())?.n ?? 0),
    };
  }

  /** @throws NOT_FOUND */
  async get(actor: Actor, id: string): Promise<Partner> {
    authorize(actor, Permission.ReadDirectory);
    const row = await this.db.manager.findOneBy(PartnerRow, { tenantId: actor.tenantId, id });
    if (!row) throw notFound('Partner', id);
    return (await this.hydrate(this.db.manager, [row]))[0]!;
  }

  /**
   * Disables (default) or removes every guest from a partner; each guest's sessions, grants and tokens
   * end at once, with an audit event per guest. Returns the guests' ids.
   * @throws NOT_FOUND, FORBIDDEN
   */
  async remove(actor: Actor, id: string, mode: RemovePartnerMode): Promise<string[]> {
    authorize(actor, Permission.ManagePartners);
    const partner = await this.get(actor, id);
    const members = await this.db.manager.find(PartnerGuest, {
      select: { userId: true },
      where: { tenantId: actor.tenantId, partnerId: partner.id },
      order: { userId: 'ASC' },
    });
    const guestIds = members.map((m) => m.userId);
    for (const guestId of guestIds) {
      if (mode === RemovePartnerMode.Remove) await this.users.remove(actor, guestId);
      else await this.users.setEnabled(actor, guestId, false);
    }
    return guestIds;
  }

  /**
   * The partner organization a guest of the caller's tenant comes from; null for a member. Pass a
   * batch (the request's loader) so that a page of users reads their partners together.
   */
  async homeOf(actor: Actor, user: User, batch?: { load(user: User): Promise<Partner | null> }): Promise<Partner | null> {
    authorize(actor, Permission.ReadDirectory);
    if (user.userType !== UserType.Guest || user.tenantId !== actor.tenantId) return null;
    return batch ? batch.load(user) : ((await this.homesOf([user])).get(user) ?? null);
  }

  /** The partners of these guests (no authorization: `homeOf` is the entry point). */
  async homesOf(guests: readonly User[]): Promise<Map<User, Partner>> {
    const em = this.db.manager;
    const members = guests.length ? await em.find(PartnerGuest, { where: { userId: In(guests.map((g) => g.id)) } }) : [];
    const result = new Map<User, Partner>();
    if (members.length === 0) return result;
    const rows = await em
      .createQueryBuilder(PartnerRow, 'p')
      .where('p.tenantId = :tenantId AND p.id IN (:...ids)', {
        tenantId: members[0]!.tenantId,
        ids: [...new Set(members.map((m) => m.partnerId))],
      })
      .getMany();
    const partners = new Map((await this.hydrate(em, rows)).map((p) => [p.id, p]));
    const partnerOf = new Map(members.map((m) => [m.userId, partners.get(m.partnerId)]));
    for (const guest of guests) {
      const partner = partnerOf.get(guest.id);
      if (partner && guest.tenantId === partner.tenantId) result.set(guest, partner);
    }
    return result;
  }

  async guests(actor: Actor, partner: Partner, page: PageArgs): Promise<Page<User>> {
    authorize(actor, Permission.ReadDirectory);
    const query = this.db.manager
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(PartnerGuest, 'g', 'g.userId = u.id')
      .where('g.tenantId = :tenantId AND g.partnerId = :partnerId', { tenantId: actor.tenantId, partnerId: partner.id });
    return paginate(query, page);
  }

  /**
   * Pending, unexpired invitations of each partner's guests (partners of one tenant), by partner id:
   * each partner's kept count less the invitations that expired since its last sweep (partner-pending.ts).
   */
  async pendingInvitations(partners: readonly Partner[]): Promise<Map<string, number>> {
    if (partners.length === 0) return new Map();
    const ids = partners.map((p) => p.id);
    return pendingAt(this.db.manager, partners[0]!.tenantId, ids, this.clock.now());
  }

  /**
   * Takes the invitations that expired since the last sweep off the partners' pending counts, so that
   * reading a count stays a short index range (run each minute with the expired-guest sweep, in every
   * process: each partner in its own transaction, one process at a time). Returns the partners swept.
   */
  async sweepPending(): Promise<number> {
    const until = this.clock.now();
    let swept = 0;
    let after: PartnerKey | null = null;
    for (;;) {
      const keys = await partnersToSweep(this.db.manager, until, after, SWEEP_BATCH);
      for (const key of keys) if (await this.db.transaction((em) => this.rows.sweepPending(em, key, until))) swept++;
      if (keys.length < SWEEP_BATCH) return swept;
      after = keys.at(-1)!;
    }
  }

  /**
   * Every guest of the tenant joins its partner again from scratch: for rows written straight to the
   * tables (seeding, benchmarks), never needed after a write through the services.
   */
  rebuild(tenantId: string): Promise<void> {
    return this.db.transaction((em) => this.rows.rebuild(em, tenantId));
  }

  /** Names, kinds and domains of a page of partners: three reads, whatever the page size. */
  private async hydrate(em: EntityManager, rows: readonly PartnerRow[]): Promise<Partner[]> {
    const tenantIds = [...new Set(rows.flatMap((r) => (r.partnerTenantId ? [r.partnerTenantId] : [])))];
    const tenants = new Map((tenantIds.length ? await em.findBy(Tenant, { id: In(tenantIds) }) : []).map((t) => [t.id, t]));
    const domains = tenantIds.length ? await em.find(TenantDomain, { where: { tenantId: In(tenantIds) }, order: { domain: 'ASC' } }) : [];
    const federated = new Set(
      (tenantIds.length
        ? await em.find(IdentityProvider, { select: { id: true, tenantId: true }, where: { tenantId: In(tenantIds) } })
        : []
      ).map((p) => p.tenantId),
    );
    return rows.map((row) => {
      const tenant = row.partnerTenantId ? tenants.get(row.partnerTenantId) : undefined;
      const kind = !tenant
        ? PartnerKind.Domain
        : federated.has(tenant.id)
          ? PartnerKind.ExternalIdentityProvider
          : tenant.kind === TenantKind.SelfService
            ? PartnerKind.SelfServiceTenant
            : PartnerKind.GatewayTenant;
      return {
        id: row.id,
        tenantId: row.tenantId,
        name: tenant?.name ?? row.domain ?? row.id,
        kind,
        domains: tenant ? domains.filter((d) => d.tenantId === tenant.id).map((d) => d.domain) : row.domain ? [row.domain] : [],
        guestCount: row.guestCount,
        lastSignInAt: row.lastSignInAt,
      };
    });
  }
}
