import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Admin consent for an app to call the gateway API on behalf of signed-in users (Entra's
 * oAuth2PermissionGrant with consentType AllPrincipals): without one, the provider issues the app no
 * user token for the API. Owned by ApiAccessService.
 */
@Entity({ name: 'api_access_grant' })
export class ApiAccessGrant {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 36 })
  applicationId: string;

  /** Delegated scopes (ApiScope values). */
  @Column({ type: 'simple-json' })
  scopes: string[];

  @Column({ type: 'varchar', length: 16 })
  grantedByKind: string;

  @Column({ type: 'varchar', length: 36 })
  grantedById: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
