import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A domain verified by a tenant. A domain belongs to at most one tenant across the gateway. */
@Entity({ name: 'tenant_domain' })
export class TenantDomain {
  @PrimaryColumn({ type: 'varchar', length: 253 })
  domain: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: Date })
  createdAt: Date;
}
