import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { can, Permission, PERMISSION_MATRIX } from '../../src/directory/permissions.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { twoTenants } from '../helpers/fixtures.js';
import { rootFieldOf, schemaOperations } from '../helpers/schema-operations.js';
import { uploadCsv } from '../helpers/upload.js';
import * as ops from '../graphql/generated.js';

const NOWHERE = '01a20000-0000-7000-8000-000000000000';

/**
 * Every operation of the API, the permission it needs (null: none), and variables for which a caller
 * holding the permission gets past authorization (success, NOT_FOUND or an input error).
 */
const OPERATIONS: [string, TypedDocumentNode<unknown, never>, Record<string, unknown>, Permission | null][] = [
  ['viewer', ops.ViewerDocument, {}, null],
  ['tenant', ops.TenantDocument, {}, null],
  ['users', ops.UsersDocument, {}, Permission.ReadDirectory],
  ['user', ops.UserDocument, { id: NOWHERE }, Permission.ReadDirectory],
  ['groups', ops.GroupsDocument, {}, Permission.ReadDirectory],
  ['groupMembers', ops.GroupMembersDocument, { id: NOWHERE }, Permission.ReadDirectory],
  ['applications', ops.ApplicationsDocument, {}, Permission.ReadDirectory],
  ['application', ops.ApplicationDocument, { id: NOWHERE }, Permission.ReadDirectory],
  ['partners', ops.PartnersDocument, {}, Permission.ReadDirectory],
  ['partner', ops.PartnerDocument, { id: 'domain:nowhere.example' }, Permission.ReadDirectory],
  ['invitations', ops.InvitationsDocument, {}, Permission.ReadInvitations],
  ['invitation', ops.InvitationDocument, { id: NOWHERE }, Permission.ReadInvitations],
  ['invitationBatches', ops.InvitationBatchesDocument, {}, Permission.ReadInvitations],
  ['invitationBatch', ops.InvitationBatchDocument, { id: NOWHERE }, Permission.ReadInvitations],
  ['invitationBatchReport', ops.InvitationBatchReportDocument, { id: NOWHERE }, Permission.ReadInvitations],
  ['invitationPreview', ops.InvitationPreviewDocument, { input: { settings: {} } }, Permission.ReadTenantConfiguration],
  ['inviteUser', ops.InviteUserDocument, { input: { email: 'matrix@partner-matrix.example' } }, Permission.InviteGuests],
  ['resendInvitation', ops.ResendInvitationDocument, { id: NOWHERE }, Permission.InviteGuests],
  ['revokeInvitation', ops.RevokeInvitationDocument, { id: NOWHERE }, Permission.InviteGuests],
  [
    'inviteUser with a group',
    ops.InviteUserDocument,
    { input: { email: 'matrix2@partner-matrix.example', groupIds: [NOWHERE] } },
    Permission.GrantAccessOnInvite,
  ],
  ['resetRedemption', ops.ResetRedemptionDocument, { userId: NOWHERE, newEmail: 'x@partner-matrix.example' }, Permission.ResetRedemption],
  ['removeUser', ops.RemoveUserDocument, { id: NOWHERE }, Permission.ManageUsers],
  ['setUserEnabled', ops.SetUserEnabledDocument, { id: NOWHERE, enabled: false }, Permission.ManageUsers],
  ['sendPasswordReset', ops.SendPasswordResetDocument, { userId: NOWHERE }, Permission.ManageUsers],
  ['revokeSignInSessions', ops.RevokeSignInSessionsDocument, { userId: NOWHERE }, Permission.ManageUsers],
  ['resetUserMfa', ops.ResetUserMfaDocument, { userId: NOWHERE }, Permission.ManageUsers],
  [
    'createUser',
    ops.CreateUserDocument,
    { input: { email: 'matrix@unverified-matrix.example', displayName: 'Matrix' } },
    Permission.ManageUsers,
  ],
  ['resendActivation', ops.ResendActivationDocument, { userId: NOWHERE }, Permission.ManageUsers],
  ['resetUserPassword', ops.ResetUserPasswordDocument, { userId: NOWHERE }, Permission.ManageUsers],
  [
    'createUser with a role',
    ops.CreateUserDocument,
    { input: { email: 'matrix@unverified-matrix.example', displayName: 'Matrix', roles: ['GuestInviter'] } },
    Permission.ManageRoles,
  ],
  [
    'createUser with a group',
    ops.CreateUserDocument,
    { input: { email: 'matrix@unverified-matrix.example', displayName: 'Matrix', groupIds: [NOWHERE] } },
    Permission.ManageGroups,
  ],
  ['createGroup', ops.CreateGroupDocument, { input: { displayName: 'Matrix' } }, Permission.ManageGroups],
  ['addGroupMember', ops.AddGroupMemberDocument, { groupId: NOWHERE, userId: NOWHERE }, Permission.ManageGroups],
  ['removeGroupMember', ops.RemoveGroupMemberDocument, { groupId: NOWHERE, userId: NOWHERE }, Permission.ManageGroups],
  ['createApplication', ops.CreateApplicationDocument, { input: { displayName: 'Matrix app' } }, Permission.ManageApplications],
  ['updateApplication', ops.UpdateApplicationDocument, { id: NOWHERE, input: {} }, Permission.ManageApplications],
  ['deleteApplication', ops.DeleteApplicationDocument, { id: NOWHERE }, Permission.ManageApplications],
  ['addApplicationSecret', ops.AddApplicationSecretDocument, { applicationId: NOWHERE, input: {} }, Permission.ManageApplications],
  [
    'removeApplicationSecret',
    ops.RemoveApplicationSecretDocument,
    { applicationId: NOWHERE, secretId: NOWHERE },
    Permission.ManageApplications,
  ],
  [
    'grantApiAccess',
    ops.GrantApiAccessDocument,
    { applicationId: NOWHERE, scopes: ['DirectoryReadAll'] },
    Permission.ConsentToApiPermissions,
  ],
  ['revokeApiAccess', ops.RevokeApiAccessDocument, { applicationId: NOWHERE }, Permission.ConsentToApiPermissions],
  [
    'exposeApi',
    ops.ExposeApiDocument,
    { applicationId: NOWHERE, input: { identifierUri: 'https://matrix.example/api' } },
    Permission.ManageApplications,
  ],
  ['removeExposedApi', ops.RemoveExposedApiDocument, { applicationId: NOWHERE }, Permission.ManageApplications],
  [
    'grantApiPermissions',
    ops.GrantApiPermissionsDocument,
    { applicationId: NOWHERE, resourceApplicationId: NOWHERE, permissions: { scopes: ['Files.Read'] } },
    Permission.ConsentToApiPermissions,
  ],
  [
    'revokeApiPermissions',
    ops.RevokeApiPermissionsDocument,
    { applicationId: NOWHERE, resourceApplicationId: NOWHERE },
    Permission.ConsentToApiPermissions,
  ],
  [
    'assignApplication with an app role',
    ops.AssignApplicationDocument,
    { applicationId: NOWHERE, principal: { type: 'User', id: NOWHERE }, appRole: 'Expenses.Approve' },
    Permission.ManageAssignments,
  ],
  [
    'assignApplication',
    ops.AssignApplicationDocument,
    { applicationId: NOWHERE, principal: { type: 'User', id: NOWHERE } },
    Permission.ManageAssignments,
  ],
  [
    'unassignApplication',
    ops.UnassignApplicationDocument,
    { applicationId: NOWHERE, principal: { type: 'User', id: NOWHERE } },
    Permission.ManageAssignments,
  ],
  [
    'assignDirectoryRole',
    ops.AssignDirectoryRoleDocument,
    { principal: { type: 'User', id: NOWHERE }, role: 'GuestInviter' },
    Permission.ManageRoles,
  ],
  [
    'unassignDirectoryRole',
    ops.UnassignDirectoryRoleDocument,
    { principal: { type: 'User', id: NOWHERE }, role: 'GuestInviter' },
    Permission.ManageRoles,
  ],
  ['removePartner', ops.RemovePartnerDocument, { id: 'domain:nowhere.example' }, Permission.ManagePartners],
  ['updateTenantSettings', ops.UpdateTenantSettingsDocument, { input: {} }, Permission.ManageTenant],
  ['updatePartnerDomainPolicy', ops.UpdatePartnerDomainPolicyDocument, { input: { policy: 'None', domains: [] } }, Permission.ManageTenant],
  ['rotateSigningKey', ops.RotateSigningKeyDocument, { activateInSeconds: 3600 }, Permission.ManageTenant],
  [
    'registerIdentityProvider',
    ops.RegisterIdentityProviderDocument,
    { input: { issuer: 'not a url', clientId: 'x', clientSecret: 'y', domains: [] } },
    Permission.ManageTenant,
  ],
  ['removeIdentityProvider', ops.RemoveIdentityProviderDocument, { id: NOWHERE }, Permission.ManageTenant],
  ['addDomain', ops.AddDomainDocument, { name: 'matrix-domain.example' }, Permission.ManageTenant],
  ['verifyDomain', ops.VerifyDomainDocument, { name: 'nowhere.example', takeOver: true }, Permission.ManageTenant],
  ['removeDomain', ops.RemoveDomainDocument, { name: 'nowhere.example' }, Permission.ManageTenant],
  ['domains', ops.DomainsDocument, {}, Permission.ReadTenantConfiguration],
  ['identityProviders', ops.IdentityProvidersDocument, {}, Permission.ReadTenantConfiguration],
  ['securityPolicy', ops.SecurityPolicyDocument, {}, Permission.ReadTenantConfiguration],
  ['updateSecurityPolicy', ops.UpdateSecurityPolicyDocument, { input: {} }, Permission.ManageTenant],
  ['termsAcceptances', ops.TermsAcceptancesDocument, {}, Permission.ReadAuditLog],
  ['signingKeys', ops.SigningKeysDocument, {}, Permission.ReadTenantConfiguration],
  ['outbox', ops.OutboxDocument, {}, Permission.ReadOutbox],
  ['retryOutboxMessage', ops.RetryOutboxMessageDocument, { id: NOWHERE }, Permission.ManageOutbox],
  ['auditEvents', ops.AuditEventsDocument, {}, Permission.ReadAuditLog],
  ['signIns', ops.SignInsDocument, {}, Permission.ReadSignInLog],
];

const ROLE_SETS: DirectoryRole[][] = [
  [DirectoryRole.GlobalAdministrator],
  [DirectoryRole.GuestInviter],
  [DirectoryRole.UserAdministrator],
  [],
];

describe('the permission matrix', () => {
  const s = twoTenants('sqlite', 'http');

  it.each(ROLE_SETS.map((roles) => [roles.join('+') || 'no role', roles] as const))(
    'decides every operation for %s',
    async (_label, roles) => {
      const caller = await s.a.principal(roles);
      const actor = { tenantId: s.a.tenant.id, kind: 'application' as never, id: caller.app.id, displayName: '', roles, scopes: null };
      const outcomes: Record<string, string> = {};
      const expected: Record<string, string> = {};
      const decided = (code: unknown) => (code === 'FORBIDDEN' || code === 'GRANT_NOT_ALLOWED' ? 'refused' : 'allowed');
      for (const [name, document, variables, permission] of OPERATIONS) {
        const result = await caller.client.run(document, variables as never);
        outcomes[name] = decided(result.errors?.[0]?.extensions?.code);
        expected[name] = permission === null || can(actor, permission) ? 'allowed' : 'refused';
      }
      // A file upload is a multipart request (a dry run: nothing is invited).
      const upload = await uploadCsv(s.t, caller.token, 'matrix.csv', 'Email\nupload@partner-matrix.example\n', { dryRun: true });
      outcomes.uploadInvitations = decided(upload.code);
      expected.uploadInvitations = can(actor, Permission.InviteGuests) ? 'allowed' : 'refused';
      expect(outcomes).toEqual(expected);
      // The viewer is told the same answers, so clients (the console) never re-derive the matrix.
      const viewer = await caller.client.data(ops.ViewerDocument, {});
      expect(viewer.viewer.permissions).toEqual(Object.values(Permission).filter((p) => can(actor, p)));
    },
  );

  it('decides every operation of the schema', () => {
    const fields = schemaOperations();
    const decided = new Set([...OPERATIONS.map(([, document]) => rootFieldOf(document)), 'uploadInvitations']);
    expect(fields.filter((field) => !decided.has(field))).toEqual([]);
  });

  it('covers every permission with at least one operation', () => {
    const used = new Set(OPERATIONS.map(([, , , p]) => p));
    expect(Object.values(Permission).filter((p) => !used.has(p))).toEqual([]);
  });

  it('is the table in the README', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Who may do what'));
    const rows = [...section.matchAll(/^\| `(\w+)` \| (.+?) \| (yes|—) \| (yes|—) \| (yes|—) \| (yes|—) \|$/gm)];
    const table = Object.fromEntries(
      rows.map(([, name, covers, ga, inviter, userAdmin, readOnly]) => [name, { covers, ga, inviter, userAdmin, readOnly }]),
    );
    const yes = (b: boolean) => (b ? 'yes' : '—');
    const fromMatrix = Object.fromEntries(
      Object.entries(PERMISSION_MATRIX).map(([name, rule]) => [
        name,
        {
          covers: rule.covers,
          ga: yes(rule.roles.includes(DirectoryRole.GlobalAdministrator)),
          inviter: yes(rule.roles.includes(DirectoryRole.GuestInviter)),
          userAdmin: yes(rule.roles.includes(DirectoryRole.UserAdministrator)),
          readOnly: yes(rule.readOnly),
        },
      ]),
    );
    expect(table).toEqual(fromMatrix);
  });

  it('refuses a CSV row naming apps or groups for a GuestInviter, with a row code, and invites the rest', async () => {
    const inviter = await s.a.principal([DirectoryRole.GuestInviter]);
    const { createGroup } = await s.a.admin.client.data(ops.CreateGroupDocument, { input: { displayName: 'Partners' } });
    const csv = `Email,DisplayName,InvitedToGroups\nrow1@csv-inviter.example,Row One,${createGroup.id}\nrow2@csv-inviter.example,Row Two,\n`;
    const { batch } = await uploadCsv(s.t, inviter.token, 'partners.csv', csv);
    expect(batch!.rows.nodes.map((r) => [r.email, r.outcome, r.code])).toEqual([
      ['row1@csv-inviter.example', 'Failed', 'GRANT_NOT_ALLOWED'],
      ['row2@csv-inviter.example', 'Created', null],
    ]);
    const members = await s.a.admin.client.data(ops.GroupMembersDocument, { id: createGroup.id });
    expect(JSON.stringify(members)).not.toContain('row1@csv-inviter.example');
  });
});
