import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A domain a tenant added but has not proven yet. Several tenants may claim one name; the first to
 * publish its token in DNS gets it (a row in `tenant_domain`, which holds verified domains only, so
 * everything that reads verified domains stays as it is). Written only by DomainService.
 */
@Entity({ name: 'pending_domain' })
export class PendingDomain {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  tenantId: string;

  @PrimaryColumn({ type: 'varchar', length: 253 })
  domain: string;

  /** Published as the TXT record `b2b-gateway-verification=<token>` on the domain itself. */
  @Column({ type: 'varchar', length: 64 })
  verificationToken: string;

  @Column({ type: Date })
  createdAt: Date;
}
