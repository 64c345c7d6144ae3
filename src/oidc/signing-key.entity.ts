import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A tenant's token-signing key. The private JWK is sealed with the gateway's SecretBox. */
@Entity({ name: 'signing_key' })
export class SigningKey {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 16 })
  alg: string;

  @Column({ type: 'text' })
  publicJwk: string;

  @Column({ type: 'text' })
  privateJwkSealed: string;

  /** From when it signs (a new key is published first, so relying parties learn it before it is used). */
  @Column({ type: Date, nullable: true })
  activatesAt: Date | null;

  /** From when it no longer signs; it stays published until tokens it signed have expired. */
  @Column({ type: Date, nullable: true })
  retiresAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;
}
