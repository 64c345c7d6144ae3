import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from './connection.js';
import {
  CreationType,
  DirectoryRole,
  ExternalUserState,
  PartnerDomainPolicy,
  Permission,
  PrincipalKind,
  TenantKind,
  UserType,
} from './enums.js';

@ObjectType('Tenant')
export class TenantObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => TenantKind)
  kind: TenantKind;

  @Field(() => String, { description: 'Domain of guest user principal names.' })
  defaultDomain: string;

  @Field(() => [String], { description: 'Hosts invitation redirect URLs may use besides app reply URLs.' })
  allowedRedirectHosts: string[];

  @Field(() => Int, { nullable: true, description: 'Days until redemption links expire (null: the gateway default, 0: never).' })
  invitationTtlDays: number | null;

  @Field(() => String, { nullable: true })
  privacyUrl: string | null;

  @Field(() => String, { nullable: true })
  contactUrl: string | null;

  @Field(() => String, { nullable: true })
  logoUrl: string | null;

  @Field(() => String, { nullable: true, description: '#rrggbb of invitation emails and pages.' })
  brandColor: string | null;

  @Field(() => PartnerDomainPolicy)
  partnerDomainPolicy: PartnerDomainPolicy;

  @Field(() => [String], { description: 'The allow list or block list.' })
  partnerDomains: string[];

  @Field(() => Boolean, { description: 'Consumer mail domains are refused (default true).' })
  refuseConsumerDomains: boolean;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType('Viewer', { description: 'The authenticated caller.' })
export class ViewerObject {
  @Field(() => PrincipalKind)
  kind: PrincipalKind;

  @Field(() => ID)
  id: string;

  @Field(() => String)
  displayName: string;

  @Field(() => [DirectoryRole])
  roles: DirectoryRole[];

  @Field(() => [String], {
    nullable: true,
    description: "The delegated scopes of a user's token (what the calling app may do on the user's behalf); null for an app's own token.",
  })
  scopes: string[] | null;

  @Field(() => [Permission], {
    description: 'What the caller may do here: its roles within its delegated scope. Clients show only these actions.',
  })
  permissions: Permission[];

  tenantId: string;
}

@ObjectType('User', { simpleResolvers: true })
export class UserObject {
  @Field(() => ID)
  id: string;

  @Field(() => UserType)
  userType: UserType;

  @Field(() => String)
  displayName: string;

  @Field(() => String)
  mail: string;

  @Field(() => String)
  userPrincipalName: string;

  @Field(() => String, { nullable: true })
  givenName: string | null;

  @Field(() => String, { nullable: true })
  familyName: string | null;

  @Field(() => String, { nullable: true })
  preferredLanguage: string | null;

  @Field(() => Boolean, {
    description: 'A member created by an administrator who has not set a password from the activation link yet; it cannot sign in.',
  })
  activationPending: boolean;

  @Field(() => CreationType, { nullable: true })
  creationType: CreationType | null;

  @Field(() => ExternalUserState, { nullable: true })
  externalUserState: ExternalUserState | null;

  @Field(() => Date, { nullable: true })
  externalUserStateChangedAt: Date | null;

  @Field(() => String, { nullable: true })
  signInName: string | null;

  @Field(() => String, { nullable: true })
  altSecId: string | null;

  @Field(() => Boolean)
  accountEnabled: boolean;

  @Field(() => Date, { nullable: true, description: "A guest's access ends at this moment." })
  accessExpiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastSignInAt: Date | null;

  @Field(() => Date)
  createdAt: Date;

  tenantId: string;
}

@ObjectType('Group')
export class GroupObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  displayName: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType()
export class UserConnection extends Connection(UserObject, 'User') {}

@ObjectType()
export class GroupConnection extends Connection(GroupObject, 'Group') {}
