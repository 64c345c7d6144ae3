/** Audit actions; the B2B ones carry the documented event names. */
export const AuditAction = {
  InviteExternalUser: 'Invite external user.',
  ResendExternalUserInvite: 'Resend external user invite',
  RevokeExternalUserInvite: 'Revoke external user invite',
  AddExternalUserToGroup: 'Add external user to group.',
  AssignExternalUserToApplication: 'Assign external user to application.',
  AddApplication: 'Add application',
  UpdateApplication: 'Update application',
  DeleteApplication: 'Delete application',
  AddGroup: 'Add group',
  AddMemberToGroup: 'Add member to group',
  RemoveMemberFromGroup: 'Remove member from group',
  AddAppAssignment: 'Add app role assignment',
  RemoveAppAssignment: 'Remove app role assignment',
  DeleteUser: 'Delete user',
  EnableAccount: 'Enable account',
  DisableAccount: 'Disable account',
  AddTenant: 'Add tenant',
  RedeemExternalUserInvite: 'Redeem external user invite.',
  ViralTenantCreation: 'Viral tenant creation.',
  ViralUserCreation: 'Viral user creation.',
  BatchInvitesUploaded: 'Batch invites uploaded.',
  BatchInvitesProcessed: 'Batch invites processed.',
} as const;

export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];
