import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A partner organization of a tenant, kept on write by src/partners/partner.rows.ts (its only
 * writer): what the listing, the detail and the overview read, so nothing is derived per request.
 * A row exists while the partner has at least one guest.
 */
@Entity({ name: 'partner' })
export class PartnerRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  tenantId: string;

  /** The partner tenant's id, or a UUID-shaped hash of the domain (`domainPartnerId`). */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The gateway tenant the guests come from; null for a bare domain nobody manages. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  partnerTenantId: string | null;

  /** For a bare-domain partner: the domain (lower case). Null for a tenant partner. */
  @Column({ type: 'varchar', length: 253, nullable: true })
  domain: string | null;

  @Column({ type: 'integer' })
  guestCount: number;

  @Column({ type: Date, nullable: true })
  lastSignInAt: Date | null;

  /** Guests with `pendingUntil` after `pendingSweptUntil` (src/partners/partner-pending.ts). */
  @Column({ type: 'integer', default: 0 })
  pendingCount: number;

  /** Up to when the sweep has taken expired invitations off `pendingCount`. */
  @Column({ type: Date })
  pendingSweptUntil: Date;
}

/** Which partner each guest belongs to (one row per guest), with what the partner's row sums up. */
@Entity({ name: 'partner_guest' })
export class PartnerGuest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 36 })
  partnerId: string;

  /** The guest's mail domain: a change of the domain's owner moves the guests still bound by it. */
  @Column({ type: 'varchar', length: 253 })
  domain: string;

  @Column({ type: Date, nullable: true })
  lastSignInAt: Date | null;

  /**
   * The expiry of the guest's pending invitation (a guest has at most one: a new one supersedes it);
   * `NO_EXPIRY` for one that never expires, null for none. A partner's pending invitations are its
   * guests with `pendingUntil` after now, kept as a counter on the partner row (partner-pending.ts).
   */
  @Column({ type: Date, nullable: true })
  pendingUntil: Date | null;
}

/** `pendingUntil` of a pending invitation without an expiry. */
export const NO_EXPIRY = new Date('9999-12-31T00:00:00.000Z');
