import { emailDomain } from './email.js';
import { sha256Hex } from './secrets.js';

/** Where a guest comes from: the one rule, shared by the row writer and the migration's backfill. */
export interface PartnerKey {
  id: string;
  partnerTenantId: string | null;
  /** The guest's mail domain. */
  domain: string;
}

/**
 * A redeemed guest belongs to its home account's tenant; a pending one (or one whose home account
 * is gone) to the tenant that owns its mail domain, or to the bare domain until someone from it
 * signs up.
 */
export function partnerKeyOf(
  guest: { mail: string; homeUserId: string | null },
  homeTenantOf: ReadonlyMap<string, string>,
  domainOwnerOf: ReadonlyMap<string, string>,
): PartnerKey {
  const domain = emailDomain(guest.mail);
  const partnerTenantId = (guest.homeUserId ? homeTenantOf.get(guest.homeUserId) : undefined) ?? domainOwnerOf.get(domain) ?? null;
  return { id: partnerTenantId ?? domainPartnerId(domain), partnerTenantId, domain };
}

/** A stable, UUID-shaped id for a partner known only by its domain. */
export function domainPartnerId(domain: string): string {
  // A pure function of the domain, kept for the few domains at hand (an upload's 2000 guests share ~50).
  let id = partnerIds.get(domain);
  if (id === undefined) {
    const h = sha256Hex(`partner-domain:${domain}`);
    id = `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    if (partnerIds.size >= MAX_KEPT) partnerIds.clear();
    partnerIds.set(domain, id);
  }
  return id;
}

const partnerIds = new Map<string, string>();
const MAX_KEPT = 1024;
