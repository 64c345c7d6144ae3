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
    "\n  mutation ConsoleUploadInvitations($file: Upload!, $dryRun: Boolean) {\n    uploadInvitations(file: $file, dryRun: $dryRun) {\n      id\n      dryRun\n      totalRows\n      createdCount\n      resentCount\n      skippedCount\n      failedCount\n      reportCsv\n      rows(first: 100) {\n        nodes {\n          rowNumber\n          email\n          outcome\n          code\n          message\n        }\n      }\n    }\n  }\n": typeof types.ConsoleUploadInvitationsDocument,
    "\n  query ConsoleInvitations($first: Int, $after: String, $filter: InvitationFilterInput) {\n    invitations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        email\n        displayName\n        status\n        createdAt\n        delivery {\n          status\n          lastError\n        }\n      }\n    }\n  }\n": typeof types.ConsoleInvitationsDocument,
    "\n  mutation ConsoleRevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ConsoleRevokeInvitationDocument,
    "\n  mutation ConsoleResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      id\n      status\n      delivery {\n        status\n        lastError\n      }\n    }\n  }\n": typeof types.ConsoleResendInvitationDocument,
    "\n  query ConsoleInvitePickers {\n    applications(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n    groups(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.ConsoleInvitePickersDocument,
    "\n  mutation ConsoleInviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      id\n      email\n      status\n    }\n  }\n": typeof types.ConsoleInviteUserDocument,
    "\n  query ConsoleOverview {\n    pending: invitations(first: 1, filter: { status: PendingAcceptance }) {\n      totalCount\n    }\n    failed: outbox(first: 1, statuses: [Failed]) {\n      totalCount\n    }\n    partners(first: 1) {\n      totalCount\n    }\n  }\n": typeof types.ConsoleOverviewDocument,
    "\n  mutation ConsoleAddDomain($name: String!) {\n    addDomain(name: $name) {\n      name\n      state\n    }\n  }\n": typeof types.ConsoleAddDomainDocument,
    "\n  query ConsoleDomains {\n    domains {\n      name\n      state\n      isDefault\n      verificationRecord {\n        name\n        type\n        value\n      }\n    }\n  }\n": typeof types.ConsoleDomainsDocument,
    "\n  mutation ConsoleVerifyDomain($name: String!, $takeOver: Boolean!) {\n    verifyDomain(name: $name, takeOver: $takeOver) {\n      name\n      state\n    }\n  }\n": typeof types.ConsoleVerifyDomainDocument,
    "\n  mutation ConsoleRemoveDomain($name: String!) {\n    removeDomain(name: $name)\n  }\n": typeof types.ConsoleRemoveDomainDocument,
    "\n  query ConsoleTenantSettings {\n    tenant {\n      id\n      name\n      privacyUrl\n      contactUrl\n      logoUrl\n      brandColor\n      allowedRedirectHosts\n      invitationTtlDays\n    }\n  }\n": typeof types.ConsoleTenantSettingsDocument,
    "\n  mutation ConsoleUpdateTenantSettings($input: TenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      id\n      name\n      privacyUrl\n      contactUrl\n      logoUrl\n      brandColor\n      allowedRedirectHosts\n      invitationTtlDays\n    }\n  }\n": typeof types.ConsoleUpdateTenantSettingsDocument,
    "\n  query ConsoleInvitationPreview($input: InvitationPreviewInput!) {\n    invitationPreview(input: $input) {\n      subject\n    }\n  }\n": typeof types.ConsoleInvitationPreviewDocument,
    "\n  query ConsoleIdentityProviders {\n    identityProviders {\n      id\n      issuer\n      clientId\n      domains\n      createdAt\n    }\n    tenant {\n      id\n      domains\n    }\n  }\n": typeof types.ConsoleIdentityProvidersDocument,
    "\n  mutation ConsoleRegisterIdentityProvider($input: RegisterIdentityProviderInput!) {\n    registerIdentityProvider(input: $input) {\n      id\n      issuer\n    }\n  }\n": typeof types.ConsoleRegisterIdentityProviderDocument,
    "\n  mutation ConsoleRemoveIdentityProvider($id: ID!) {\n    removeIdentityProvider(id: $id)\n  }\n": typeof types.ConsoleRemoveIdentityProviderDocument,
    "\n  query ConsoleSigningKeys {\n    signingKeys {\n      kid\n      alg\n      status\n      createdAt\n      activatesAt\n      retiresAt\n    }\n  }\n": typeof types.ConsoleSigningKeysDocument,
    "\n  mutation ConsoleRotateSigningKey($activateInSeconds: Int) {\n    rotateSigningKey(activateInSeconds: $activateInSeconds) {\n      kid\n      alg\n      status\n      createdAt\n      activatesAt\n      retiresAt\n    }\n  }\n": typeof types.ConsoleRotateSigningKeyDocument,
    "\n  query ConsoleSecurityPolicy {\n    securityPolicy {\n      mfaForAdmins\n      mfaForMembers\n      mfaForGuests\n      trustPartnerMfa\n      signInFrequencyMinutes\n      termsAudience\n      termsUrl\n      termsVersion\n      termsDocuments {\n        language\n        url\n      }\n    }\n  }\n": typeof types.ConsoleSecurityPolicyDocument,
    "\n  mutation ConsoleUpdateSecurityPolicy($input: UpdateSecurityPolicyInput!) {\n    updateSecurityPolicy(input: $input) {\n      mfaForAdmins\n      mfaForMembers\n      mfaForGuests\n      trustPartnerMfa\n      signInFrequencyMinutes\n      termsAudience\n      termsUrl\n      termsVersion\n      termsDocuments {\n        language\n        url\n      }\n    }\n  }\n": typeof types.ConsoleUpdateSecurityPolicyDocument,
    "\n  query ConsoleTermsAcceptances($first: Int, $after: String, $filter: TermsAcceptanceFilterInput) {\n    termsAcceptances(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        userId\n        version\n        language\n        acceptedAt\n      }\n    }\n  }\n": typeof types.ConsoleTermsAcceptancesDocument,
};
const documents: Documents = {
    "\n  query ConsoleViewer {\n    viewer {\n      id\n      displayName\n      roles\n      permissions\n      tenant {\n        id\n        name\n      }\n    }\n  }\n": types.ConsoleViewerDocument,
    "\n  mutation ConsoleUploadInvitations($file: Upload!, $dryRun: Boolean) {\n    uploadInvitations(file: $file, dryRun: $dryRun) {\n      id\n      dryRun\n      totalRows\n      createdCount\n      resentCount\n      skippedCount\n      failedCount\n      reportCsv\n      rows(first: 100) {\n        nodes {\n          rowNumber\n          email\n          outcome\n          code\n          message\n        }\n      }\n    }\n  }\n": types.ConsoleUploadInvitationsDocument,
    "\n  query ConsoleInvitations($first: Int, $after: String, $filter: InvitationFilterInput) {\n    invitations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        email\n        displayName\n        status\n        createdAt\n        delivery {\n          status\n          lastError\n        }\n      }\n    }\n  }\n": types.ConsoleInvitationsDocument,
    "\n  mutation ConsoleRevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      status\n    }\n  }\n": types.ConsoleRevokeInvitationDocument,
    "\n  mutation ConsoleResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      id\n      status\n      delivery {\n        status\n        lastError\n      }\n    }\n  }\n": types.ConsoleResendInvitationDocument,
    "\n  query ConsoleInvitePickers {\n    applications(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n    groups(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n": types.ConsoleInvitePickersDocument,
    "\n  mutation ConsoleInviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      id\n      email\n      status\n    }\n  }\n": types.ConsoleInviteUserDocument,
    "\n  query ConsoleOverview {\n    pending: invitations(first: 1, filter: { status: PendingAcceptance }) {\n      totalCount\n    }\n    failed: outbox(first: 1, statuses: [Failed]) {\n      totalCount\n    }\n    partners(first: 1) {\n      totalCount\n    }\n  }\n": types.ConsoleOverviewDocument,
    "\n  mutation ConsoleAddDomain($name: String!) {\n    addDomain(name: $name) {\n      name\n      state\n    }\n  }\n": types.ConsoleAddDomainDocument,
    "\n  query ConsoleDomains {\n    domains {\n      name\n      state\n      isDefault\n      verificationRecord {\n        name\n        type\n        value\n      }\n    }\n  }\n": types.ConsoleDomainsDocument,
    "\n  mutation ConsoleVerifyDomain($name: String!, $takeOver: Boolean!) {\n    verifyDomain(name: $name, takeOver: $takeOver) {\n      name\n      state\n    }\n  }\n": types.ConsoleVerifyDomainDocument,
    "\n  mutation ConsoleRemoveDomain($name: String!) {\n    removeDomain(name: $name)\n  }\n": types.ConsoleRemoveDomainDocument,
    "\n  query ConsoleTenantSettings {\n    tenant {\n      id\n      name\n      privacyUrl\n      contactUrl\n      logoUrl\n      brandColor\n      allowedRedirectHosts\n      invitationTtlDays\n    }\n  }\n": types.ConsoleTenantSettingsDocument,
    "\n  mutation ConsoleUpdateTenantSettings($input: TenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      id\n      name\n      privacyUrl\n      contactUrl\n      logoUrl\n      brandColor\n      allowedRedirectHosts\n      invitationTtlDays\n    }\n  }\n": types.ConsoleUpdateTenantSettingsDocument,
    "\n  query ConsoleInvitationPreview($input: InvitationPreviewInput!) {\n    invitationPreview(input: $input) {\n      subject\n    }\n  }\n": types.ConsoleInvitationPreviewDocument,
    "\n  query ConsoleIdentityProviders {\n    identityProviders {\n      id\n      issuer\n      clientId\n      domains\n      createdAt\n    }\n    tenant {\n      id\n      domains\n    }\n  }\n": types.ConsoleIdentityProvidersDocument,
    "\n  mutation ConsoleRegisterIdentityProvider($input: RegisterIdentityProviderInput!) {\n    registerIdentityProvider(input: $input) {\n      id\n      issuer\n    }\n  }\n": types.ConsoleRegisterIdentityProviderDocument,
    "\n  mutation ConsoleRemoveIdentityProvider($id: ID!) {\n    removeIdentityProvider(id: $id)\n  }\n": types.ConsoleRemoveIdentityProviderDocument,
    "\n  query ConsoleSigningKeys {\n    signingKeys {\n      kid\n      alg\n      status\n      createdAt\n      activatesAt\n      retiresAt\n    }\n  }\n": types.ConsoleSigningKeysDocument,
    "\n  mutation ConsoleRotateSigningKey($activateInSeconds: Int) {\n    rotateSigningKey(activateInSeconds: $activateInSeconds) {\n      kid\n      alg\n      status\n      createdAt\n      activatesAt\n      retiresAt\n    }\n  }\n": types.ConsoleRotateSigningKeyDocument,
    "\n  query ConsoleSecurityPolicy {\n    securityPolicy {\n      mfaForAdmins\n      mfaForMembers\n      mfaForGuests\n      trustPartnerMfa\n      signInFrequencyMinutes\n      termsAudience\n      termsUrl\n      termsVersion\n      termsDocuments {\n        language\n        url\n      }\n    }\n  }\n": types.ConsoleSecurityPolicyDocument,
    "\n  mutation ConsoleUpdateSecurityPolicy($input: UpdateSecurityPolicyInput!) {\n    updateSecurityPolicy(input: $input) {\n      mfaForAdmins\n      mfaForMembers\n      mfaForGuests\n      trustPartnerMfa\n      signInFrequencyMinutes\n      termsAudience\n      termsUrl\n      termsVersion\n      termsDocuments {\n        language\n        url\n      }\n    }\n  }\n": types.ConsoleUpdateSecurityPolicyDocument,
    "\n  query ConsoleTermsAcceptances($first: Int, $after: String, $filter: TermsAcceptanceFilterInput) {\n    termsAcceptances(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        userId\n        version\n        language\n        acceptedAt\n      }\n    }\n  }\n": types.ConsoleTermsAcceptancesDocument,
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
export function graphql(source: "\n  mutation ConsoleUploadInvitations($file: Upload!, $dryRun: Boolean) {\n    uploadInvitations(file: $file, dryRun: $dryRun) {\n      id\n      dryRun\n      totalRows\n      createdCount\n      resentCount\n      skippedCount\n      failedCount\n      reportCsv\n      rows(first: 100) {\n        nodes {\n          rowNumber\n          email\n          outcome\n          code\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUploadInvitations($file: Upload!, $dryRun: Boolean) {\n    uploadInvitations(file: $file, dryRun: $dryRun) {\n      id\n      dryRun\n      totalRows\n      createdCount\n      resentCount\n      skippedCount\n      failedCount\n      reportCsv\n      rows(first: 100) {\n        nodes {\n          rowNumber\n          email\n          outcome\n          code\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleInvitations($first: Int, $after: String, $filter: InvitationFilterInput) {\n    invitations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        email\n        displayName\n        status\n        createdAt\n        delivery {\n          status\n          lastError\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleInvitations($first: Int, $after: String, $filter: InvitationFilterInput) {\n    invitations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        email\n        displayName\n        status\n        createdAt\n        delivery {\n          status\n          lastError\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      id\n      status\n      delivery {\n        status\n        lastError\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      id\n      status\n      delivery {\n        status\n        lastError\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleInvitePickers {\n    applications(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n    groups(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleInvitePickers {\n    applications(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n    groups(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleInviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      id\n      email\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleInviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      id\n      email\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOverview {\n    pending: invitations(first: 1, filter: { status: PendingAcceptance }) {\n      totalCount\n    }\n    failed: outbox(first: 1, statuses: [Failed]) {\n      totalCount\n    }\n    partners(first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query ConsoleOverview {\n    pending: invitations(first: 1, filter: { status: PendingAcceptance }) {\n      totalCount\n    }\n    failed: outbox(first: 1, statuses: [Failed]) {\n      totalCount\n    }\n    partners(first: 1) {\n      totalCount\n    }\n  }\n"];
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
export function graphql(source: "\n  query ConsoleTenantSettings {\n    tenant {\n      id\n      name\n      privacyUrl\n      contactUrl\n      logoUrl\n      brandColor\n      allowedRedirectHosts\n      invitationTtlDays\n    }\n  }\n"): (typeof documents)["\n  query ConsoleTenantSettings {\n    tenant {\n      id\n      name\n      privacyUrl\n      contactUrl\n      logoUrl\n      brandColor\n      allowedRedirectHosts\n      invitationTtlDays\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateTenantSettings($input: TenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      id\n      name\n      privacyUrl\n      contactUrl\n      logoUrl\n      brandColor\n      allowedRedirectHosts\n      invitationTtlDays\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateTenantSettings($input: TenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      id\n      name\n      privacyUrl\n      contactUrl\n      logoUrl\n      brandColor\n      allowedRedirectHosts\n      invitationTtlDays\n    }\n  }\n"];
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
export function graphql(source: "\n  query ConsoleSigningKeys {\n    signingKeys {\n      kid\n      alg\n      status\n      createdAt\n      activatesAt\n      retiresAt\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSigningKeys {\n    signingKeys {\n      kid\n      alg\n      status\n      createdAt\n      activatesAt\n      retiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRotateSigningKey($activateInSeconds: Int) {\n    rotateSigningKey(activateInSeconds: $activateInSeconds) {\n      kid\n      alg\n      status\n      createdAt\n      activatesAt\n      retiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRotateSigningKey($activateInSeconds: Int) {\n    rotateSigningKey(activateInSeconds: $activateInSeconds) {\n      kid\n      alg\n      status\n      createdAt\n      activatesAt\n      retiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSecurityPolicy {\n    securityPolicy {\n      mfaForAdmins\n      mfaForMembers\n      mfaForGuests\n      trustPartnerMfa\n      signInFrequencyMinutes\n      termsAudience\n      termsUrl\n      termsVersion\n      termsDocuments {\n        language\n        url\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSecurityPolicy {\n    securityPolicy {\n      mfaForAdmins\n      mfaForMembers\n      mfaForGuests\n      trustPartnerMfa\n      signInFrequencyMinutes\n      termsAudience\n      termsUrl\n      termsVersion\n      termsDocuments {\n        language\n        url\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateSecurityPolicy($input: UpdateSecurityPolicyInput!) {\n    updateSecurityPolicy(input: $input) {\n      mfaForAdmins\n      mfaForMembers\n      mfaForGuests\n      trustPartnerMfa\n      signInFrequencyMinutes\n      termsAudience\n      termsUrl\n      termsVersion\n      termsDocuments {\n        language\n        url\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdateSecurityPolicy($input: UpdateSecurityPolicyInput!) {\n    updateSecurityPolicy(input: $input) {\n      mfaForAdmins\n      mfaForMembers\n      mfaForGuests\n      trustPartnerMfa\n      signInFrequencyMinutes\n      termsAudience\n      termsUrl\n      termsVersion\n      termsDocuments {\n        language\n        url\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTermsAcceptances($first: Int, $after: String, $filter: TermsAcceptanceFilterInput) {\n    termsAcceptances(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        userId\n        version\n        language\n        acceptedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleTermsAcceptances($first: Int, $after: String, $filter: TermsAcceptanceFilterInput) {\n    termsAcceptances(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        userId\n        version\n        language\n        acceptedAt\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;