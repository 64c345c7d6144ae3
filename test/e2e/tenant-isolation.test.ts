import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { twoTenants } from '../helpers/fixtures.js';
import { rootFieldOf, schemaOperations } from '../helpers/schema-operations.js';
import type { GraphQLClient } from '../helpers/test-gateway.js';
import { holdOneOfEach, type TenantObjects as Objects } from '../helpers/tenant-objects.js';
import { startUpstreamIdp } from '../helpers/upstream-idp.js';
import * as ops from '../graphql/generated.js';

/**
 * The cross-tenant twin of every operation, in one place: tenant A holds one of each kind of object;
 * tenant B's Global Administrator names each of them in every operation that takes an object, alone
 * and mixed with B's own objects, and is answered NOT_FOUND (the answer for an id that exists nowhere,
 * so the answer tells B nothing); afterwards A's objects read exactly as before. Operations
 * that name no object act on the caller's tenant: B's lists and settings show nothing of A's.
 * "lists every operation of the schema" fails when an operation is added without its twin here.
 */
type Op = [string, TypedDocumentNode<unknown, never>, Record<string, unknown>];

/** Root fields that name no object of another tenant: they act on the caller's own (checked below). */
const TENANT_SCOPED = new Set([
  'viewer',
  'tenant',
  'users',
  'groups',
  'applications',
  'partners',
  'invitations',
  'invitationBatches',
  'invitationPreview',
  'outbox',
  'auditEvents',
  'signIns',
  'termsAcceptances',
  'domains',
  'identityProviders',
  'securityPolicy',
  'signingKeys',
  'createUser',
  'createGroup',
  'createApplication',
  'inviteUser',
  'uploadInvitations',
  'addDomain',
  'registerIdentityProvider',
  'rotateSigningKey',
  'updateTenantSettings',
  'updatePartnerDomainPolicy',
  'updateSecurityPolicy',
]);

/** Every operation naming A's objects, run by B (`mine`: B's own objects, for the mixed cases). */
function crossTenantOperations(a: Objects, mine: Objects): Op[] {
  const user = (id: string) => ({ type: 'User', id });
  return [
    ['user', ops.UserDocument, { id: a.guestId }],
    ['group', ops.GroupMembersDocument, { id: a.groupId }],
    ['application', ops.ApplicationDocument, { id: a.appId }],
    ['invitation', ops.InvitationDocument, { id: a.invitationId }],
    ['invitationBatch', ops.InvitationBatchDocument, { id: a.batchId }],
    ['invitationBatchReport', ops.InvitationBatchReportDocument, { id: a.batchId }],
    ['partner', ops.PartnerDocument, { id: a.partnerId }],
    ['removeUser', ops.RemoveUserDocument, { id: a.memberId }],
    ['setUserEnabled', ops.SetUserEnabledDocument, { id: a.guestId, enabled: false }],
    ['sendPasswordReset', ops.SendPasswordResetDocument, { userId: a.memberId }],
    ['revokeSignInSessions', ops.RevokeSignInSessionsDocument, { userId: a.guestId }],
    ['resetUserMfa', ops.ResetUserMfaDocument, { userId: a.memberId }],
    ['resendActivation', ops.ResendActivationDocument, { userId: a.memberId }],
    ['resetUserPassword', ops.ResetUserPasswordDocument, { userId: a.memberId }],
    ['resetRedemption', ops.ResetRedemptionDocument, { userId: a.guestId, newEmail: `moved@${a.partnerDomain}` }],
    ['resendInvitation', ops.ResendInvitationDocument, { id: a.invitationId }],
    ['revokeInvitation', ops.RevokeInvitationDocument, { id: a.invitationId }],
    ['addGroupMember', ops.AddGroupMemberDocument, { groupId: a.groupId, userId: a.guestId }],
    ['addGroupMember: B’s group, A’s user', ops.AddGroupMemberDocument, { groupId: mine.groupId, userId: a.guestId }],
    ['addGroupMember: A’s group, B’s user', ops.AddGroupMemberDocument, { groupId: a.groupId, userId: mine.guestId }],
    ['removeGroupMember', ops.RemoveGroupMemberDocument, { groupId: a.groupId, userId: a.guestId }],
    ['updateApplication', ops.UpdateApplicationDocument, { id: a.appId, input: { displayName: 'Taken' } }],
    [
      'updateApplication: A’s SAML app’s relay state',
      ops.UpdateApplicationDocument,
      { id: a.samlAppId, input: { saml: { relayState: 'https://evil.example/' } } },
    ],
    ['deleteApplication', ops.DeleteApplicationDocument, { id: a.appId }],
    ['addApplicationSecret', ops.AddApplicationSecretDocument, { applicationId: a.appId, input: {} }],
    ['removeApplicationSecret', ops.RemoveApplicationSecretDocument, { applicationId: a.appId, secretId: a.secretId }],
    [
      'removeApplicationSecret: B’s app, A’s secret',
      ops.RemoveApplicationSecretDocument,
      { applicationId: mine.appId, secretId: a.secretId },
    ],
    ['exposeApi', ops.ExposeApiDocument, { applicationId: a.appId, input: { identifierUri: `api://taken-${a.appId}` } }],
    ['removeExposedApi', ops.RemoveExposedApiDocument, { applicationId: a.appId }],
    ['grantApiAccess', ops.GrantApiAccessDocument, { applicationId: a.appId, scopes: ['DirectoryReadAll'] }],
    ['revokeApiAccess', ops.RevokeApiAccessDocument, { applicationId: a.appId }],
    [
      'grantApiPermissions: B’s app on A’s API',
      ops.GrantApiPermissionsDocument,
      { applicationId: mine.appId, resourceApplicationId: a.appId, permissions: { scopes: ['Files.Read'] } },
    ],
    ['revokeApiPermissions', ops.RevokeApiPermissionsDocument, { applicationId: a.clientAppId, resourceApplicationId: a.appId }],
    ['assignApplication', ops.AssignApplicationDocument, { applicationId: a.appId, principal: user(a.memberId) }],
    ['assignApplication: B’s app, A’s user', ops.AssignApplicationDocument, { applicationId: mine.appId, principal: user(a.guestId) }],
    [
      'assignApplication: B’s app, A’s group',
      ops.AssignApplicationDocument,
      { applicationId: mine.appId, principal: { type: 'Group', id: a.groupId } },
    ],
    ['unassignApplication', ops.UnassignApplicationDocument, { applicationId: a.appId, principal: user(a.guestId) }],
    ['assignDirectoryRole', ops.AssignDirectoryRoleDocument, { principal: user(a.memberId), role: 'GlobalAdministrator' }],
    [
      'assignDirectoryRole: A’s automation app',
      ops.AssignDirectoryRoleDocument,
      { principal: { type: 'Application', id: a.automationId }, role: 'GlobalAdministrator' },
    ],
    ['unassignDirectoryRole', ops.UnassignDirectoryRoleDocument, { principal: user(a.memberId), role: 'GuestInviter' }],
    ['removePartner', ops.RemovePartnerDocument, { id: a.partnerId, mode: 'Remove' }],
    ['removeIdentityProvider', ops.RemoveIdentityProviderDocument, { id: a.identityProviderId }],
    ['removeDomain', ops.RemoveDomainDocument, { name: a.addedDomain }],
    ['verifyDomain', ops.VerifyDomainDocument, { name: a.addedDomain, takeOver: false }],
    ['retryOutboxMessage', ops.RetryOutboxMessageDocument, { id: a.outboxMessageId }],
  ] as Op[];
}

/** Everything A's admin can read of the objects: must not move while B acts. */
async function readBack(admin: GraphQLClient, o: Objects) {
  return {
    guest: await admin.data(ops.UserDetailDocument, { id: o.guestId }),
    member: await admin.data(ops.UserDocument, { id: o.memberId }),
    group: await admin.data(ops.GroupMembersDocument, { id: o.groupId }),
    app: await admin.data(ops.ApplicationDocument, { id: o.appId }),
    samlApp: await admin.data(ops.SamlApplicationDocument, { id: o.samlAppId }),
    secrets: await admin.data(ops.ApplicationSecretsDocument, { id: o.appId }),
    apis: await admin.data(ops.ApplicationApisDocument, { id: o.appId }),
    apiAccess: await admin.data(ops.ApplicationApiAccessDocument, { id: o.appId }),
    invitation: await admin.data(ops.InvitationDocument, { id: o.invitationId }),
    batch: await admin.data(ops.InvitationBatchDocument, { id: o.batchId }),
    partner: await admin.data(ops.PartnerDocument, { id: o.partnerId }),
    domains: await admin.data(ops.DomainsDocument, {}),
    identityProviders: await admin.data(ops.IdentityProvidersDocument, {}),
    outbox: await admin.data(ops.OutboxDocument, {}),
    viewer: await admin.data(ops.ViewerDocument, {}),
  };
}

describe.each(testDatabases())('tenant isolation (%s)', (kind) => {
  const s = twoTenants(kind, 'http');
  let a: Objects;
  let b: Objects;

  let upstream: Awaited<ReturnType<typeof startUpstreamIdp>>;

  beforeAll(async () => {
    upstream = await startUpstreamIdp(`${s.t.baseUrl}/federation/callback`);
    a = await holdOneOfEach(s.t, s.a.admin, upstream.issuer);
    b = await holdOneOfEach(s.t, s.b.admin, upstream.issuer);
  });
  afterAll(() => upstream.close());

  it('answers every operation naming another tenant’s object as it answers an id that exists nowhere', async () => {
    const before = await readBack(s.a.admin.client, a);
    const answers: Record<string, unknown> = {};
    for (const [name, document, variables] of crossTenantOperations(a, b)) {
      const result = await s.b.admin.client.run(document, variables as never);
      answers[name] = result.errors?.[0]?.extensions?.code ?? result.data;
    }
    expect(answers).toEqual(Object.fromEntries(crossTenantOperations(a, b).map(([name]) => [name, 'NOT_FOUND'])));
    expect(await readBack(s.a.admin.client, a)).toEqual(before);
  });

  it('shows the other tenant’s objects in none of the caller’s lists', async () => {
    const b = s.b.admin.client;
    const seen = JSON.stringify([
      await b.data(ops.UsersDocument, { first: 100 }),
      await b.data(ops.GroupsDocument, {}),
      await b.data(ops.ApplicationsDocument, { first: 100 }),
      await b.data(ops.PartnersDocument, {}),
      await b.data(ops.InvitationsDocument, { first: 100 }),
      await b.data(ops.InvitationBatchesDocument, {}),
      await b.data(ops.OutboxDocument, {}),
      await b.data(ops.AuditEventsDocument, { first: 100 }),
      await b.data(ops.SignInsDocument, {}),
      await b.data(ops.DomainsDocument, {}),
      await b.data(ops.IdentityProvidersDocument, {}),
      await b.data(ops.TenantDocument, {}),
      await b.data(ops.ViewerDocument, {}),
    ]);
    for (const id of [a.appId, a.clientAppId, a.groupId, a.invitationId, a.guestId, a.memberId, a.batchId, a.partnerDomain, a.addedDomain])
      expect(seen).not.toContain(id);
    expect(seen).not.toContain(s.a.tenant.id);
  });

  it('lists every operation of the schema, as naming an object (above) or acting on the caller’s tenant', () => {
    const fields = schemaOperations();
    const named = new Set(crossTenantOperations(a, b).map(([, document]) => rootFieldOf(document)));
    expect(fields.filter((field) => !named.has(field) && !TENANT_SCOPED.has(field))).toEqual([]);
    expect([...named].filter((field) => TENANT_SCOPED.has(field))).toEqual([]);
  });
});
