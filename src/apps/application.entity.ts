import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A corporate app registered in a tenant; also the OIDC client with `appId` as client_id. */
@Entity({ name: 'application' })
export class Application {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 36 })
  appId: string;

  @Column({ type: 'varchar', length: 256 })
  displayName: string;

  @Column({ type: 'simple-json' })
  replyUrls: string[];

  @Column({ type: 'varchar', length: 2048, nullable: true })
  homepageUrl: string | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  logoUrl: string | null;

  @Column({ type: 'boolean' })
  assignmentRequired: boolean;

  /** How the app signs people in: `oidc` (a client of the tenant's provider) or `saml` (src/saml holds its settings). */
  @Column({ type: 'varchar', length: 8, default: 'oidc' })
  protocol: 'oidc' | 'saml';

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
