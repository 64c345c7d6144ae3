import { registerEnumType } from 'type-graphql';
import { AssignmentPrincipalType } from '../../apps/app-assignment.entity.js';
import { Permission } from '../../directory/permissions.js';
import { DirectoryRole, PrincipalKind } from '../../directory/role-assignment.entity.js';
import { PartnerDomainPolicy, TenantKind } from '../../directory/tenant.entity.js';
import { CreationType, ExternalUserState, UserType } from '../../directory/user.entity.js';
import { InvitationStatus } from '../../invitations/invitation.entity.js';

registerEnumType(TenantKind, { name: 'TenantKind' });
registerEnumType(PartnerDomainPolicy, { name: 'PartnerDomainPolicy' });
registerEnumType(UserType, { name: 'UserType' });
registerEnumType(CreationType, { name: 'CreationType' });
registerEnumType(ExternalUserState, { name: 'ExternalUserState' });
registerEnumType(DirectoryRole, { name: 'DirectoryRole' });
registerEnumType(Permission, {
  name: 'Permission',
  description: 'What a directory role allows (the permission matrix; the README table "Who may do what").',
});
registerEnumType(PrincipalKind, { name: 'PrincipalKind', description: 'Kind of caller: a user or an application (client credentials).' });
registerEnumType(AssignmentPrincipalType, { name: 'AssignmentPrincipalType' });
registerEnumType(InvitationStatus, { name: 'InvitationStatus' });

export { PartnerDomainPolicy };
export {
  AssignmentPrincipalType,
  CreationType,
  DirectoryRole,
  ExternalUserState,
  InvitationStatus,
  Permission,
  PrincipalKind,
  TenantKind,
  UserType,
};
