/** Audit actions; the B2B ones carry the documented event names. */
export const AuditAction = {
  InviteExternalUser: 'Invite external user.',
  ResendExternalUserInvite: 'Resend external user invite',
  RevokeExternalUserInvite: 'Revoke external user invite',
  AddExternalUserToGroup: 'Add external user to group.',
  AssignExternalUserToApplication: 'Assign external user to application.',
  AddApplication: 'Add application',
  UpdateApplication: 'Update application',
  UpdateApplicationSecrets: 'Update application – Certificates and secrets management',
  DeleteApplication: 'Delete application',
  AddDelegatedPermissionGrant: 'Add delegated permission grant',
  RemoveDelegatedPermissionGrant: 'Remove delegated permission grant',
  AddGroup: 'Add group',
  AddMemberToGroup: 'Add member to group',
  RemoveMemberFromGroup: 'Remove member from group',
  AddAppAssignment: 'Add app role assignment',
  RemoveAppAssignment: 'Remove app role assignment',
  AddUser: 'Add user',
  ResendUserActivation: 'Resend user activation',
  ResetUserPassword: 'Reset user password',
  ActivateUser: 'Activate user',
  DeleteUser: 'Delete user',
  EnableAccount: 'Enable account',
  DisableAccount: 'Disable account',
  AddTenant: 'Add tenant',
  UpdatePartnerPolicy: 'Update partner domain policy',
  UpdateTenantSettings: 'Update tenant settings',
  AddRoleMember: 'Add member to role',
  RemoveRoleMember: 'Remove member from role',
  RemovePartnerGuest: 'Remove partner guest',
  ResetRedemption: 'Reset redemption',
  AccessExpired: 'Guest access expired',
  AddIdentityProvider: 'Add identity provider',
  UpdateSecurityPolicy: 'Update security policy',
  /** A person accepted the tenant's terms of use (a version, in a language). */
  AcceptTermsOfUse: 'Accept terms of use',
  RemoveIdentityProvider: 'Remove identity provider',
  RedeemExternalUserInvite: 'Redeem external user invite.',
  ViralTenantCreation: 'Viral tenant creation.',
  ViralUserCreation: 'Viral user creation.',
  /** The documented event of a change to a user; at redemption it lists the attributes that changed. */
  UpdateUser: 'Update user',
  BatchInvitesUploaded: 'Batch invites uploaded.',
  BatchInvitesProcessed: 'Batch invites processed.',
  AddUnverifiedDomain: 'Add unverified domain',
  VerifyDomain: 'Verify domain',
  RemoveUnverifiedDomain: 'Remove unverified domain',
  RemoveVerifiedDomain: 'Remove verified domain',
  /** Admin takeover, in the managed tenant: the domain and the self-service members it took. */
  TakeOverDomain: 'Take over domain',
  /** Admin takeover, in the self-service tenant: the domain it lost. */
  DomainTakenOver: 'Domain taken over',
  /** Admin takeover, per member, in both tenants. */
  MoveUserToTenant: 'Move user to another tenant',
  /** The account page (issue 12), in the tenant the guest left, by the guest itself. */
  LeaveOrganization: 'Leave organization',
  /** The account page: a self-service account deleted by its owner, in its own tenant. */
  DeleteOwnAccount: 'Delete own account',
  /** The account page: in each tenant where a guest was bound to the deleted account, whose access ended. */
  HomeAccountDeleted: 'Home account of guest deleted',
  /** The account page: a home account changed its own password (Entra's activity name). */
  ChangeOwnPassword: 'Change password (self-service)',
  /** A home account chose a new password with a mailed code; every sign-in of it ended. */
  ResetPasswordSelfService: 'Reset password (self-service)',
  /** An admin mailed a password-reset code to a member. */
  SendPasswordReset: 'Send password reset',
  /** An admin signed a user out everywhere (Microsoft Graph's revokeSignInSessions). */
  RevokeSignInSessions: 'Revoke sign-in sessions',
  /** The account page: a home account added a second factor (Entra's activity name), in its own tenant. */
  RegisterSecurityInfo: 'User registered security info',
  /** The account page: a home account renamed a second factor. */
  UpdateSecurityInfo: 'User changed security info',
  /** The account page: a home account removed a second factor. */
  DeleteSecurityInfo: 'User deleted security info',
  /** New recovery codes (the old ones no longer work). */
  RegenerateRecoveryCodes: 'User regenerated recovery codes',
  /** A recovery code signed a person in (the lost-device path). */
  UseRecoveryCode: 'User signed in with a recovery code',
  /** An admin deleted every second factor of a member (resetUserMfa); the person enrols again. */
  ResetUserMfa: 'Admin reset multi-factor authentication',
  /** A passkey sign-in refused because its signature counter did not grow: the key may have been cloned. */
  PasskeyCounterRegressed: 'Passkey refused: signature counter went back',
  /** An admin granted an app application permissions (app roles) on an API (Entra's activity name). */
  AddAppRoleAssignmentToServicePrincipal: 'Add app role assignment to service principal',
  /** An admin withdrew an app's application permissions on an API. */
  RemoveAppRoleAssignmentFromServicePrincipal: 'Remove app role assignment from service principal',
} as const;

export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

/** What an audit event records about its change beyond the action and the target. */
export type AuditDetails = Record<string, string | number | boolean | null | string[]>;
