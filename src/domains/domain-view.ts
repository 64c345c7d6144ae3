import type { TenantDomain } from '../directory/tenant-domain.entity.js';
import type { Tenant } from '../directory/tenant.entity.js';
import type { PendingDomain } from './pending-domain.entity.js';

// What DomainService answers about a tenant's domains: verified ones and those waiting for their record.

export enum DomainState {
  Unverified = 'Unverified',
  Verified = 'Verified',
}

/** What the tenant's administrator sees of a domain, with the record to publish while it is unverified. */
export interface DomainView {
  name: string;
  state: DomainState;
  isDefault: boolean;
  /** The TXT record that proves the domain: on the domain itself, `b2b-gateway-verification=<token>`. */
  verificationRecord: { type: 'TXT'; name: string; value: string } | null;
  createdAt: Date;
}

export const TXT_PREFIX = 'b2b-gateway-verification=';

/** A verified domain of the tenant (the default one says so). */
export function verifiedView(tenant: Tenant, row: TenantDomain): DomainView {
  return {
    name: row.domain,
    state: DomainState.Verified,
    isDefault: tenant.defaultDomain === row.domain,
    verificationRecord: null,
    createdAt: row.createdAt,
  };
}

/** A domain added but not yet proven, with the record to publish. */
export function pendingView(row: PendingDomain): DomainView {
  return {
    name: row.domain,
    state: DomainState.Unverified,
    isDefault: false,
    verificationRecord: { type: 'TXT', name: row.domain, value: `${TXT_PREFIX}${row.verificationToken}` },
    createdAt: row.createdAt,
  };
}
