/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ConsoleViewer {\n    viewer {\n      id\n      displayName\n      roles\n      permissions\n      tenant {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ConsoleViewerDocument,
    "\n  mutation ConsoleGrantApiAccess($applicationId: ID!, $scopes: [ApiScope!]!) {\n    grantApiAccess(applicationId: $applicationId, scopes: $scopes) {\n      scopes\n      updatedAt\n    }\n  }\n": typeof types.ConsoleGrantApiAccessDocument,
    "\n  mutation ConsoleRevokeApiAccess($applicationId: ID!) {\n    revokeApiAccess(applicationId: $applicationId) {\n      id\n    }\n  }\n": typeof types.ConsoleRevokeApiAccessDocument,
    "\n  query ConsoleAssignableGroups {\n    groups(first: 200) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.ConsoleAssignableGroupsDocument,
    "\n  query ConsolePrincipalUser($id: ID!) {\n    user(id: $id) {\n      id\n      displayName\n      mail\n    }\n  }\n": typeof types.ConsolePrincipalUserDocument,
    "\n  query ConsolePrincipalGroup($id: ID!) {\n    group(id: $id) {\n      id\n      displayName\n    }\n  }\n": typeof types.ConsolePrincipalGroupDocument,
    "\n  mutation ConsoleAssignApplication($applicationId: ID!, $principal: PrincipalInput!) {\n    assignApplication(applicationId: $applicationId, principal: $principal) {\n      id\n    }\n  }\n": typeof types.ConsoleAssignApplicationDocument,
    "\n  mutation ConsoleUnassignApplication($applicationId: ID!, $principal: PrincipalInput!) {\n    unassignApplication(applicationId: $applicationId, principal: $principal) {\n      id\n    }\n  }\n": typeof types.ConsoleUnassignApplicationDocument,
    "\n  mutation ConsoleExposeApi($applicationId: ID!, $input: ExposeApiInput!) {\n    exposeApi(applicationId: $applicationId, input: $input) {\n      identifierUri\n      updatedAt\n    }\n  }\n": typeof types.ConsoleExposeApiDocument,
    "\n  mutation ConsoleRemoveExposedApi($applicationId: ID!) {\n    removeExposedApi(applicationId: $applicationId) {\n      id\n    }\n  }\n": typeof types.ConsoleRemoveExposedApiDocument,
    "\n  mutation ConsoleAddApplicationSecret($applicationId: ID!, $input: AddApplicationSecretInput!) {\n    addApplicationSecret(applicationId: $applicationId, input: $input) {\n      secretText\n      secret {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.ConsoleAddApplicationSecretDocument,
    "\n  mutation ConsoleRemoveApplicationSecret($applicationId: ID!, $secretId: ID!) {\n    removeApplicationSecret(applicationId: $applicationId, secretId: $secretId) {\n      id\n    }\n  }\n": typeof types.ConsoleRemoveApplicationSecretDocument,
    "\n  mutation ConsoleUpdateApplication($id: ID!, $input: UpdateApplicationInput!) {\n    updateApplication(id: $id, input: $input) {\n      id\n      replyUrls\n      assignmentRequired\n    }\n  }\n": typeof types.ConsoleUpdateApplicationDocument,
    "\n  query ConsoleApplication($id: ID!) {\n    application(id: $id) {\n      id\n      appId\n      displayName\n      assignmentRequired\n      replyUrls\n      createdAt\n      apiAccess {\n        scopes\n        updatedAt\n      }\n      exposedApi {\n        identifierUri\n        updatedAt\n        scopes {\n          value\n          adminConsentDescription\n          enabled\n        }\n        appRoles {\n          value\n          displayName\n          allowedMemberTypes\n          enabled\n        }\n      }\n      secrets {\n        id\n        displayName\n        hint\n        createdAt\n        expiresAt\n      }\n      assignments {\n        id\n        principalId\n        principalType\n        createdAt\n      }\n    }\n  }\n": typeof types.ConsoleApplicationDocument,
    "\n  mutation ConsoleDeleteApplication($id: ID!) {\n    deleteApplication(id: $id)\n  }\n": typeof types.ConsoleDeleteApplicationDocument,
    "\n  query ConsoleApplications($first: Int, $after: String) {\n    applications(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        appId\n        displayName\n        assignmentRequired\n        createdAt\n      }\n    }\n  }\n": typeof types.ConsoleApplicationsDocument,
    "\n  query ConsoleAuditEvents($first: Int, $after: String, $filter: AuditFilterInput) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        createdAt\n        action\n        actorKind\n        actorId\n        actorDisplayName\n        targetType\n        targetId\n        details\n      }\n    }\n  }\n": typeof types.ConsoleAuditEventsDocument,
    "\n  fragment ConsoleBatchSummary on InvitationBatch {\n    id\n    fileName\n    createdAt\n    uploaderDisplayName\n    status\n    totalRows\n    createdCount\n    resentCount\n    skippedCount\n    failedCount\n  }\n": typeof types.ConsoleBatchSummaryFragmentDoc,
    "\n  query ConsoleBatches($first: Int, $after: String) {\n    invitationBatches(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ConsoleBatchSummary\n      }\n    }\n  }\n": typeof types.ConsoleBatchesDocument,
    "\n  query ConsoleBatch($id: ID!, $first: Int, $after: String) {\n    invitationBatch(id: $id) {\n      ...ConsoleBatchSummary\n      completedAt\n      rows(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          rowNumber\n          line\n          email\n          outcome\n          code\n          message\n        }\n      }\n    }\n    report: invitationBatchReport(id: $id)\n  }\n": typeof types.ConsoleBatchDocument,
    "\n  mutation ConsoleUploadInvitations($file: Upload!, $dryRun: Boolean) {\n    uploadInvitations(file: $file, dryRun: $dryRun) {\n      id\n      dryRun\n      totalRows\n      createdCount\n      resentCount\n      skippedCount\n      failedCount\n      reportCsv\n      rows(first: 100) {\n        nodes {\n          rowNumber\n          line\n          email\n          outcome\n          code\n          message\n        }\n      }\n    }\n  }\n": typeof types.ConsoleUploadInvitationsDocument,
    "\n  mutation ConsoleCreateApplication($input: CreateApplicationInput!) {\n    createApplication(input: $input) {\n      clientSecret\n      application {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.ConsoleCreateApplicationDocument,
    "\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      displayName\n      mail\n    }\n  }\n": typeof types.ConsoleCreateUserDocument,
    "\n  query ConsoleGroup($id: ID!, $first: Int, $after: String) {\n    group(id: $id) {\n      id\n      displayName\n      description\n      createdAt\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          displayName\n          mail\n          userType\n        }\n      }\n    }\n  }\n": typeof types.ConsoleGroupDocument,
    "\n  mutation ConsoleAddGroupMember($groupId: ID!, $userId: ID!) {\n    addGroupMember(groupId: $groupId, userId: $userId) {\n      id\n    }\n  }\n": typeof types.ConsoleAddGroupMemberDocument,
    "\n  mutation ConsoleRemoveGroupMember($groupId: ID!, $userId: ID!) {\n    removeGroupMember(groupId: $groupId, userId: $userId) {\n      id\n    }\n  }\n": typeof types.ConsoleRemoveGroupMemberDocument,
    "\n  query ConsoleGroups($first: Int, $after: String) {\n    groups(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        description\n        createdAt\n      }\n    }\n  }\n": typeof types.ConsoleGroupsDocument,
    "\n  mutation ConsoleCreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) {\n      id\n      displayName\n    }\n  }\n": typeof types.ConsoleCreateGroupDocument,
    "\n  query ConsoleInvitations($first: Int, $after: String, $filter: InvitationFilterInput) {\n    invitations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        email\n        displayName\n        status\n        createdAt\n        delivery {\n          outboxMessageId\n          status\n          lastError\n        }\n      }\n    }\n  }\n": typeof types.ConsoleInvitationsDocument,
    "\n  mutation ConsoleRetryDelivery($id: ID!) {\n    retryOutboxMessage(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ConsoleRetryDeliveryDocument,
    "\n  mutation ConsoleRevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ConsoleRevokeInvitationDocument,
    "\n  mutation ConsoleResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      id\n      status\n      delivery {\n        outboxMessageId\n        status\n        lastError\n      }\n    }\n  }\n": typeof types.ConsoleResendInvitationDocument,
    "\n  query ConsoleInvitePickers {\n    applications(first: 100) {\n      nodes {\n        id\n        displayName\n        usableByPeople\n      }\n    }\n    groups(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.ConsoleInvitePickersDocument,
    "\n  mutation ConsoleInviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      id\n      email\n      status\n    }\n  }\n": typeof types.ConsoleInviteUserDocument,
    "\n  query ConsoleOverview(\n    $invitations: Boolean!\n    $outbox: Boolean!\n    $directory: Boolean!\n    $audit: Boolean!\n    $signIns: Boolean!\n    $recent: Int!\n    $redeemed: [String!]!\n  ) {\n    pending: invitations(first: 1, filter: { status: PendingAcceptance }) @include(if: $invitations) {\n      totalCount\n    }\n    failed: outbox(first: 1, statuses: [Failed]) @include(if: $outbox) {\n      totalCount\n    }\n    partners(first: 1) @include(if: $directory) {\n      totalCount\n    }\n    redemptions: auditEvents(first: $recent, filter: { actions: $redeemed }) @include(if: $audit) {\n      nodes {\n        id\n        createdAt\n        actorDisplayName\n      }\n    }\n    signIns(first: $recent) @include(if: $signIns) {\n      nodes {\n        id\n        createdAt\n        result\n        userDisplayName\n        signInAddress\n        appDisplayName\n      }\n    }\n  }\n": typeof types.ConsoleOverviewDocument,
    "\n  query ConsolePartner($id: ID!, $first: Int, $after: String) {\n    partner(id: $id) {\n      id\n      name\n      kind\n      domains\n      guestCount\n      pendingInvitations\n      lastSignInAt\n      guests(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          displayName\n          mail\n          accountEnabled\n          lastSignInAt\n        }\n      }\n    }\n  }\n": typeof types.ConsolePartnerDocument,
    "\n  mutation ConsoleRemovePartner($id: ID!, $mode: RemovePartnerMode) {\n    removePartner(id: $id, mode: $mode)\n  }\n": typeof types.ConsoleRemovePartnerDocument,
    "\n  fragment ConsolePartnerPolicyFields on Tenant {\n    id\n    partnerDomainPolicy\n    partnerDomains\n    refuseConsumerDomains\n  }\n": typeof types.ConsolePartnerPolicyFieldsFragmentDoc,
    "\n  query ConsolePartnerPolicy {\n    tenant {\n      ...ConsolePartnerPolicyFields\n    }\n  }\n": typeof types.ConsolePartnerPolicyDocument,
    "\n  mutation ConsoleUpdatePartnerPolicy($input: PartnerDomainPolicyInput!) {\n    updatePartnerDomainPolicy(input: $input) {\n      ...ConsolePartnerPolicyFields\n    }\n  }\n": typeof types.ConsoleUpdatePartnerPolicyDocument,
    "\n  query ConsolePartners($first: Int, $after: String, $search: String) {\n    partners(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        kind\n        domains\n        guestCount\n        pendingInvitations\n        lastSignInAt\n      }\n    }\n  }\n": typeof types.ConsolePartnersDocument,
    "\n  mutation ConsoleAddDomain($name: String!) {\n    addDomain(name: $name) {\n      name\n      state\n    }\n  }\n": typeof types.ConsoleAddDomainDocument,
    "\n  query ConsoleDomains {\n    domains {\n      name\n      state\n      isDefault\n      verificationRecord {\n        name\n        type\n        value\n      }\n    }\n  }\n": typeof types.ConsoleDomainsDocument,
    "\n  mutation ConsoleVerifyDomain($name: String!, $takeOver: Boolean!) {\n    verifyDomain(name: $name, takeOver: $takeOver) {\n      name\n      state\n    }\n  }\n": typeof types.ConsoleVerifyDomainDocument,
    "\n  mutation ConsoleRemoveDomain($name: String!) {\n    removeDomain(name: $name)\n  }\n": typeof types.ConsoleRemoveDomainDocument,
    "\n  fragment ConsoleTenantSettingsFields on Tenant {\n    id\n    name\n    privacyUrl\n    contactUrl\n    logoUrl\n    brandColor\n    allowedRedirectHosts\n    invitationTtlDays\n  }\n": typeof types.ConsoleTenantSettingsFieldsFragmentDoc,
    "\n  query ConsoleTenantSettings {\n    tenant {\n      ...ConsoleTenantSettingsFields\n    }\n  }\n": typeof types.ConsoleTenantSettingsDocument,
    "\n  mutation ConsoleUpdateTenantSettings($input: TenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      ...ConsoleTenantSettingsFields\n    }\n  }\n": typeof types.ConsoleUpdateTenantSettingsDocument,
    "\n  query ConsoleInvitationPreview($input: InvitationPreviewInput!) {\n    invitationPreview(input: $input) {\n      subject\n    }\n  }\n": typeof types.ConsoleInvitationPreviewDocument,
    "\n  query ConsoleIdentityProviders {\n    identityProviders {\n      id\n      issuer\n      clientId\n      domains\n      createdAt\n    }\n    tenant {\n      id\n      domains\n    }\n  }\n": typeof types.ConsoleIdentityProvidersDocument,
    "\n  mutation ConsoleRegisterIdentityProvider($input: RegisterIdentityProviderInput!) {\n    registerIdentityProvider(input: $input) {\n      id\n      issuer\n    }\n  }\n": typeof types.ConsoleRegisterIdentityProviderDocument,
    "\n  mutation ConsoleRemoveIdentityProvider($id: ID!) {\n    removeIdentityProvider(id: $id)\n  }\n": typeof types.ConsoleRemoveIdentityProviderDocument,
    "\n  fragment ConsoleSigningKeyFields on SigningKey {\n    kid\n    alg\n    status\n    createdAt\n    activatesAt\n    retiresAt\n  }\n": typeof types.ConsoleSigningKeyFieldsFragmentDoc,
    "\n  query ConsoleSigningKeys {\n    signingKeys {\n      ...ConsoleSigningKeyFields\n    }\n  }\n": typeof types.ConsoleSigningKeysDocument,
    "\n  mutation ConsoleRotateSigningKey($activateInSeconds: Int) {\n    rotateSigningKey(activateInSeconds: $activateInSeconds) {\n      ...ConsoleSigningKeyFields\n    }\n  }\n": typeof types.ConsoleRotateSigningKeyDocument,
    "\n  fragment ConsoleSecurityPolicyFields on SecurityPolicy {\n    mfaForAdmins\n    mfaForMembers\n    mfaForGuests\n    trustPartnerMfa\n    signInFrequencyMinutes\n    termsAudience\n    termsUrl\n    termsVersion\n    termsDocuments {\n      language\n      url\n    }\n  }\n": typeof types.ConsoleSecurityPolicyFieldsFragmentDoc,
    "\n  query ConsoleSecurityPolicy {\n    securityPolicy {\n      ...ConsoleSecurityPolicyFields\n    }\n  }\n": typeof types.ConsoleSecurityPolicyDocument,
    "\n  mutation ConsoleUpdateSecurityPolicy($input: UpdateSecurityPolicyInput!) {\n    updateSecurityPolicy(input: $input) {\n      ...ConsoleSecurityPolicyFields\n    }\n  }\n": typeof types.ConsoleUpdateSecurityPolicyDocument,
    "\n  query ConsoleTermsAcceptances($first: Int, $after: String, $filter: TermsAcceptanceFilterInput) {\n    termsAcceptances(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        userId\n        user {\n          id\n          displayName\n          mail\n        }\n        version\n        language\n        acceptedAt\n      }\n    }\n  }\n": typeof types.ConsoleTermsAcceptancesDocument,
    "\n  query ConsoleSignIns($first: Int, $after: String, $filter: SignInFilterInput) {\n    signIns(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        createdAt\n        kind\n        result\n        reasonCode\n        userId\n        userDisplayName\n        signInAddress\n        applicationId\n        appDisplayName\n        ip\n        authMethods\n        homeIdp\n      }\n    }\n  }\n": typeof types.ConsoleSignInsDocument,
    "\n  mutation ConsoleSetUserEnabled($id: ID!, $enabled: Boolean!) {\n    setUserEnabled(id: $id, enabled: $enabled) {\n      id\n      accountEnabled\n    }\n  }\n": typeof types.ConsoleSetUserEnabledDocument,
    "\n  mutation ConsoleRemoveUser($id: ID!) {\n    removeUser(id: $id)\n  }\n": typeof types.ConsoleRemoveUserDocument,
    "\n  mutation ConsoleRevokeSignInSessions($userId: ID!) {\n    revokeSignInSessions(userId: $userId)\n  }\n": typeof types.ConsoleRevokeSignInSessionsDocument,
    "\n  mutation ConsoleResetUserMfa($userId: ID!) {\n    resetUserMfa(userId: $userId)\n  }\n": typeof types.ConsoleResetUserMfaDocument,
    "\n  mutation ConsoleResetUserPassword($userId: ID!) {\n    resetUserPassword(userId: $userId) {\n      id\n    }\n  }\n": typeof types.ConsoleResetUserPasswordDocument,
    "\n  mutation ConsoleSendPasswordReset($userId: ID!) {\n    sendPasswordReset(userId: $userId)\n  }\n": typeof types.ConsoleSendPasswordResetDocument,
    "\n  mutation ConsoleResetRedemption($userId: ID!, $newEmail: String!) {\n    resetRedemption(userId: $userId, newEmail: $newEmail) {\n      id\n      invitedUser {\n        id\n        mail\n        externalUserState\n      }\n    }\n  }\n": typeof types.ConsoleResetRedemptionDocument,
    "\n  query ConsoleUser($id: ID!) {\n    user(id: $id) {\n      id\n      displayName\n      mail\n      userPrincipalName\n      userType\n      externalUserState\n      externalUserStateChangedAt\n      activationPending\n      accountEnabled\n      accessExpiresAt\n      lastSignInAt\n      createdAt\n      roles\n      homeOrganization {\n        id\n        name\n      }\n      groups {\n        id\n        displayName\n      }\n      applications {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.ConsoleUserDocument,
    "\n  query ConsoleUserSearch($search: String!) {\n    users(first: 10, filter: { search: $search }) {\n      nodes {\n        id\n        displayName\n        mail\n        userType\n      }\n    }\n  }\n": typeof types.ConsoleUserSearchDocument,
    "\n  query ConsoleUsers($first: Int, $after: String, $filter: UserFilterInput) {\n    users(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        mail\n        userType\n        externalUserState\n        activationPending\n        accountEnabled\n        lastSignInAt\n        homeOrganization {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.ConsoleUsersDocument,
};
const documents: Documents = {
    "\n  query ConsoleViewer {\n    viewer {\n      id\n      displayName\n      roles\n      permissions\n      tenant {\n        id\n        name\n      }\n    }\n  }\n": types.ConsoleViewerDocument,
    "\n  mutation ConsoleGrantApiAccess($applicationId: ID!, $scopes: [ApiScope!]!) {\n    grantApiAccess(applicationId: $applicationId, scopes: $scopes) {\n      scopes\n      updatedAt\n    }\n  }\n": types.ConsoleGrantApiAccessDocument,
    "\n  mutation ConsoleRevokeApiAccess($applicationId: ID!) {\n    revokeApiAccess(applicationId: $applicationId) {\n      id\n    }\n  }\n": types.ConsoleRevokeApiAccessDocument,
    "\n  query ConsoleAssignableGroups {\n    groups(first: 200) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n": types.ConsoleAssignableGroupsDocument,
    "\n  query ConsolePrincipalUser($id: ID!) {\n    user(id: $id) {\n      id\n      displayName\n      mail\n    }\n  }\n": types.ConsolePrincipalUserDocument,
    "\n  query ConsolePrincipalGroup($id: ID!) {\n    group(id: $id) {\n      id\n      displayName\n    }\n  }\n": types.ConsolePrincipalGroupDocument,
    "\n  mutation ConsoleAssignApplication($applicationId: ID!, $principal: PrincipalInput!) {\n    assignApplication(applicationId: $applicationId, principal: $principal) {\n      id\n    }\n  }\n": types.ConsoleAssignApplicationDocument,
    "\n  mutation ConsoleUnassignApplication($applicationId: ID!, $principal: PrincipalInput!) {\n    unassignApplication(applicationId: $applicationId, principal: $principal) {\n      id\n    }\n  }\n": types.ConsoleUnassignApplicationDocument,
    "\n  mutation ConsoleExposeApi($applicationId: ID!, $input: ExposeApiInput!) {\n    exposeApi(applicationId: $applicationId, input: $input) {\n      identifierUri\n      updatedAt\n    }\n  }\n": types.ConsoleExposeApiDocument,
    "\n  mutation ConsoleRemoveExposedApi($applicationId: ID!) {\n    removeExposedApi(applicationId: $applicationId) {\n      id\n    }\n  }\n": types.ConsoleRemoveExposedApiDocument,
    "\n  mutation ConsoleAddApplicationSecret($applicationId: ID!, $input: AddApplicationSecretInput!) {\n    addApplicationSecret(applicationId: $applicationId, input: $input) {\n      secretText\n      secret {\n        id\n        displayName\n      }\n    }\n  }\n": types.ConsoleAddApplicationSecretDocument,
    "\n  mutation ConsoleRemoveApplicationSecret($applicationId: ID!, $secretId: ID!) {\n    removeApplicationSecret(applicationId: $applicationId, secretId: $secretId) {\n      id\n    }\n  }\n": types.ConsoleRemoveApplicationSecretDocument,
    "\n  mutation ConsoleUpdateApplication($id: ID!, $input: UpdateApplicationInput!) {\n    updateApplication(id: $id, input: $input) {\n      id\n      replyUrls\n      assignmentRequired\n    }\n  }\n": types.ConsoleUpdateApplicationDocument,
    "\n  query ConsoleApplication($id: ID!) {\n    application(id: $id) {\n      id\n      appId\n      displayName\n      assignmentRequired\n      replyUrls\n      createdAt\n      apiAccess {\n        scopes\n        updatedAt\n      }\n      exposedApi {\n        identifierUri\n        updatedAt\n        scopes {\n          value\n          adminConsentDescription\n          enabled\n        }\n        appRoles {\n          value\n          displayName\n          allowedMemberTypes\n          enabled\n        }\n      }\n      secrets {\n        id\n        displayName\n        hint\n        createdAt\n        expiresAt\n      }\n      assignments {\n        id\n        principalId\n        principalType\n        createdAt\n      }\n    }\n  }\n": types.ConsoleApplicationDocument,
    "\n  mutation ConsoleDeleteApplication($id: ID!) {\n    deleteApplication(id: $id)\n  }\n": types.ConsoleDeleteApplicationDocument,
    "\n  query ConsoleApplications($first: Int, $after: String) {\n    applications(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        appId\n        displayName\n        assignmentRequired\n        createdAt\n      }\n    }\n  }\n": types.ConsoleApplicationsDocument,
    "\n  query ConsoleAuditEvents($first: Int, $after: String, $filter: AuditFilterInput) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        createdAt\n        action\n        actorKind\n        actorId\n        actorDisplayName\n        targetType\n        targetId\n        details\n      }\n    }\n  }\n": types.ConsoleAuditEventsDocument,
    "\n  fragment ConsoleBatchSummary on InvitationBatch {\n    id\n    fileName\n    createdAt\n    uploaderDisplayName\n    status\n    totalRows\n    createdCount\n    resentCount\n    skippedCount\n    failedCount\n  }\n": types.ConsoleBatchSummaryFragmentDoc,
    "\n  query ConsoleBatches($first: Int, $after: String) {\n    invitationBatches(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ConsoleBatchSummary\n      }\n    }\n  }\n": types.ConsoleBatchesDocument,
    "\n  query ConsoleBatch($id: ID!, $first: Int, $after: String) {\n    invitationBatch(id: $id) {\n      ...ConsoleBatchSummary\n      completedAt\n      rows(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          rowNumber\n          line\n          email\n          outcome\n          code\n          message\n        }\n      }\n    }\n    report: invitationBatchReport(id: $id)\n  }\n": types.ConsoleBatchDocument,
    "\n  mutation ConsoleUploadInvitations($file: Upload!, $dryRun: Boolean) {\n    uploadInvitations(file: $file, dryRun: $dryRun) {\n      id\n      dryRun\n      totalRows\n      createdCount\n      resentCount\n      skippedCount\n      failedCount\n      reportCsv\n      rows(first: 100) {\n        nodes {\n          rowNumber\n          line\n          email\n          outcome\n          code\n          message\n        }\n      }\n    }\n  }\n": types.ConsoleUploadInvitationsDocument,
    "\n  mutation ConsoleCreateApplication($input: CreateApplicationInput!) {\n    createApplication(input: $input) {\n      clientSecret\n      application {\n        id\n        displayName\n      }\n    }\n  }\n": types.ConsoleCreateApplicationDocument,
    "\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      displayName\n      mail\n    }\n  }\n": types.ConsoleCreateUserDocument,
    "\n  query ConsoleGroup($id: ID!, $first: Int, $after: String) {\n    group(id: $id) {\n      id\n      displayName\n      description\n      createdAt\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          displayName\n          mail\n          userType\n        }\n      }\n    }\n  }\n": types.ConsoleGroupDocument,
    "\n  mutation ConsoleAddGroupMember($groupId: ID!, $userId: ID!) {\n    addGroupMember(groupId: $groupId, userId: $userId) {\n      id\n    }\n  }\n": types.ConsoleAddGroupMemberDocument,
    "\n  mutation ConsoleRemoveGroupMember($groupId: ID!, $userId: ID!) {\n    removeGroupMember(groupId: $groupId, userId: $userId) {\n      id\n    }\n  }\n": types.ConsoleRemoveGroupMemberDocument,
    "\n  query ConsoleGroups($first: Int, $after: String) {\n    groups(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        description\n        createdAt\n      }\n    }\n  }\n": types.ConsoleGroupsDocument,
    "\n  mutation ConsoleCreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) {\n      id\n      displayName\n    }\n  }\n": types.ConsoleCreateGroupDocument,
    "\n  query ConsoleInvitations($first: Int, $after: String, $filter: InvitationFilterInput) {\n    invitations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        email\n        displayName\n        status\n        createdAt\n        delivery {\n          outboxMessageId\n          status\n          lastError\n        }\n      }\n    }\n  }\n": types.ConsoleInvitationsDocument,
    "\n  mutation ConsoleRetryDelivery($id: ID!) {\n    retryOutboxMessage(id: $id) {\n      id\n      status\n    }\n  }\n": types.ConsoleRetryDeliveryDocument,
    "\n  mutation ConsoleRevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      status\n    }\n  }\n": types.ConsoleRevokeInvitationDocument,
    "\n  mutation ConsoleResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      id\n      status\n      delivery {\n        outboxMessageId\n        status\n        lastError\n      }\n    }\n  }\n": types.ConsoleResendInvitationDocument,
    "\n  query ConsoleInvitePickers {\n    applications(first: 100) {\n      nodes {\n        id\n        displayName\n        usableByPeople\n      }\n    }\n    groups(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n": types.ConsoleInvitePickersDocument,
    "\n  mutation ConsoleInviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      id\n      email\n      status\n    }\n  }\n": types.ConsoleInviteUserDocument,
    "\n  query ConsoleOverview(\n    $invitations: Boolean!\n    $outbox: Boolean!\n    $directory: Boolean!\n    $audit: Boolean!\n    $signIns: Boolean!\n    $recent: Int!\n    $redeemed: [String!]!\n  ) {\n    pending: invitations(first: 1, filter: { status: PendingAcceptance }) @include(if: $invitations) {\n      totalCount\n    }\n    failed: outbox(first: 1, statuses: [Failed]) @include(if: $outbox) {\n      totalCount\n    }\n    partners(first: 1) @include(if: $directory) {\n      totalCount\n    }\n    redemptions: auditEvents(first: $recent, filter: { actions: $redeemed }) @include(if: $audit) {\n      nodes {\n        id\n        createdAt\n        actorDisplayName\n      }\n    }\n    signIns(first: $recent) @include(if: $signIns) {\n      nodes {\n        id\n        createdAt\n        result\n        userDisplayName\n        signInAddress\n        appDisplayName\n      }\n    }\n  }\n": types.ConsoleOverviewDocument,
    "\n  query ConsolePartner($id: ID!, $first: Int, $after: String) {\n    partner(id: $id) {\n      id\n      name\n      kind\n      domains\n      guestCount\n      pendingInvitations\n      lastSignInAt\n      guests(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          displayName\n          mail\n          accountEnabled\n          lastSignInAt\n        }\n      }\n    }\n  }\n": types.ConsolePartnerDocument,
    "\n  mutation ConsoleRemovePartner($id: ID!, $mode: RemovePartnerMode) {\n    removePartner(id: $id, mode: $mode)\n  }\n": types.ConsoleRemovePartnerDocument,
    "\n  fragment ConsolePartnerPolicyFields on Tenant {\n    id\n    partnerDomainPolicy\n    partnerDomains\n    refuseConsumerDomains\n  }\n": types.ConsolePartnerPolicyFieldsFragmentDoc,
    "\n  query ConsolePartnerPolicy {\n    tenant {\n      ...ConsolePartnerPolicyFields\n    }\n  }\n": types.ConsolePartnerPolicyDocument,
    "\n  mutation ConsoleUpdatePartnerPolicy($input: PartnerDomainPolicyInput!) {\n    updatePartnerDomainPolicy(input: $input) {\n      ...ConsolePartnerPolicyFields\n    }\n  }\n": types.ConsoleUpdatePartnerPolicyDocument,
    "\n  query ConsolePartners($first: Int, $after: String, $search: String) {\n    partners(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        kind\n        domains\n        guestCount\n        pendingInvitations\n        lastSignInAt\n      }\n    }\n  }\n": types.ConsolePartnersDocument,
    "\n  mutation ConsoleAddDomain($name: String!) {\n    addDomain(name: $name) {\n      name\n      state\n    }\n  }\n": types.ConsoleAddDomainDocument,
    "\n  query ConsoleDomains {\n    domains {\n      name\n      state\n      isDefault\n      verificationRecord {\n        name\n        type\n        value\n      }\n    }\n  }\n": types.ConsoleDomainsDocument,
    "\n  mutation ConsoleVerifyDomain($name: String!, $takeOver: Boolean!) {\n    verifyDomain(name: $name, takeOver: $takeOver) {\n      name\n      state\n    }\n  }\n": types.ConsoleVerifyDomainDocument,
    "\n  mutation ConsoleRemoveDomain($name: String!) {\n    removeDomain(name: $name)\n  }\n": types.ConsoleRemoveDomainDocument,
    "\n  fragment ConsoleTenantSettingsFields on Tenant {\n    id\n    name\n    privacyUrl\n    contactUrl\n    logoUrl\n    brandColor\n    allowedRedirectHosts\n    invitationTtlDays\n  }\n": types.ConsoleTenantSettingsFieldsFragmentDoc,
    "\n  query ConsoleTenantSettings {\n    tenant {\n      ...ConsoleTenantSettingsFields\n    }\n  }\n": types.ConsoleTenantSettingsDocument,
    "\n  mutation ConsoleUpdateTenantSettings($input: TenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      ...ConsoleTenantSettingsFields\n    }\n  }\n": types.ConsoleUpdateTenantSettingsDocument,
    "\n  query ConsoleInvitationPreview($input: InvitationPreviewInput!) {\n    invitationPreview(input: $input) {\n      subject\n    }\n  }\n": types.ConsoleInvitationPreviewDocument,
    "\n  query ConsoleIdentityProviders {\n    identityProviders {\n      id\n      issuer\n      clientId\n      domains\n      createdAt\n    }\n    tenant {\n      id\n      domains\n    }\n  }\n": types.ConsoleIdentityProvidersDocument,
    "\n  mutation ConsoleRegisterIdentityProvider($input: RegisterIdentityProviderInput!) {\n    registerIdentityProvider(input: $input) {\n      id\n      issuer\n    }\n  }\n": types.ConsoleRegisterIdentityProviderDocument,
    "\n  mutation ConsoleRemoveIdentityProvider($id: ID!) {\n    removeIdentityProvider(id: $id)\n  }\n": types.ConsoleRemoveIdentityProviderDocument,
    "\n  fragment ConsoleSigningKeyFields on SigningKey {\n    kid\n    alg\n    status\n    createdAt\n    activatesAt\n    retiresAt\n  }\n": types.ConsoleSigningKeyFieldsFragmentDoc,
    "\n  query ConsoleSigningKeys {\n    signingKeys {\n      ...ConsoleSigningKeyFields\n    }\n  }\n": types.ConsoleSigningKeysDocument,
    "\n  mutation ConsoleRotateSigningKey($activateInSeconds: Int) {\n    rotateSigningKey(activateInSeconds: $activateInSeconds) {\n      ...ConsoleSigningKeyFields\n    }\n  }\n": types.ConsoleRotateSigningKeyDocument,
    "\n  fragment ConsoleSecurityPolicyFields on SecurityPolicy {\n    mfaForAdmins\n    mfaForMembers\n    mfaForGuests\n    trustPartnerMfa\n    signInFrequencyMinutes\n    termsAudience\n    termsUrl\n    termsVersion\n    termsDocuments {\n      language\n      url\n    }\n  }\n": types.ConsoleSecurityPolicyFieldsFragmentDoc,
    "\n  query ConsoleSecurityPolicy {\n    securityPolicy {\n      ...ConsoleSecurityPolicyFields\n    }\n  }\n": types.ConsoleSecurityPolicyDocument,
    "\n  mutation ConsoleUpdateSecurityPolicy($input: UpdateSecurityPolicyInput!) {\n    updateSecurityPolicy(input: $input) {\n      ...ConsoleSecurityPolicyFields\n    }\n  }\n": types.ConsoleUpdateSecurityPolicyDocument,
    "\n  query ConsoleTermsAcceptances($first: Int, $after: String, $filter: TermsAcceptanceFilterInput) {\n    termsAcceptances(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        userId\n        user {\n          id\n          displayName\n          mail\n        }\n        version\n        language\n        acceptedAt\n      }\n    }\n  }\n": types.ConsoleTermsAcceptancesDocument,
    "\n  query ConsoleSignIns($first: Int, $after: String, $filter: SignInFilterInput) {\n    signIns(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        createdAt\n        kind\n        result\n        reasonCode\n        userId\n        userDisplayName\n        signInAddress\n        applicationId\n        appDisplayName\n        ip\n        authMethods\n        homeIdp\n      }\n    }\n  }\n": types.ConsoleSignInsDocument,
    "\n  mutation ConsoleSetUserEnabled($id: ID!, $enabled: Boolean!) {\n    setUserEnabled(id: $id, enabled: $enabled) {\n      id\n      accountEnabled\n    }\n  }\n": types.ConsoleSetUserEnabledDocument,
    "\n  mutation ConsoleRemoveUser($id: ID!) {\n    removeUser(id: $id)\n  }\n": types.ConsoleRemoveUserDocument,
    "\n  mutation ConsoleRevokeSignInSessions($userId: ID!) {\n    revokeSignInSessions(userId: $userId)\n  }\n": types.ConsoleRevokeSignInSessionsDocument,
    "\n  mutation ConsoleResetUserMfa($userId: ID!) {\n    resetUserMfa(userId: $userId)\n  }\n": types.ConsoleResetUserMfaDocument,
    "\n  mutation ConsoleResetUserPassword($userId: ID!) {\n    resetUserPassword(userId: $userId) {\n      id\n    }\n  }\n": types.ConsoleResetUserPasswordDocument,
    "\n  mutation ConsoleSendPasswordReset($userId: ID!) {\n    sendPasswordReset(userId: $userId)\n  }\n": types.ConsoleSendPasswordResetDocument,
    "\n  mutation ConsoleResetRedemption($userId: ID!, $newEmail: String!) {\n    resetRedemption(userId: $userId, newEmail: $newEmail) {\n      id\n      invitedUser {\n        id\n        mail\n        externalUserState\n      }\n    }\n  }\n": types.ConsoleResetRedemptionDocument,
    "\n  query ConsoleUser($id: ID!) {\n    user(id: $id) {\n      id\n      displayName\n      mail\n      userPrincipalName\n      userType\n      externalUserState\n      externalUserStateChangedAt\n      activationPending\n      accountEnabled\n      accessExpiresAt\n      lastSignInAt\n      createdAt\n      roles\n      homeOrganization {\n        id\n        name\n      }\n      groups {\n        id\n        displayName\n      }\n      applications {\n        id\n        displayName\n      }\n    }\n  }\n": types.ConsoleUserDocument,
    "\n  query ConsoleUserSearch($search: String!) {\n    users(first: 10, filter: { search: $search }) {\n      nodes {\n        id\n        displayName\n        mail\n        userType\n      }\n    }\n  }\n": types.ConsoleUserSearchDocument,
    "\n  query ConsoleUsers($first: Int, $after: String, $filter: UserFilterInput) {\n    users(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        mail\n        userType\n        externalUserState\n        activationPending\n        accountEnabled\n        lastSignInAt\n        homeOrganization {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.ConsoleUsersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleViewer {\n    viewer {\n      id\n      displayName\n      roles\n      permissions\n      tenant {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleViewer {\n    viewer {\n      id\n      displayName\n      roles\n      permissions\n      tenant {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleGrantApiAccess($applicationId: ID!, $scopes: [ApiScope!]!) {\n    grantApiAccess(applicationId: $applicationId, scopes: $scopes) {\n      scopes\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleGrantApiAccess($applicationId: ID!, $scopes: [ApiScope!]!) {\n    grantApiAccess(applicationId: $applicationId, scopes: $scopes) {\n      scopes\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRevokeApiAccess($applicationId: ID!) {\n    revokeApiAccess(applicationId: $applicationId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRevokeApiAccess($applicationId: ID!) {\n    revokeApiAccess(applicationId: $applicationId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAssignableGroups {\n    groups(first: 200) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleAssignableGroups {\n    groups(first: 200) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePrincipalUser($id: ID!) {\n    user(id: $id) {\n      id\n      displayName\n      mail\n    }\n  }\n"): (typeof documents)["\n  query ConsolePrincipalUser($id: ID!) {\n    user(id: $id) {\n      id\n      displayName\n      mail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePrincipalGroup($id: ID!) {\n    group(id: $id) {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  query ConsolePrincipalGroup($id: ID!) {\n    group(id: $id) {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAssignApplication($applicationId: ID!, $principal: PrincipalInput!) {\n    assignApplication(applicationId: $applicationId, principal: $principal) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleAssignApplication($applicationId: ID!, $principal: PrincipalInput!) {\n    assignApplication(applicationId: $applicationId, principal: $principal) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUnassignApplication($applicationId: ID!, $principal: PrincipalInput!) {\n    unassignApplication(applicationId: $applicationId, principal: $principal) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUnassignApplication($applicationId: ID!, $principal: PrincipalInput!) {\n    unassignApplication(applicationId: $applicationId, principal: $principal) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleExposeApi($applicationId: ID!, $input: ExposeApiInput!) {\n    exposeApi(applicationId: $applicationId, input: $input) {\n      identifierUri\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleExposeApi($applicationId: ID!, $input: ExposeApiInput!) {\n    exposeApi(applicationId: $applicationId, input: $input) {\n      identifierUri\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveExposedApi($applicationId: ID!) {\n    removeExposedApi(applicationId: $applicationId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRemoveExposedApi($applicationId: ID!) {\n    removeExposedApi(applicationId: $applicationId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAddApplicationSecret($applicationId: ID!, $input: AddApplicationSecretInput!) {\n    addApplicationSecret(applicationId: $applicationId, input: $input) {\n      secretText\n      secret {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleAddApplicationSecret($applicationId: ID!, $input: AddApplicationSecretInput!) {\n    addApplicationSecret(applicationId: $applicationId, input: $input) {\n      secretText\n      secret {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveApplicationSecret($applicationId: ID!, $secretId: ID!) {\n    removeApplicationSecret(applicationId: $applicationId, secretId: $secretId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRemoveApplicationSecret($applicationId: ID!, $secretId: ID!) {\n    removeApplicationSecret(applicationId: $applicationId, secretId: $secretId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateApplication($id: ID!, $input: UpdateApplicationInput!) {\n    updateApplication(id: $id, input: $input) {\n      id\n      replyUrls\n      assignmentRequired\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateApplication($id: ID!, $input: UpdateApplicationInput!) {\n    updateApplication(id: $id, input: $input) {\n      id\n      replyUrls\n      assignmentRequired\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleApplication($id: ID!) {\n    application(id: $id) {\n      id\n      appId\n      displayName\n      assignmentRequired\n      replyUrls\n      createdAt\n      apiAccess {\n        scopes\n        updatedAt\n      }\n      exposedApi {\n        identifierUri\n        updatedAt\n        scopes {\n          value\n          adminConsentDescription\n          enabled\n        }\n        appRoles {\n          value\n          displayName\n          allowedMemberTypes\n          enabled\n        }\n      }\n      secrets {\n        id\n        displayName\n        hint\n        createdAt\n        expiresAt\n      }\n      assignments {\n        id\n        principalId\n        principalType\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleApplication($id: ID!) {\n    application(id: $id) {\n      id\n      appId\n      displayName\n      assignmentRequired\n      replyUrls\n      createdAt\n      apiAccess {\n        scopes\n        updatedAt\n      }\n      exposedApi {\n        identifierUri\n        updatedAt\n        scopes {\n          value\n          adminConsentDescription\n          enabled\n        }\n        appRoles {\n          value\n          displayName\n          allowedMemberTypes\n          enabled\n        }\n      }\n      secrets {\n        id\n        displayName\n        hint\n        createdAt\n        expiresAt\n      }\n      assignments {\n        id\n        principalId\n        principalType\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeleteApplication($id: ID!) {\n    deleteApplication(id: $id)\n  }\n"): (typeof documents)["\n  mutation ConsoleDeleteApplication($id: ID!) {\n    deleteApplication(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleApplications($first: Int, $after: String) {\n    applications(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        appId\n        displayName\n        assignmentRequired\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleApplications($first: Int, $after: String) {\n    applications(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        appId\n        displayName\n        assignmentRequired\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAuditEvents($first: Int, $after: String, $filter: AuditFilterInput) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        createdAt\n        action\n        actorKind\n        actorId\n        actorDisplayName\n        targetType\n        targetId\n        details\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleAuditEvents($first: Int, $after: String, $filter: AuditFilterInput) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        createdAt\n        action\n        actorKind\n        actorId\n        actorDisplayName\n        targetType\n        targetId\n        details\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleBatchSummary on InvitationBatch {\n    id\n    fileName\n    createdAt\n    uploaderDisplayName\n    status\n    totalRows\n    createdCount\n    resentCount\n    skippedCount\n    failedCount\n  }\n"): (typeof documents)["\n  fragment ConsoleBatchSummary on InvitationBatch {\n    id\n    fileName\n    createdAt\n    uploaderDisplayName\n    status\n    totalRows\n    createdCount\n    resentCount\n    skippedCount\n    failedCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleBatches($first: Int, $after: String) {\n    invitationBatches(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ConsoleBatchSummary\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleBatches($first: Int, $after: String) {\n    invitationBatches(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ConsoleBatchSummary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleBatch($id: ID!, $first: Int, $after: String) {\n    invitationBatch(id: $id) {\n      ...ConsoleBatchSummary\n      completedAt\n      rows(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          rowNumber\n          line\n          email\n          outcome\n          code\n          message\n        }\n      }\n    }\n    report: invitationBatchReport(id: $id)\n  }\n"): (typeof documents)["\n  query ConsoleBatch($id: ID!, $first: Int, $after: String) {\n    invitationBatch(id: $id) {\n      ...ConsoleBatchSummary\n      completedAt\n      rows(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          rowNumber\n          line\n          email\n          outcome\n          code\n          message\n        }\n      }\n    }\n    report: invitationBatchReport(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUploadInvitations($file: Upload!, $dryRun: Boolean) {\n    uploadInvitations(file: $file, dryRun: $dryRun) {\n      id\n      dryRun\n      totalRows\n      createdCount\n      resentCount\n      skippedCount\n      failedCount\n      reportCsv\n      rows(first: 100) {\n        nodes {\n          rowNumber\n          line\n          email\n          outcome\n          code\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUploadInvitations($file: Upload!, $dryRun: Boolean) {\n    uploadInvitations(file: $file, dryRun: $dryRun) {\n      id\n      dryRun\n      totalRows\n      createdCount\n      resentCount\n      skippedCount\n      failedCount\n      reportCsv\n      rows(first: 100) {\n        nodes {\n          rowNumber\n          line\n          email\n          outcome\n          code\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateApplication($input: CreateApplicationInput!) {\n    createApplication(input: $input) {\n      clientSecret\n      application {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateApplication($input: CreateApplicationInput!) {\n    createApplication(input: $input) {\n      clientSecret\n      application {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      displayName\n      mail\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      displayName\n      mail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleGroup($id: ID!, $first: Int, $after: String) {\n    group(id: $id) {\n      id\n      displayName\n      description\n      createdAt\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          displayName\n          mail\n          userType\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleGroup($id: ID!, $first: Int, $after: String) {\n    group(id: $id) {\n      id\n      displayName\n      description\n      createdAt\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          displayName\n          mail\n          userType\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAddGroupMember($groupId: ID!, $userId: ID!) {\n    addGroupMember(groupId: $groupId, userId: $userId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleAddGroupMember($groupId: ID!, $userId: ID!) {\n    addGroupMember(groupId: $groupId, userId: $userId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveGroupMember($groupId: ID!, $userId: ID!) {\n    removeGroupMember(groupId: $groupId, userId: $userId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRemoveGroupMember($groupId: ID!, $userId: ID!) {\n    removeGroupMember(groupId: $groupId, userId: $userId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleGroups($first: Int, $after: String) {\n    groups(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        description\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleGroups($first: Int, $after: String) {\n    groups(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        description\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleInvitations($first: Int, $after: String, $filter: InvitationFilterInput) {\n    invitations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        email\n        displayName\n        status\n        createdAt\n        delivery {\n          outboxMessageId\n          status\n          lastError\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleInvitations($first: Int, $after: String, $filter: InvitationFilterInput) {\n    invitations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        email\n        displayName\n        status\n        createdAt\n        delivery {\n          outboxMessageId\n          status\n          lastError\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRetryDelivery($id: ID!) {\n    retryOutboxMessage(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRetryDelivery($id: ID!) {\n    retryOutboxMessage(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      id\n      status\n      delivery {\n        outboxMessageId\n        status\n        lastError\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      id\n      status\n      delivery {\n        outboxMessageId\n        status\n        lastError\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleInvitePickers {\n    applications(first: 100) {\n      nodes {\n        id\n        displayName\n        usableByPeople\n      }\n    }\n    groups(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleInvitePickers {\n    applications(first: 100) {\n      nodes {\n        id\n        displayName\n        usableByPeople\n      }\n    }\n    groups(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleInviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      id\n      email\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleInviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      id\n      email\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOverview(\n    $invitations: Boolean!\n    $outbox: Boolean!\n    $directory: Boolean!\n    $audit: Boolean!\n    $signIns: Boolean!\n    $recent: Int!\n    $redeemed: [String!]!\n  ) {\n    pending: invitations(first: 1, filter: { status: PendingAcceptance }) @include(if: $invitations) {\n      totalCount\n    }\n    failed: outbox(first: 1, statuses: [Failed]) @include(if: $outbox) {\n      totalCount\n    }\n    partners(first: 1) @include(if: $directory) {\n      totalCount\n    }\n    redemptions: auditEvents(first: $recent, filter: { actions: $redeemed }) @include(if: $audit) {\n      nodes {\n        id\n        createdAt\n        actorDisplayName\n      }\n    }\n    signIns(first: $recent) @include(if: $signIns) {\n      nodes {\n        id\n        createdAt\n        result\n        userDisplayName\n        signInAddress\n        appDisplayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleOverview(\n    $invitations: Boolean!\n    $outbox: Boolean!\n    $directory: Boolean!\n    $audit: Boolean!\n    $signIns: Boolean!\n    $recent: Int!\n    $redeemed: [String!]!\n  ) {\n    pending: invitations(first: 1, filter: { status: PendingAcceptance }) @include(if: $invitations) {\n      totalCount\n    }\n    failed: outbox(first: 1, statuses: [Failed]) @include(if: $outbox) {\n      totalCount\n    }\n    partners(first: 1) @include(if: $directory) {\n      totalCount\n    }\n    redemptions: auditEvents(first: $recent, filter: { actions: $redeemed }) @include(if: $audit) {\n      nodes {\n        id\n        createdAt\n        actorDisplayName\n      }\n    }\n    signIns(first: $recent) @include(if: $signIns) {\n      nodes {\n        id\n        createdAt\n        result\n        userDisplayName\n        signInAddress\n        appDisplayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePartner($id: ID!, $first: Int, $after: String) {\n    partner(id: $id) {\n      id\n      name\n      kind\n      domains\n      guestCount\n      pendingInvitations\n      lastSignInAt\n      guests(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          displayName\n          mail\n          accountEnabled\n          lastSignInAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsolePartner($id: ID!, $first: Int, $after: String) {\n    partner(id: $id) {\n      id\n      name\n      kind\n      domains\n      guestCount\n      pendingInvitations\n      lastSignInAt\n      guests(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          displayName\n          mail\n          accountEnabled\n          lastSignInAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemovePartner($id: ID!, $mode: RemovePartnerMode) {\n    removePartner(id: $id, mode: $mode)\n  }\n"): (typeof documents)["\n  mutation ConsoleRemovePartner($id: ID!, $mode: RemovePartnerMode) {\n    removePartner(id: $id, mode: $mode)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsolePartnerPolicyFields on Tenant {\n    id\n    partnerDomainPolicy\n    partnerDomains\n    refuseConsumerDomains\n  }\n"): (typeof documents)["\n  fragment ConsolePartnerPolicyFields on Tenant {\n    id\n    partnerDomainPolicy\n    partnerDomains\n    refuseConsumerDomains\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePartnerPolicy {\n    tenant {\n      ...ConsolePartnerPolicyFields\n    }\n  }\n"): (typeof documents)["\n  query ConsolePartnerPolicy {\n    tenant {\n      ...ConsolePartnerPolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdatePartnerPolicy($input: PartnerDomainPolicyInput!) {\n    updatePartnerDomainPolicy(input: $input) {\n      ...ConsolePartnerPolicyFields\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdatePartnerPolicy($input: PartnerDomainPolicyInput!) {\n    updatePartnerDomainPolicy(input: $input) {\n      ...ConsolePartnerPolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePartners($first: Int, $after: String, $search: String) {\n    partners(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        kind\n        domains\n        guestCount\n        pendingInvitations\n        lastSignInAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsolePartners($first: Int, $after: String, $search: String) {\n    partners(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        kind\n        domains\n        guestCount\n        pendingInvitations\n        lastSignInAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAddDomain($name: String!) {\n    addDomain(name: $name) {\n      name\n      state\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleAddDomain($name: String!) {\n    addDomain(name: $name) {\n      name\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleDomains {\n    domains {\n      name\n      state\n      isDefault\n      verificationRecord {\n        name\n        type\n        value\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleDomains {\n    domains {\n      name\n      state\n      isDefault\n      verificationRecord {\n        name\n        type\n        value\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleVerifyDomain($name: String!, $takeOver: Boolean!) {\n    verifyDomain(name: $name, takeOver: $takeOver) {\n      name\n      state\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleVerifyDomain($name: String!, $takeOver: Boolean!) {\n    verifyDomain(name: $name, takeOver: $takeOver) {\n      name\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveDomain($name: String!) {\n    removeDomain(name: $name)\n  }\n"): (typeof documents)["\n  mutation ConsoleRemoveDomain($name: String!) {\n    removeDomain(name: $name)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleTenantSettingsFields on Tenant {\n    id\n    name\n    privacyUrl\n    contactUrl\n    logoUrl\n    brandColor\n    allowedRedirectHosts\n    invitationTtlDays\n  }\n"): (typeof documents)["\n  fragment ConsoleTenantSettingsFields on Tenant {\n    id\n    name\n    privacyUrl\n    contactUrl\n    logoUrl\n    brandColor\n    allowedRedirectHosts\n    invitationTtlDays\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTenantSettings {\n    tenant {\n      ...ConsoleTenantSettingsFields\n    }\n  }\n"): (typeof documents)["\n  query ConsoleTenantSettings {\n    tenant {\n      ...ConsoleTenantSettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateTenantSettings($input: TenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      ...ConsoleTenantSettingsFields\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateTenantSettings($input: TenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      ...ConsoleTenantSettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleInvitationPreview($input: InvitationPreviewInput!) {\n    invitationPreview(input: $input) {\n      subject\n    }\n  }\n"): (typeof documents)["\n  query ConsoleInvitationPreview($input: InvitationPreviewInput!) {\n    invitationPreview(input: $input) {\n      subject\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleIdentityProviders {\n    identityProviders {\n      id\n      issuer\n      clientId\n      domains\n      createdAt\n    }\n    tenant {\n      id\n      domains\n    }\n  }\n"): (typeof documents)["\n  query ConsoleIdentityProviders {\n    identityProviders {\n      id\n      issuer\n      clientId\n      domains\n      createdAt\n    }\n    tenant {\n      id\n      domains\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRegisterIdentityProvider($input: RegisterIdentityProviderInput!) {\n    registerIdentityProvider(input: $input) {\n      id\n      issuer\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRegisterIdentityProvider($input: RegisterIdentityProviderInput!) {\n    registerIdentityProvider(input: $input) {\n      id\n      issuer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveIdentityProvider($id: ID!) {\n    removeIdentityProvider(id: $id)\n  }\n"): (typeof documents)["\n  mutation ConsoleRemoveIdentityProvider($id: ID!) {\n    removeIdentityProvider(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleSigningKeyFields on SigningKey {\n    kid\n    alg\n    status\n    createdAt\n    activatesAt\n    retiresAt\n  }\n"): (typeof documents)["\n  fragment ConsoleSigningKeyFields on SigningKey {\n    kid\n    alg\n    status\n    createdAt\n    activatesAt\n    retiresAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSigningKeys {\n    signingKeys {\n      ...ConsoleSigningKeyFields\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSigningKeys {\n    signingKeys {\n      ...ConsoleSigningKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRotateSigningKey($activateInSeconds: Int) {\n    rotateSigningKey(activateInSeconds: $activateInSeconds) {\n      ...ConsoleSigningKeyFields\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRotateSigningKey($activateInSeconds: Int) {\n    rotateSigningKey(activateInSeconds: $activateInSeconds) {\n      ...ConsoleSigningKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleSecurityPolicyFields on SecurityPolicy {\n    mfaForAdmins\n    mfaForMembers\n    mfaForGuests\n    trustPartnerMfa\n    signInFrequencyMinutes\n    termsAudience\n    termsUrl\n    termsVersion\n    termsDocuments {\n      language\n      url\n    }\n  }\n"): (typeof documents)["\n  fragment ConsoleSecurityPolicyFields on SecurityPolicy {\n    mfaForAdmins\n    mfaForMembers\n    mfaForGuests\n    trustPartnerMfa\n    signInFrequencyMinutes\n    termsAudience\n    termsUrl\n    termsVersion\n    termsDocuments {\n      language\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSecurityPolicy {\n    securityPolicy {\n      ...ConsoleSecurityPolicyFields\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSecurityPolicy {\n    securityPolicy {\n      ...ConsoleSecurityPolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateSecurityPolicy($input: UpdateSecurityPolicyInput!) {\n    updateSecurityPolicy(input: $input) {\n      ...ConsoleSecurityPolicyFields\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateSecurityPolicy($input: UpdateSecurityPolicyInput!) {\n    updateSecurityPolicy(input: $input) {\n      ...ConsoleSecurityPolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTermsAcceptances($first: Int, $after: String, $filter: TermsAcceptanceFilterInput) {\n    termsAcceptances(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        userId\n        user {\n          id\n          displayName\n          mail\n        }\n        version\n        language\n        acceptedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleTermsAcceptances($first: Int, $after: String, $filter: TermsAcceptanceFilterInput) {\n    termsAcceptances(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        userId\n        user {\n          id\n          displayName\n          mail\n        }\n        version\n        language\n        acceptedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSignIns($first: Int, $after: String, $filter: SignInFilterInput) {\n    signIns(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        createdAt\n        kind\n        result\n        reasonCode\n        userId\n        userDisplayName\n        signInAddress\n        applicationId\n        appDisplayName\n        ip\n        authMethods\n        homeIdp\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSignIns($first: Int, $after: String, $filter: SignInFilterInput) {\n    signIns(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        createdAt\n        kind\n        result\n        reasonCode\n        userId\n        userDisplayName\n        signInAddress\n        applicationId\n        appDisplayName\n        ip\n        authMethods\n        homeIdp\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetUserEnabled($id: ID!, $enabled: Boolean!) {\n    setUserEnabled(id: $id, enabled: $enabled) {\n      id\n      accountEnabled\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleSetUserEnabled($id: ID!, $enabled: Boolean!) {\n    setUserEnabled(id: $id, enabled: $enabled) {\n      id\n      accountEnabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveUser($id: ID!) {\n    removeUser(id: $id)\n  }\n"): (typeof documents)["\n  mutation ConsoleRemoveUser($id: ID!) {\n    removeUser(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRevokeSignInSessions($userId: ID!) {\n    revokeSignInSessions(userId: $userId)\n  }\n"): (typeof documents)["\n  mutation ConsoleRevokeSignInSessions($userId: ID!) {\n    revokeSignInSessions(userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleResetUserMfa($userId: ID!) {\n    resetUserMfa(userId: $userId)\n  }\n"): (typeof documents)["\n  mutation ConsoleResetUserMfa($userId: ID!) {\n    resetUserMfa(userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleResetUserPassword($userId: ID!) {\n    resetUserPassword(userId: $userId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleResetUserPassword($userId: ID!) {\n    resetUserPassword(userId: $userId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSendPasswordReset($userId: ID!) {\n    sendPasswordReset(userId: $userId)\n  }\n"): (typeof documents)["\n  mutation ConsoleSendPasswordReset($userId: ID!) {\n    sendPasswordReset(userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleResetRedemption($userId: ID!, $newEmail: String!) {\n    resetRedemption(userId: $userId, newEmail: $newEmail) {\n      id\n      invitedUser {\n        id\n        mail\n        externalUserState\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleResetRedemption($userId: ID!, $newEmail: String!) {\n    resetRedemption(userId: $userId, newEmail: $newEmail) {\n      id\n      invitedUser {\n        id\n        mail\n        externalUserState\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUser($id: ID!) {\n    user(id: $id) {\n      id\n      displayName\n      mail\n      userPrincipalName\n      userType\n      externalUserState\n      externalUserStateChangedAt\n      activationPending\n      accountEnabled\n      accessExpiresAt\n      lastSignInAt\n      createdAt\n      roles\n      homeOrganization {\n        id\n        name\n      }\n      groups {\n        id\n        displayName\n      }\n      applications {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleUser($id: ID!) {\n    user(id: $id) {\n      id\n      displayName\n      mail\n      userPrincipalName\n      userType\n      externalUserState\n      externalUserStateChangedAt\n      activationPending\n      accountEnabled\n      accessExpiresAt\n      lastSignInAt\n      createdAt\n      roles\n      homeOrganization {\n        id\n        name\n      }\n      groups {\n        id\n        displayName\n      }\n      applications {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUserSearch($search: String!) {\n    users(first: 10, filter: { search: $search }) {\n      nodes {\n        id\n        displayName\n        mail\n        userType\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleUserSearch($search: String!) {\n    users(first: 10, filter: { search: $search }) {\n      nodes {\n        id\n        displayName\n        mail\n        userType\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUsers($first: Int, $after: String, $filter: UserFilterInput) {\n    users(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        mail\n        userType\n        externalUserState\n        activationPending\n        accountEnabled\n        lastSignInAt\n        homeOrganization {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleUsers($first: Int, $after: String, $filter: UserFilterInput) {\n    users(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        mail\n        userType\n        externalUserState\n        activationPending\n        accountEnabled\n        lastSignInAt\n        homeOrganization {\n          id\n          name\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;