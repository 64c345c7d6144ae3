import type { EntityManager } from 'typeorm';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RateLimits } from '../accounts/rate-limits.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { type Actor, operatorActor } from '../directory/actor.js';
import { normalizeDomain } from '../directory/domains.js';
import { authorize, Permission } from '../directory/permissions.js';
import type { AccessEnds, PartnerRowsPort } from '../directory/ports.js';
import { TenantDomain } from '../directory/tenant-domain.entity.js';
import { Tenant, TenantKind } from '../directory/tenant.entity.js';
import { deleteVerifiedDomain, insertVerifiedDomain } from '../directory/tenant.rows.js';
import { User, UserType } from '../directory/user.entity.js';
import { IdentityProvider } from '../federation/identity-provider.entity.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { randomToken } from '../shared/secrets.js';
import { DomainState, type DomainView, pendingView, TXT_PREFIX, verifiedView } from './domain-view.js';
import { PendingDomain } from './pending-domain.entity.js';
import { takeOverDomain } from './takeover.js';
import type { TxtLookup } from './txt-lookup.js';

// What the service answers (domain-view.ts); the GraphQL Domain type imports DomainState from here.
export { DomainState, type DomainView };

/** Unverified domains one tenant may hold at a time. */
export const MAX_PENDING_DOMAINS = 20;

/**
 * Custom domains proven by DNS: a GlobalAdministrator adds a domain, publishes the TXT record, and
 * verifies it; the gateway looks the record up itself. A domain verified by a self-service tenant
 * (created at sign-up) can be taken over by proving it with `takeOver` (see takeover.ts). Operators
 * still create tenants with verified domains directly (TenantService.create, `npm run tenant:create`).
 */
export class DomainService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly limits: RateLimits,
    private readonly accessEnds: AccessEnds,
    private readonly dns: TxtLookup,
    private readonly partners: PartnerRowsPort,
  ) {}

  /** Verified domains first (the default one leading), then the unverified ones. */
  async list(actor: Actor): Promise<DomainView[]> {
    authorize(actor, Permission.ReadTenantConfiguration);
    const tenant = await this.db.manager.findOneByOrFail(Tenant, { id: actor.tenantId });
    const verified = await this.db.manager.find(TenantDomain, { where: { tenantId: tenant.id }, order: { domain: 'ASC' } });
    const pending = await this.db.manager.find(PendingDomain, { where: { tenantId: tenant.id }, order: { domain: 'ASC' } });
    return [
      ...verified.map((d) => verifiedView(tenant, d)).sort((x, y) => Number(y.isDefault) - Number(x.isDefault)),
      ...pending.map(pendingView),
    ];
  }

  /**
   * Adds an unverified domain and returns the TXT record to publish. Adding it again returns the same
   * record. A domain another managed tenant verified is refused; one a self-service tenant holds may
   * be added (verifying it then offers the takeover).
   * @throws FORBIDDEN, BAD_USER_INPUT (invalid name, too many unverified domains), CONFLICT
   */
  async add(actor: Actor, rawName: string): Promise<DomainView> {
    authorize(actor, Permission.ManageTenant);
    const domain = normalizeDomain(rawName, 'name');
    const tenant = await this.managedTenant(actor);
    return this.db.transaction(async (em) => {
      const owner = await em.findOneBy(TenantDomain, { domain });
      if (owner?.tenantId === tenant.id) return verifiedView(tenant, owner);
      if (owner && (await em.findOneByOrFail(Tenant, { id: owner.tenantId })).kind !== TenantKind.SelfService) {
        throw new DomainError(ErrorCode.CONFLICT, `Domain ${domain} is already verified by another tenant`);
      }
      const existing = await em.findOneBy(PendingDomain, { tenantId: tenant.id, domain });
      if (existing) return pendingView(existing);
      if ((await em.countBy(PendingDomain, { tenantId: tenant.id })) >= MAX_PENDING_DOMAINS) {
        throw new DomainError(
          ErrorCode.BAD_USER_INPUT,
          `A tenant may have at most ${MAX_PENDING_DOMAINS} unverified domains; remove some first`,
          { field: 'name' },
        );
      }
      const row: PendingDomain = { tenantId: tenant.id, domain, verificationToken: randomToken(18), createdAt: this.clock.now() };
      await em.insert(PendingDomain, row);
      await this.audit.record(em, actor, AuditAction.AddUnverifiedDomain, { type: 'Domain', id: domain }, { domain });
      return pendingView(row);
    });
  }

  /**
   * Looks the TXT record up and, when it is there, makes the domain the tenant's. Verifying a verified
   * domain of the tenant again returns it. A domain a self-service tenant holds needs `takeOver`.
   * @throws FORBIDDEN, BAD_USER_INPUT, NOT_FOUND (not added), TOO_MANY_ATTEMPTS, DOMAIN_NOT_VERIFIED,
   * DOMAIN_HELD_BY_SELF_SERVICE_TENANT, CONFLICT (another managed tenant verified it, or a takeover conflict)
   */
  async verify(actor: Actor, rawName: string, takeOver = false): Promise<DomainView> {
    authorize(actor, Permission.ManageTenant);
    const domain = normalizeDomain(rawName, 'name');
    const tenant = await this.managedTenant(actor);
    const owned = await this.db.manager.findOneBy(TenantDomain, { domain, tenantId: tenant.id });
    if (owned) return verifiedView(tenant, owned);
    const pending = await this.db.manager.findOneBy(PendingDomain, { tenantId: tenant.id, domain });
    if (!pending) throw notFound('Domain', domain);
    await this.limits.consume('domainVerificationPerTenant', tenant.id);
    await this.requireRecord(pending);
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const owner = await em.findOneBy(TenantDomain, { domain });
      if (owner) {
        const holder = await em.findOneByOrFail(Tenant, { id: owner.tenantId });
        if (holder.kind !== TenantKind.SelfService)
          throw new DomainError(ErrorCode.CONFLICT, `Domain ${domain} is already verified by another tenant`);
        if (!takeOver) {
          const members = await em.countBy(User, { tenantId: holder.id, userType: UserType.Member });
          throw new DomainError(
            ErrorCode.DOMAIN_HELD_BY_SELF_SERVICE_TENANT,
            `${members} people signed up with addresses at ${domain}. Verify with takeOver to make them members of this tenant.`,
            { members },
          );
        }
        await takeOverDomain(
          em,
          { audit: this.audit, accessEnds: this.accessEnds, partners: this.partners, now },
          actor,
          domain,
          holder.id,
        );
      } else {
        await this.addVerified(em, tenant.id, domain, now);
      }
      await em.delete(PendingDomain, { tenantId: tenant.id, domain });
      await this.audit.record(em, actor, AuditAction.VerifyDomain, { type: 'Domain', id: domain }, { domain, takeOver: owner !== null });
      return verifiedView(tenant, { domain, tenantId: tenant.id, createdAt: now });
    });
  }

  /**
   * Adds a domain no tenant held when checked to `tenantId`'s verified domains; one that another
   * tenant verified meanwhile (the unique key) is CONFLICT. Its partner rows follow.
   */
  private async addVerified(em: EntityManager, tenantId: string, domain: string, now: Date): Promise<void> {
    try {
      await insertVerifiedDomain(em, tenantId, domain, now);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(ErrorCode.CONFLICT, `Domain ${domain} was verified by another tenant meanwhile`);
      throw error;
    }
    await this.partners.domainsChanged(em, [domain]);
  }

  /**
   * An operator vouches for domains of an existing tenant (`add-domain` CLI): verified without DNS, all
   * or none. Never a takeover: a domain another tenant holds is CONFLICT (its admins verify with takeOver).
   * @throws NOT_FOUND (tenant), BAD_USER_INPUT, CONFLICT
   */
  async addVerifiedAsOperator(tenantId: string, rawNames: string[]): Promise<DomainView[]> {
    const domains = [...new Set(rawNames.map((d) => normalizeDomain(d, 'domains')))];
    return this.db.transaction(async (em) => {
      const tenant = await em.findOneBy(Tenant, { id: tenantId });
      if (!tenant) throw notFound('Tenant', tenantId);
      const now = this.clock.now();
      const views: DomainView[] = [];
      for (const domain of domains) {
        const owner = await em.findOneBy(TenantDomain, { domain });
        if (owner?.tenantId === tenant.id) {
          views.push(verifiedView(tenant, owner));
          continue;
        }
        if (owner) throw new DomainError(ErrorCode.CONFLICT, `Domain ${domain} is already verified by another tenant`);
        await this.addVerified(em, tenant.id, domain, now);
        await em.delete(PendingDomain, { tenantId: tenant.id, domain });
        await this.audit.record(
          em,
          operatorActor(tenant.id),
          AuditAction.VerifyDomain,
          { type: 'Domain', id: domain },
          { domain, byOperator: true },
        );
        views.push(verifiedView(tenant, { domain, tenantId: tenant.id, createdAt: now }));
      }
      return views;
    });
  }

  /**
   * Removes an unverified domain, or a verified one that nothing uses: not the default domain (guest
   * UPNs are built on it), not while members have addresses on it, not while an identity provider
   * answers for it.
   * @throws FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, CONFLICT
   */
  async remove(actor: Actor, rawName: string): Promise<string> {
    authorize(actor, Permission.ManageTenant);
    const domain = normalizeDomain(rawName, 'name');
    return this.db.transaction(async (em) => {
      const tenant = await em.findOneByOrFail(Tenant, { id: actor.tenantId });
      if ((await em.delete(PendingDomain, { tenantId: tenant.id, domain })).affected) {
        await this.audit.record(em, actor, AuditAction.RemoveUnverifiedDomain, { type: 'Domain', id: domain }, { domain });
        return domain;
      }
      if (!(await em.findOneBy(TenantDomain, { domain, tenantId: tenant.id }))) throw notFound('Domain', domain);
      if (tenant.defaultDomain === domain)
        throw new DomainError(ErrorCode.CONFLICT, `${domain} is the default domain: guest user principal names are built on it`);
      const members = await em
        .createQueryBuilder(User, 'u')
        .where('u.tenantId = :tenantId AND u.userType = :member AND u.mail LIKE :suffix', {
          tenantId: tenant.id,
          member: UserType.Member,
          suffix: `%@${domain}`,
        })
        .getCount();
      if (members > 0) throw new DomainError(ErrorCode.CONFLICT, `${members} members have addresses at ${domain}`, { members });
      const providers = await em.findBy(IdentityProvider, { tenantId: tenant.id });
      if (providers.some((p) => p.domains.includes(domain)))
        throw new DomainError(ErrorCode.CONFLICT, `An identity provider of this tenant answers for ${domain}`);
      await deleteVerifiedDomain(em, tenant.id, domain);
      await this.partners.domainsChanged(em, [domain]);
      await this.audit.record(em, actor, AuditAction.RemoveVerifiedDomain, { type: 'Domain', id: domain }, { domain });
      return domain;
    });
  }

  /** Only managed tenants add domains (a self-service tenant has no administrators anyway). */
  private async managedTenant(actor: Actor): Promise<Tenant> {
    const tenant = await this.db.manager.findOneByOrFail(Tenant, { id: actor.tenantId });
    if (tenant.kind !== TenantKind.Managed) throw new DomainError(ErrorCode.FORBIDDEN, 'Only managed tenants add and verify domains');
    return tenant;
  }

  /** @throws DOMAIN_NOT_VERIFIED when the record is missing or DNS did not answer */
  private async requireRecord(pending: PendingDomain): Promise<void> {
    const expected = `${TXT_PREFIX}${pending.verificationToken}`;
    const details = { recordType: 'TXT', recordName: pending.domain, recordValue: expected };
    let records: string[];
    try {
      records = await this.dns.txt(pending.domain);
    } catch {
      throw new DomainError(ErrorCode.DOMAIN_NOT_VERIFIED, `DNS did not answer for ${pending.domain}; try again later`, details);
    }
    if (!records.some((r) => r.trim() === expected)) {
      throw new DomainError(
        ErrorCode.DOMAIN_NOT_VERIFIED,
        `No TXT record "${expected}" found on ${pending.domain} (DNS changes can take a while to appear)`,
        details,
      );
    }
  }
}
