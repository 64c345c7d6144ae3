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

  @Column({ type: Date })
  createdAt: Date;
}
