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
    "\n  query ConsolePartner($id: ID!, $first: Int, $after: String) {\n    partner(id: $id) {\n      id\n      name\n      kind\n      domains\n      guestCount\n      pendingInvitations\n      lastSignInAt\n      guests(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          displayName\n          mail\n          accountEnabled\n          lastSignInAt\n        }\n      }\n    }\n  }\n": typeof types.ConsolePartnerDocument,
    "\n  mutation ConsoleRemovePartner($id: ID!, $mode: RemovePartnerMode) {\n    removePartner(id: $id, mode: $mode)\n  }\n": typeof types.ConsoleRemovePartnerDocument,
    "\n  query ConsolePartnerPolicy {\n    tenant {\n      id\n      partnerDomainPolicy\n      partnerDomains\n      refuseConsumerDomains\n    }\n  }\n": typeof types.ConsolePartnerPolicyDocument,
    "\n  mutation ConsoleUpdatePartnerPolicy($input: PartnerDomainPolicyInput!) {\n    updatePartnerDomainPolicy(input: $input) {\n      id\n      partnerDomainPolicy\n      partnerDomains\n      refuseConsumerDomains\n    }\n  }\n": typeof types.ConsoleUpdatePartnerPolicyDocument,
    "\n  query ConsolePartners($first: Int, $after: String) {\n    partners(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        kind\n        domains\n        guestCount\n        pendingInvitations\n        lastSignInAt\n      }\n    }\n  }\n": typeof types.ConsolePartnersDocument,
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
    "\n  query ConsolePartner($id: ID!, $first: Int, $after: String) {\n    partner(id: $id) {\n      id\n      name\n      kind\n      domains\n      guestCount\n      pendingInvitations\n      lastSignInAt\n      guests(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          displayName\n          mail\n          accountEnabled\n          lastSignInAt\n        }\n      }\n    }\n  }\n": types.ConsolePartnerDocument,
    "\n  mutation ConsoleRemovePartner($id: ID!, $mode: RemovePartnerMode) {\n    removePartner(id: $id, mode: $mode)\n  }\n": types.ConsoleRemovePartnerDocument,
    "\n  query ConsolePartnerPolicy {\n    tenant {\n      id\n      partnerDomainPolicy\n      partnerDomains\n      refuseConsumerDomains\n    }\n  }\n": types.ConsolePartnerPolicyDocument,
    "\n  mutation ConsoleUpdatePartnerPolicy($input: PartnerDomainPolicyInput!) {\n    updatePartnerDomainPolicy(input: $input) {\n      id\n      partnerDomainPolicy\n      partnerDomains\n      refuseConsumerDomains\n    }\n  }\n": types.ConsoleUpdatePartnerPolicyDocument,
    "\n  query ConsolePartners($first: Int, $after: String) {\n    partners(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        kind\n        domains\n        guestCount\n        pendingInvitations\n        lastSignInAt\n      }\n    }\n  }\n": types.ConsolePartnersDocument,
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
export function graphql(source: "\n  query ConsolePartner($id: ID!, $first: Int, $after: String) {\n    partner(id: $id) {\n      id\n      name\n      kind\n      domains\n      guestCount\n      pendingInvitations\n      lastSignInAt\n      guests(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          displayName\n          mail\n          accountEnabled\n          lastSignInAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsolePartner($id: ID!, $first: Int, $after: String) {\n    partner(id: $id) {\n      id\n      name\n      kind\n      domains\n      guestCount\n      pendingInvitations\n      lastSignInAt\n      guests(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          displayName\n          mail\n          accountEnabled\n          lastSignInAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemovePartner($id: ID!, $mode: RemovePartnerMode) {\n    removePartner(id: $id, mode: $mode)\n  }\n"): (typeof documents)["\n  mutation ConsoleRemovePartner($id: ID!, $mode: RemovePartnerMode) {\n    removePartner(id: $id, mode: $mode)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePartnerPolicy {\n    tenant {\n      id\n      partnerDomainPolicy\n      partnerDomains\n      refuseConsumerDomains\n    }\n  }\n"): (typeof documents)["\n  query ConsolePartnerPolicy {\n    tenant {\n      id\n      partnerDomainPolicy\n      partnerDomains\n      refuseConsumerDomains\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdatePartnerPolicy($input: PartnerDomainPolicyInput!) {\n    updatePartnerDomainPolicy(input: $input) {\n      id\n      partnerDomainPolicy\n      partnerDomains\n      refuseConsumerDomains\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleUpdatePartnerPolicy($input: PartnerDomainPolicyInput!) {\n    updatePartnerDomainPolicy(input: $input) {\n      id\n      partnerDomainPolicy\n      partnerDomains\n      refuseConsumerDomains\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePartners($first: Int, $after: String) {\n    partners(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        kind\n        domains\n        guestCount\n        pendingInvitations\n        lastSignInAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsolePartners($first: Int, $after: String) {\n    partners(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        kind\n        domains\n        guestCount\n        pendingInvitations\n        lastSignInAt\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;