import type { EntityManager } from 'typeorm';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { optionalColor, optionalHttpUrl } from '../shared/urls.js';
import type { Actor } from './actor.js';
import { canonicalDomain, normalizeDomain } from './domains.js';
import { TenantDomain } from './tenant-domain.entity.js';
import { PartnerDomainPolicy, Tenant, TenantKind } from './tenant.entity.js';
import { insertTenant } from './tenant.rows.js';
import { AuditAction } from '../shared/audit-actions.js';
import { operatorActor } from './actor.js';
import { authorize, Permission } from './permissions.js';
import type { AuditTrail, PartnerRowsPort } from './ports.js';

export interface CreateTenantInput {
  name: string;
  kind?: TenantKind;
  /** Verified domains; the first one becomes the default domain for guest UPNs. */
  domains: string[];
  allowedRedirectHosts?: string[];
  invitationTtlDays?: number | null;
  privacyUrl?: string | null;
  contactUrl?: string | null;
  logoUrl?: string | null;
  brandColor?: string | null;
}

export type TenantSettingsPatch = {
  name?: string | null;
  privacyUrl?: string | null;
  contactUrl?: string | null;
  logoUrl?: string | null;
  brandColor?: string | null;
  allowedRedirectHosts?: string[] | null;
  invitationTtlDays?: number | null;
};

/** `host.example` or `*.example.com`, lower-cased and checked. */
function normalizeHostPattern(raw: string): string {
  const value = raw.trim().toLowerCase();
  const field = 'allowedRedirectHosts';
  return value.startsWith('*.') ? `*.${normalizeDomain(value.slice(2), field)}` : normalizeDomain(value, field);
}

/**
 * The checked, normalised changes of a settings patch: one rule for saving and for previewing.
 * @throws BAD_USER_INPUT naming the field
 */
function settingsChanges(patch: TenantSettingsPatch): Partial<Tenant> {
  const changes: Partial<Tenant> = {};
  if (patch.name != null) {
    const name = patch.name.trim();
    if (!name || name.length > 256) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'name must be 1 to 256 characters', { field: 'name' });
    changes.name = name;
  }
  if (patch.privacyUrl !== undefined) changes.privacyUrl = optionalHttpUrl(patch.privacyUrl, 'privacyUrl');
  if (patch.contactUrl !== undefined) changes.contactUrl = optionalHttpUrl(patch.contactUrl, 'contactUrl');
  if (patch.logoUrl !== undefined) changes.logoUrl = optionalHttpUrl(patch.logoUrl, 'logoUrl');
  if (patch.brandColor !== undefined) changes.brandColor = optionalColor(patch.brandColor, 'brandColor');
  if (patch.allowedRedirectHosts != null) changes.allowedRedirectHosts = [...new Set(patch.allowedRedirectHosts.map(normalizeHostPattern))];
  if (patch.invitationTtlDays !== undefined) {
    const days = patch.invitationTtlDays;
    if (days !== null && (!Number.isInteger(days) || days < 0 || days > 3650)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'invitationTtlDays must be 0 (never) to 3650, or null for the gateway default', {
        field: 'invitationTtlDays',
      });
    }
    changes.invitationTtlDays = days;
  }
  return changes;
}

export class TenantService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly partners: PartnerRowsPort,
  ) {}

  /**
   * Creates a tenant with its verified domains (operators and seeding; not exposed over GraphQL).
   * @throws CONFLICT when a domain is already verified by another tenant.
   */
  async create(input: CreateTenantInput): Promise<Tenant> {
    return this.createWith(input, async (_em, tenant) => tenant);
  }

  /**
   * Creates the tenant and runs `more` (its first app, its first admin…) in the same transaction:
   * when `more` throws, nothing of the tenant stays behind.
   * @throws CONFLICT when a domain is already verified by another tenant; whatever `more` throws
   */
  async createWith<T>(input: CreateTenantInput, more: (em: EntityManager, tenant: Tenant) => Promise<T>): Promise<T> {
    const domains = [...new Set(input.domains.map((d) => normalizeDomain(d, 'domains')))];
    if (domains.length === 0) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A tenant needs at least one domain');
    return this.db.transaction(async (em) => {
      const taken = await em.getRepository(TenantDomain).findBy(domains.map((domain) => ({ domain })));
      if (taken.length > 0) {
        throw new DomainError(ErrorCode.CONFLICT, `Domain ${taken[0]!.domain} is already verified by another tenant`);
      }
      const tenant = await insertTenant(
        em,
        {
          name: input.name,
          kind: input.kind,
          allowedRedirectHosts: (input.allowedRedirectHosts ?? []).map(normalizeHostPattern),
          invitationTtlDays: input.invitationTtlDays,
          privacyUrl: optionalHttpUrl(input.privacyUrl, 'privacyUrl'),
          contactUrl: optionalHttpUrl(input.contactUrl, 'contactUrl'),
          logoUrl: optionalHttpUrl(input.logoUrl, 'logoUrl'),
          brandColor: optionalColor(input.brandColor, 'brandColor'),
        },
        domains,
        this.clock.now(),
      );
      await this.partners.domainsChanged(em, domains);
      await this.audit.record(
        em,
        operatorActor(tenant.id),
        AuditAction.AddTenant,
        { type: 'Tenant', id: tenant.id },
        { name: tenant.name, domains },
      );
      return more(em, tenant);
    });
  }

  async find(id: string): Promise<Tenant | null> {
    return this.db.manager.findOneBy(Tenant, { id });
  }

  /** @throws NOT_FOUND */
  async get(id: string, em: EntityManager = this.db.manager): Promise<Tenant> {
    const tenant = await em.findOneBy(Tenant, { id });
    if (!tenant) throw notFound('Tenant', id);
    return tenant;
  }

  async findByName(name: string): Promise<Tenant | null> {
    return this.db.manager.findOneBy(Tenant, { name });
  }

  /** The caller's own tenant. */
  async forActor(actor: Actor): Promise<Tenant> {
    return this.get(actor.tenantId);
  }

  /**
   * Sets the partner-domain policy and the consumer-domain refusal. GlobalAdministrators only.
   * @throws FORBIDDEN, BAD_USER_INPUT
   */
  async updatePartnerPolicy(
    actor: Actor,
    input: { policy: PartnerDomainPolicy; domains: string[]; refuseConsumerDomains?: boolean | null },
  ): Promise<Tenant> {
    authorize(actor, Permission.ManageTenant);
    const domains = [...new Set(input.domains.map((d) => normalizeDomain(d, 'domains')))];
    if (input.policy !== PartnerDomainPolicy.None && domains.length === 0) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'An allow list or block list needs at least one domain', { field: 'domains' });
    }
    return this.db.transaction(async (em) => {
      const tenant = await this.get(actor.tenantId, em);
      tenant.partnerDomainPolicy = input.policy;
      tenant.partnerDomains = input.policy === PartnerDomainPolicy.None ? [] : domains;
      if (input.refuseConsumerDomains != null) tenant.refuseConsumerDomains = input.refuseConsumerDomains;
      await em.update(
        Tenant,
        { id: tenant.id },
        {
          partnerDomainPolicy: tenant.partnerDomainPolicy,
          partnerDomains: tenant.partnerDomains,
          refuseConsumerDomains: tenant.refuseConsumerDomains,
        },
      );
      await this.audit.record(
        em,
        actor,
        AuditAction.UpdatePartnerPolicy,
        { type: 'Tenant', id: tenant.id },
        {
          policy: tenant.partnerDomainPolicy,
          domains: tenant.partnerDomains,
          refuseConsumerDomains: tenant.refuseConsumerDomains,
        },
      );
      return tenant;
    });
  }

  /**
   * Changes the tenant's name, links, branding, redirect hosts and invitation lifetime. Omitted fields
   * stay; null clears an optional one. GlobalAdministrators only.
   * @throws FORBIDDEN, BAD_USER_INPUT
   */
  async updateSettings(actor: Actor, patch: TenantSettingsPatch): Promise<Tenant> {
    authorize(actor, Permission.ManageTenant);
    const changes = settingsChanges(patch);
    return this.db.transaction(async (em) => {
      const tenant = await this.get(actor.tenantId, em);
      Object.assign(tenant, changes);
      if (Object.keys(changes).length > 0) await em.update(Tenant, { id: tenant.id }, changes);
      await this.audit.record(
        em,
        actor,
        AuditAction.UpdateTenantSettings,
        { type: 'Tenant', id: tenant.id },
        { fields: Object.keys(changes) },
      );
      return tenant;
    });
  }

  /**
   * The tenant as it would be with these settings, not saved: what a preview of the invitation
   * mail renders. Readers of the configuration may preview; the same checks as saving apply.
   * @throws FORBIDDEN, BAD_USER_INPUT
   */
  async draftSettings(actor: Actor, patch: TenantSettingsPatch): Promise<Tenant> {
    authorize(actor, Permission.ReadTenantConfiguration);
    const changes = settingsChanges(patch);
    return { ...(await this.get(actor.tenantId)), ...changes };
  }

  async domains(tenantId: string, em: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await em.find(TenantDomain, { where: { tenantId }, order: { domain: 'ASC' } });
    return rows.map((r) => r.domain);
  }

  /** The tenant that verified `domain`, if any. */
  async domainOwner(domain: string, em: EntityManager = this.db.manager): Promise<string | null> {
    const row = await em.findOneBy(TenantDomain, { domain: canonicalDomain(domain) });
    return row?.tenantId ?? null;
  }
}
