import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One stored oidc-provider artefact (session, interaction, code, grant, token…). Each index serves a
 * read or a sweep (test/service/oidc-payload-index-plans.test.ts); those of columns most artefacts leave
 * empty hold only the rows with a value, so an insert writes no entry for NULL, and none leads with the
 * tenant, which every lookup names (migration 1765160000000).
 */
@Entity({ name: 'oidc_payload' })
@Index('IDX_oidc_payload_grant', ['grantId'], { where: '"grantId" IS NOT NULL' })
@Index('IDX_oidc_payload_uid', ['uid'], { where: '"uid" IS NOT NULL' })
@Index('IDX_oidc_payload_user_code', ['userCode'], { where: '"userCode" IS NOT NULL' })
@Index('IDX_oidc_payload_account', ['accountId', 'tenantId'])
@Index(['expiresAt'])
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
