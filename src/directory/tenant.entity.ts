import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum TenantKind {
  Managed = 'managed',
  SelfService = 'selfService',
}

export enum PartnerDomainPolicy {
  None = 'None',
  AllowList = 'AllowList',
  BlockList = 'BlockList',
}

@Entity({ name: 'tenant' })
export class Tenant {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 256 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: TenantKind;

  /** The domain guest UPNs are built on (`alias_domain#EXT#@<defaultDomain>`). */
  @Column({ type: 'varchar', length: 253 })
  defaultDomain: string;

  /** Hosts (or `*.suffix` patterns) that invitation redirect URLs may point to besides app reply URLs. */
  @Column({ type: 'simple-json' })
  allowedRedirectHosts: string[];

  /** Per-tenant override of INVITATION_TTL_DAYS; null means the gateway default, 0 never expires. */
  @Column({ type: 'integer', nullable: true })
  invitationTtlDays: number | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  privacyUrl: string | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  contactUrl: string | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  logoUrl: string | null;

  /** `#rrggbb`, used for the button and banner of invitation emails and pages. */
  @Column({ type: 'varchar', length: 7, nullable: true })
  brandColor: string | null;

  /** Which partner domains may be invited: any (None), only those listed (AllowList), or all but those (BlockList). */
  @Column({ type: 'varchar', length: 16, default: 'None' })
  partnerDomainPolicy: PartnerDomainPolicy;

  @Column({ type: 'simple-json', default: '[]' })
  partnerDomains: string[];

  /** Refuse consumer mail domains (gmail.com …) for invitations; on by default. */
  @Column({ type: 'boolean', default: true })
  refuseConsumerDomains: boolean;

  @Column({ type: Date })
  createdAt: Date;
}
