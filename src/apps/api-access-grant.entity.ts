import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The `resource` of a grant for the gateway's own GraphQL API (any other names the exposing application's id). */
export const GATEWAY_API = 'gateway';

/**
 * Admin consent for an app to call an API: the gateway's own or one an application of the tenant
 * exposes. Delegated scopes (Entra's oAuth2PermissionGrant with consentType AllPrincipals) let it act
 * for signed-in users; app roles (Entra's appRoleAssignment to a service principal) let it act as
 * itself. Without one, the provider issues the app no token for that API. Who consented and when are
 * `grantedBy*` and `updatedAt`. Owned by ApiAccessService.
 */
@Entity({ name: 'api_access_grant' })
export class ApiAccessGrant {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 36 })
  applicationId: string;

  /** GATEWAY_API, or the id of the application whose exposed API this grant is for. */
  @Column({ type: 'varchar', length: 36 })
  resource: string;

  /** Delegated scopes (ApiScope values for the gateway, scope values of the exposed API otherwise). */
  @Column({ type: 'simple-json' })
  scopes: string[];

  /** App roles (application permissions) of the exposed API; never for the gateway, whose app roles are directory roles. */
  @Column({ type: 'simple-json' })
  appRoles: string[];

  @Column({ type: 'varchar', length: 16 })
  grantedByKind: string;

  @Column({ type: 'varchar', length: 36 })
  grantedById: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
