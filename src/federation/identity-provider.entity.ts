import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A partner company's own OpenID Connect provider, registered once by that company's tenant. */
@Entity({ name: 'identity_provider' })
export class IdentityProvider {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The managed tenant (the partner company) whose people sign in there. */
  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 512 })
  issuer: string;

  @Column({ type: 'varchar', length: 255 })
  clientId: string;

  @Column({ type: 'text' })
  clientSecretSealed: string;

  /** Mail domains this provider answers for (verified domains of the tenant). */
  @Column({ type: 'simple-json' })
  domains: string[];

  @Column({ type: Date })
  createdAt: Date;
}
