import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One stored oidc-provider artefact (session, interaction, code, grant, token…). */
@Entity({ name: 'oidc_payload' })
export class OidcPayload {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  model: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  grantId: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  userCode: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  uid: string | null;

  /** Account and client of grants, sessions and tokens, so access can be revoked by user or app. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  accountId: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  clientId: string | null;

  @Column({ type: Date, nullable: true })
  expiresAt: Date | null;

  @Column({ type: Date, nullable: true })
  consumedAt: Date | null;
}
