import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who an app role may be given to (Entra's allowedMemberTypes). */
export enum AppRoleMemberType {
  User = 'User',
  Application = 'Application',
}

/** A delegated permission an API defines (Entra's oauth2PermissionScopes): in tokens as `scp`. */
export interface ExposedScope {
  value: string;
  adminConsentDescription: string;
  enabled: boolean;
}

/** An app role an API defines: for users and groups by assignment, for apps by an admin's grant; in tokens as `roles`. */
export interface AppRoleDefinition {
  value: string;
  displayName: string;
  allowedMemberTypes: AppRoleMemberType[];
  enabled: boolean;
}

/**
 * The API an application exposes (Entra's identifierUris, api.oauth2PermissionScopes and appRoles):
 * access tokens requested for `identifierUri` carry it as `aud`. One per application; the identifier
 * is unique in the tenant. Owned by ExposedApiService.
 */
@Entity({ name: 'exposed_api' })
export class ExposedApi {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 36 })
  applicationId: string;

  @Column({ type: 'varchar', length: 2048 })
  identifierUri: string;

  @Column({ type: 'simple-json' })
  scopes: ExposedScope[];

  @Column({ type: 'simple-json' })
  appRoles: AppRoleDefinition[];

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
