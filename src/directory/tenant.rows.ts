import type { EntityManager } from 'typeorm';
import { newId } from '../shared/ids.js';
import { TenantDomain } from './tenant-domain.entity.js';
import { Tenant, TenantKind } from './tenant.entity.js';

type TenantSettings = Pick<Tenant, 'allowedRedirectHosts' | 'invitationTtlDays' | 'privacyUrl' | 'contactUrl' | 'logoUrl' | 'brandColor'>;

/**
 * The one place a tenant row is built and inserted, with its verified domains (the first becomes
 * the default domain for guest UPNs): operators through TenantService.create, sign-up for a
 * self-service tenant. Later changes go through TenantService. Works in the caller's transaction;
 * the domains must be normalised and not yet verified by another tenant.
 */
export async function insertTenant(
  em: EntityManager,
  fields: Pick<Tenant, 'name'> & Partial<Pick<Tenant, 'kind'> & TenantSettings>,
  domains: string[],
  now: Date,
): Promise<Tenant> {
  const tenant = em.create(Tenant, {
    id: newId(),
    name: fields.name,
    kind: fields.kind ?? TenantKind.Managed,
    defaultDomain: domains[0]!,
    allowedRedirectHosts: fields.allowedRedirectHosts ?? [],
    invitationTtlDays: fields.invitationTtlDays ?? null,
    privacyUrl: fields.privacyUrl ?? null,
    contactUrl: fields.contactUrl ?? null,
    logoUrl: fields.logoUrl ?? null,
    brandColor: fields.brandColor ?? null,
    createdAt: now,
  });
  await em.insert(Tenant, tenant);
  await em.insert(
    TenantDomain,
    domains.map((domain) => ({ domain, tenantId: tenant.id, createdAt: now })),
  );
  return tenant;
}

/**
 * A domain the tenant proved (DomainService): added to its verified domains. A unique violation
 * means another tenant verified it first.
 */
export async function insertVerifiedDomain(em: EntityManager, tenantId: string, domain: string, now: Date): Promise<void> {
  await em.insert(TenantDomain, { domain, tenantId, createdAt: now });
}

/**
 * Admin takeover: the verified domain passes from one tenant to another. Conditional, so of two
 * concurrent takeovers one wins; returns whether this one did.
 */
export async function transferVerifiedDomain(
  em: EntityManager,
  domain: string,
  fromTenantId: string,
  toTenantId: string,
): Promise<boolean> {
  const result = await em.update(TenantDomain, { domain, tenantId: fromTenantId }, { tenantId: toTenantId });
  return result.affected === 1;
}

export async function deleteVerifiedDomain(em: EntityManager, tenantId: string, domain: string): Promise<void> {
  await em.delete(TenantDomain, { domain, tenantId });
}
