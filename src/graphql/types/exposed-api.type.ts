import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { AppRoleMemberType } from '../../apps/exposed-api.entity.js';
import { PrincipalKind } from './enums.js';

registerEnumType(AppRoleMemberType, {
  name: 'AppRoleMemberType',
  description: 'Who an app role may be given to: users and groups (by assignment) and/or applications (by admin consent).',
});

@ObjectType('ExposedApiScope', { description: 'A delegated permission the API defines; in access tokens as `scp`.' })
export class ExposedApiScopeObject {
  @Field(() => String, { description: 'The scope value, e.g. `Files.Read`; requested as is or as `<identifierUri>/<value>`.' })
  value: string;

  @Field(() => String)
  adminConsentDescription: string;

  @Field(() => Boolean, { description: 'A disabled scope is neither granted nor issued.' })
  enabled: boolean;
}

@ObjectType('AppRole', { description: 'An app role the API defines; in ID and access tokens as `roles`.' })
export class AppRoleObject {
  @Field(() => String, { description: 'The value tokens carry, e.g. `Expenses.Approve`.' })
  value: string;

  @Field(() => String)
  displayName: string;

  @Field(() => [AppRoleMemberType])
  allowedMemberTypes: AppRoleMemberType[];

  @Field(() => Boolean, { description: 'A disabled role is neither granted nor issued.' })
  enabled: boolean;
}

@ObjectType('ExposedApi', { description: 'The API an application exposes (Entra: Expose an API, App roles).' })
export class ExposedApiObject {
  @Field(() => String, { description: 'The `resource` to request tokens for, and their `aud`.' })
  identifierUri: string;

  @Field(() => [ExposedApiScopeObject])
  scopes: ExposedApiScopeObject[];

  @Field(() => [AppRoleObject])
  appRoles: AppRoleObject[];

  @Field(() => Date)
  updatedAt: Date;
}

@InputType()
export class ExposedApiScopeInput {
  @Field(() => String)
  value: string;

  @Field(() => String)
  adminConsentDescription: string;

  @Field(() => Boolean, { defaultValue: true })
  enabled: boolean;
}

@InputType()
export class AppRoleInput {
  @Field(() => String)
  value: string;

  @Field(() => String)
  displayName: string;

  @Field(() => [AppRoleMemberType])
  allowedMemberTypes: AppRoleMemberType[];

  @Field(() => Boolean, { defaultValue: true })
  enabled: boolean;
}

@InputType({ description: "The app's API as a whole; replaces what it exposed before." })
export class ExposeApiInput {
  @Field(() => String, { description: '`api://<appId>`, or an https URL (no query or fragment), unique in the tenant.' })
  identifierUri: string;

  @Field(() => [ExposedApiScopeInput], { defaultValue: [] })
  scopes: ExposedApiScopeInput[];

  @Field(() => [AppRoleInput], { defaultValue: [] })
  appRoles: AppRoleInput[];
}

@InputType({ description: 'What an app may do on the API another app exposes (admin consent for the whole tenant).' })
export class ApiPermissionsInput {
  @Field(() => [String], { defaultValue: [], description: 'Delegated scopes: the app acts for the users who sign in to it.' })
  scopes: string[];

  @Field(() => [String], { defaultValue: [], description: 'App roles for applications: the app acts as itself (client credentials).' })
  appRoles: string[];
}

@ObjectType('ApiPermissionGrant', { description: "Admin consent for an app on another app's API: who granted what, and when." })
export class ApiPermissionGrantObject {
  @Field(() => ID, { description: 'The app whose API this grant is for.' })
  resourceApplicationId: string;

  @Field(() => String, { nullable: true, description: "The API's identifier (null once it is no longer exposed)." })
  identifierUri: string | null;

  @Field(() => [String])
  scopes: string[];

  @Field(() => [String])
  appRoles: string[];

  @Field(() => PrincipalKind, { description: 'Who consented.' })
  grantedByKind: PrincipalKind;

  @Field(() => String)
  grantedById: string;

  @Field(() => Date, { description: 'When the consent was last given.' })
  updatedAt: Date;
}
