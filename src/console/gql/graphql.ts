/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type DeliveryStatus =
  | 'Cancelled'
  | 'Failed'
  | 'Queued'
  | 'Sending'
  | 'Sent';

export type DirectoryRole =
  | 'GlobalAdministrator'
  | 'GuestInviter'
  | 'UserAdministrator';

/** Unverified until the TXT record was found in DNS. */
export type DomainState =
  | 'Unverified'
  | 'Verified';

export type InvitationFilterInput = {
  batchId?: string | number | null | undefined;
  email?: string | null | undefined;
  status?: InvitationStatus | null | undefined;
};

export type InvitationPreviewInput = {
  /** A sample personal message (plain text). */
  invitationText?: string | null | undefined;
  /** One of the 11 page languages; default en. */
  language?: string | null | undefined;
  /** Draft settings; omitted fields are the saved ones. Nothing is saved. */
  settings: TenantSettingsInput;
};

export type InvitationStatus =
  | 'Accepted'
  | 'Expired'
  | 'PendingAcceptance'
  | 'Revoked';

export type InviteUserInput = {
  /** When the guest's access ends: it is then disabled and signed out. */
  accessExpiresAt?: string | null | undefined;
  /** Applications assigned to the guest now. */
  applicationIds?: Array<string | number> | null | undefined;
  /** One address that gets a copy. */
  ccEmailAddress?: string | null | undefined;
  /** Defaults to the email address. */
  displayName?: string | null | undefined;
  email: string;
  /** Groups the guest joins now. */
  groupIds?: Array<string | number> | null | undefined;
  /** Plain text for the invitation message (never HTML). */
  invitationText?: string | null | undefined;
  /** en de es fr it ja ko pt-BR ru zh-HANS zh-HANT; default en. */
  language?: string | null | undefined;
  /** A reply URL of a granted app, or a URL on a host the tenant allows. */
  redirectUrl?: string | null | undefined;
  /** Default true. False queues no email; hand over inviteRedeemUrl yourself. */
  sendInvitationMessage?: boolean | null | undefined;
};

/** What a directory role allows (the permission matrix; the README table "Who may do what"). */
export type Permission =
  | 'GrantAccessOnInvite'
  | 'InviteGuests'
  | 'ManageApplications'
  | 'ManageAssignments'
  | 'ManageGroups'
  | 'ManageOutbox'
  | 'ManagePartners'
  | 'ManageRoles'
  | 'ManageTenant'
  | 'ManageUsers'
  | 'ReadAuditLog'
  | 'ReadDirectory'
  | 'ReadInvitations'
  | 'ReadOutbox'
  | 'ReadSignInLog'
  | 'ReadTenantConfiguration'
  | 'ResetRedemption';

export type RegisterIdentityProviderInput = {
  /** The gateway's client id at that provider. */
  clientId: string;
  /** Stored encrypted; never returned. */
  clientSecret: string;
  domains: Array<string>;
  /** Issuer URL (https); discovery must work. */
  issuer: string;
};

export type RowOutcome =
  | 'Created'
  | 'Failed'
  | 'Resent'
  | 'Skipped'
  | 'Valid';

/** Fields to change; omitted fields stay as they are, null clears an optional one. */
export type TenantSettingsInput = {
  /** Hosts (or *.suffix) that invitation redirect URLs may use besides app reply URLs. */
  allowedRedirectHosts?: Array<string> | null | undefined;
  /** #rrggbb */
  brandColor?: string | null | undefined;
  /** The contact-us link of invitation emails. */
  contactUrl?: string | null | undefined;
  /** Days until redemption links expire; 0 never; null the gateway default. */
  invitationTtlDays?: number | null | undefined;
  logoUrl?: string | null | undefined;
  name?: string | null | undefined;
  /** Linked from invitation emails and the review page. */
  privacyUrl?: string | null | undefined;
};

export type TermsAcceptanceFilterInput = {
  userId?: string | number | null | undefined;
  version?: string | null | undefined;
};

/** Who must accept the terms of use before the first token. */
export type TermsAudience =
  /** Members and guests. */
  | 'Everyone'
  /** Guests only. */
  | 'Guests'
  /** Nobody. */
  | 'None';

export type TermsDocumentInput = {
  /** One of the 11 page languages (en, de, …, zh-HANT). */
  language: string;
  /** https URL of the document in that language. */
  url: string;
};

/** Omitted fields stay; null clears an optional one. */
export type UpdateSecurityPolicyInput = {
  mfaForAdmins?: boolean | null | undefined;
  mfaForGuests?: boolean | null | undefined;
  mfaForMembers?: boolean | null | undefined;
  /** 5 to 525600, or null for no limit. */
  signInFrequencyMinutes?: number | null | undefined;
  termsAudience?: TermsAudience | null | undefined;
  /** Replaces the per-language documents; null or [] clears them. */
  termsDocuments?: Array<TermsDocumentInput> | null | undefined;
  termsUrl?: string | null | undefined;
  termsVersion?: string | null | undefined;
  trustPartnerMfa?: boolean | null | undefined;
};

export type ConsoleViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleViewerQuery = { viewer: { id: string, displayName: string, roles: Array<DirectoryRole>, permissions: Array<Permission>, tenant: { id: string, name: string } } };

export type ConsoleUploadInvitationsMutationVariables = Exact<{
  file: File;
  dryRun?: boolean | null | undefined;
}>;


export type ConsoleUploadInvitationsMutation = { uploadInvitations: { id: string, dryRun: boolean, totalRows: number, createdCount: number, resentCount: number, skippedCount: number, failedCount: number, reportCsv: string, rows: { nodes: Array<{ rowNumber: number, email: string | null, outcome: RowOutcome, code: string | null, message: string | null }> } } };

export type ConsoleInvitationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: InvitationFilterInput | null | undefined;
}>;


export type ConsoleInvitationsQuery = { invitations: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, email: string, displayName: string, status: InvitationStatus, createdAt: string, delivery: { status: DeliveryStatus, lastError: string | null } | null }> } };

export type ConsoleRevokeInvitationMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleRevokeInvitationMutation = { revokeInvitation: { id: string, status: InvitationStatus } };

export type ConsoleResendInvitationMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleResendInvitationMutation = { resendInvitation: { id: string, status: InvitationStatus, delivery: { status: DeliveryStatus, lastError: string | null } | null } };

export type ConsoleInvitePickersQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleInvitePickersQuery = { applications: { nodes: Array<{ id: string, displayName: string }> }, groups: { nodes: Array<{ id: string, displayName: string }> } };

export type ConsoleInviteUserMutationVariables = Exact<{
  input: InviteUserInput;
}>;


export type ConsoleInviteUserMutation = { inviteUser: { id: string, email: string, status: InvitationStatus } };

export type ConsoleOverviewQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleOverviewQuery = { pending: { totalCount: number }, failed: { totalCount: number }, partners: { totalCount: number } };

export type ConsoleAddDomainMutationVariables = Exact<{
  name: string;
}>;


export type ConsoleAddDomainMutation = { addDomain: { name: string, state: DomainState } };

export type ConsoleDomainsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleDomainsQuery = { domains: Array<{ name: string, state: DomainState, isDefault: boolean, verificationRecord: { name: string, type: string, value: string } | null }> };

export type ConsoleVerifyDomainMutationVariables = Exact<{
  name: string;
  takeOver: boolean;
}>;


export type ConsoleVerifyDomainMutation = { verifyDomain: { name: string, state: DomainState } };

export type ConsoleRemoveDomainMutationVariables = Exact<{
  name: string;
}>;


export type ConsoleRemoveDomainMutation = { removeDomain: string };

export type ConsoleTenantSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleTenantSettingsQuery = { tenant: { id: string, name: string, privacyUrl: string | null, contactUrl: string | null, logoUrl: string | null, brandColor: string | null, allowedRedirectHosts: Array<string>, invitationTtlDays: number | null } };

export type ConsoleUpdateTenantSettingsMutationVariables = Exact<{
  input: TenantSettingsInput;
}>;


export type ConsoleUpdateTenantSettingsMutation = { updateTenantSettings: { id: string, name: string, privacyUrl: string | null, contactUrl: string | null, logoUrl: string | null, brandColor: string | null, allowedRedirectHosts: Array<string>, invitationTtlDays: number | null } };

export type ConsoleInvitationPreviewQueryVariables = Exact<{
  input: InvitationPreviewInput;
}>;


export type ConsoleInvitationPreviewQuery = { invitationPreview: { subject: string } };

export type ConsoleIdentityProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleIdentityProvidersQuery = { identityProviders: Array<{ id: string, issuer: string, clientId: string, domains: Array<string>, createdAt: string }>, tenant: { id: string, domains: Array<string> } };

export type ConsoleRegisterIdentityProviderMutationVariables = Exact<{
  input: RegisterIdentityProviderInput;
}>;


export type ConsoleRegisterIdentityProviderMutation = { registerIdentityProvider: { id: string, issuer: string } };

export type ConsoleRemoveIdentityProviderMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleRemoveIdentityProviderMutation = { removeIdentityProvider: string };

export type ConsoleSigningKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleSigningKeysQuery = { signingKeys: Array<{ kid: string, alg: string, status: string, createdAt: string, activatesAt: string | null, retiresAt: string | null }> };

export type ConsoleRotateSigningKeyMutationVariables = Exact<{
  activateInSeconds?: number | null | undefined;
}>;


export type ConsoleRotateSigningKeyMutation = { rotateSigningKey: Array<{ kid: string, alg: string, status: string, createdAt: string, activatesAt: string | null, retiresAt: string | null }> };

export type ConsoleSecurityPolicyQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleSecurityPolicyQuery = { securityPolicy: { mfaForAdmins: boolean, mfaForMembers: boolean, mfaForGuests: boolean, trustPartnerMfa: boolean, signInFrequencyMinutes: number | null, termsAudience: TermsAudience, termsUrl: string | null, termsVersion: string | null, termsDocuments: Array<{ language: string, url: string }> } };

export type ConsoleUpdateSecurityPolicyMutationVariables = Exact<{
  input: UpdateSecurityPolicyInput;
}>;


export type ConsoleUpdateSecurityPolicyMutation = { updateSecurityPolicy: { mfaForAdmins: boolean, mfaForMembers: boolean, mfaForGuests: boolean, trustPartnerMfa: boolean, signInFrequencyMinutes: number | null, termsAudience: TermsAudience, termsUrl: string | null, termsVersion: string | null, termsDocuments: Array<{ language: string, url: string }> } };

export type ConsoleTermsAcceptancesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: TermsAcceptanceFilterInput | null | undefined;
}>;


export type ConsoleTermsAcceptancesQuery = { termsAcceptances: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, userId: string, version: string, language: string, acceptedAt: string }> } };


export const ConsoleViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleViewerQuery, ConsoleViewerQueryVariables>;
export const ConsoleUploadInvitationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleUploadInvitations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadInvitations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}},{"kind":"Argument","name":{"kind":"Name","value":"dryRun"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"totalRows"}},{"kind":"Field","name":{"kind":"Name","value":"createdCount"}},{"kind":"Field","name":{"kind":"Name","value":"resentCount"}},{"kind":"Field","name":{"kind":"Name","value":"skippedCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"reportCsv"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rowNumber"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleUploadInvitationsMutation, ConsoleUploadInvitationsMutationVariables>;
export const ConsoleInvitationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleInvitations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InvitationFilterInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invitations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"delivery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleInvitationsQuery, ConsoleInvitationsQueryVariables>;
export const ConsoleRevokeInvitationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleRevokeInvitation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeInvitation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ConsoleRevokeInvitationMutation, ConsoleRevokeInvitationMutationVariables>;
export const ConsoleResendInvitationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleResendInvitation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resendInvitation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"delivery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleResendInvitationMutation, ConsoleResendInvitationMutationVariables>;
export const ConsoleInvitePickersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleInvitePickers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleInvitePickersQuery, ConsoleInvitePickersQueryVariables>;
export const ConsoleInviteUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleInviteUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InviteUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inviteUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ConsoleInviteUserMutation, ConsoleInviteUserMutationVariables>;
export const ConsoleOverviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleOverview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"pending"},"name":{"kind":"Name","value":"invitations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"PendingAcceptance"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"failed"},"name":{"kind":"Name","value":"outbox"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}},{"kind":"Argument","name":{"kind":"Name","value":"statuses"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"Failed"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"partners"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<ConsoleOverviewQuery, ConsoleOverviewQueryVariables>;
export const ConsoleAddDomainDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleAddDomain"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addDomain"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<ConsoleAddDomainMutation, ConsoleAddDomainMutationVariables>;
export const ConsoleDomainsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleDomains"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"domains"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"verificationRecord"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleDomainsQuery, ConsoleDomainsQueryVariables>;
export const ConsoleVerifyDomainDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleVerifyDomain"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"takeOver"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyDomain"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"takeOver"},"value":{"kind":"Variable","name":{"kind":"Name","value":"takeOver"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<ConsoleVerifyDomainMutation, ConsoleVerifyDomainMutationVariables>;
export const ConsoleRemoveDomainDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleRemoveDomain"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeDomain"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}]}]}}]} as unknown as DocumentNode<ConsoleRemoveDomainMutation, ConsoleRemoveDomainMutationVariables>;
export const ConsoleTenantSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleTenantSettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"privacyUrl"}},{"kind":"Field","name":{"kind":"Name","value":"contactUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"brandColor"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRedirectHosts"}},{"kind":"Field","name":{"kind":"Name","value":"invitationTtlDays"}}]}}]}}]} as unknown as DocumentNode<ConsoleTenantSettingsQuery, ConsoleTenantSettingsQueryVariables>;
export const ConsoleUpdateTenantSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleUpdateTenantSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TenantSettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateTenantSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"privacyUrl"}},{"kind":"Field","name":{"kind":"Name","value":"contactUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"brandColor"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRedirectHosts"}},{"kind":"Field","name":{"kind":"Name","value":"invitationTtlDays"}}]}}]}}]} as unknown as DocumentNode<ConsoleUpdateTenantSettingsMutation, ConsoleUpdateTenantSettingsMutationVariables>;
export const ConsoleInvitationPreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleInvitationPreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InvitationPreviewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invitationPreview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"}}]}}]}}]} as unknown as DocumentNode<ConsoleInvitationPreviewQuery, ConsoleInvitationPreviewQueryVariables>;
export const ConsoleIdentityProvidersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleIdentityProviders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"identityProviders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"domains"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"domains"}}]}}]}}]} as unknown as DocumentNode<ConsoleIdentityProvidersQuery, ConsoleIdentityProvidersQueryVariables>;
export const ConsoleRegisterIdentityProviderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleRegisterIdentityProvider"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterIdentityProviderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerIdentityProvider"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}}]}}]}}]} as unknown as DocumentNode<ConsoleRegisterIdentityProviderMutation, ConsoleRegisterIdentityProviderMutationVariables>;
export const ConsoleRemoveIdentityProviderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleRemoveIdentityProvider"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeIdentityProvider"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<ConsoleRemoveIdentityProviderMutation, ConsoleRemoveIdentityProviderMutationVariables>;
export const ConsoleSigningKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleSigningKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signingKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kid"}},{"kind":"Field","name":{"kind":"Name","value":"alg"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"activatesAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiresAt"}}]}}]}}]} as unknown as DocumentNode<ConsoleSigningKeysQuery, ConsoleSigningKeysQueryVariables>;
export const ConsoleRotateSigningKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleRotateSigningKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"activateInSeconds"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateSigningKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"activateInSeconds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"activateInSeconds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kid"}},{"kind":"Field","name":{"kind":"Name","value":"alg"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"activatesAt"}},{"kind":"Field","name":{"kind":"Name","value":"retiresAt"}}]}}]}}]} as unknown as DocumentNode<ConsoleRotateSigningKeyMutation, ConsoleRotateSigningKeyMutationVariables>;
export const ConsoleSecurityPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleSecurityPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"securityPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mfaForAdmins"}},{"kind":"Field","name":{"kind":"Name","value":"mfaForMembers"}},{"kind":"Field","name":{"kind":"Name","value":"mfaForGuests"}},{"kind":"Field","name":{"kind":"Name","value":"trustPartnerMfa"}},{"kind":"Field","name":{"kind":"Name","value":"signInFrequencyMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"termsAudience"}},{"kind":"Field","name":{"kind":"Name","value":"termsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"termsVersion"}},{"kind":"Field","name":{"kind":"Name","value":"termsDocuments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleSecurityPolicyQuery, ConsoleSecurityPolicyQueryVariables>;
export const ConsoleUpdateSecurityPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleUpdateSecurityPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateSecurityPolicyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSecurityPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mfaForAdmins"}},{"kind":"Field","name":{"kind":"Name","value":"mfaForMembers"}},{"kind":"Field","name":{"kind":"Name","value":"mfaForGuests"}},{"kind":"Field","name":{"kind":"Name","value":"trustPartnerMfa"}},{"kind":"Field","name":{"kind":"Name","value":"signInFrequencyMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"termsAudience"}},{"kind":"Field","name":{"kind":"Name","value":"termsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"termsVersion"}},{"kind":"Field","name":{"kind":"Name","value":"termsDocuments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleUpdateSecurityPolicyMutation, ConsoleUpdateSecurityPolicyMutationVariables>;
export const ConsoleTermsAcceptancesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleTermsAcceptances"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TermsAcceptanceFilterInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"termsAcceptances"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedAt"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleTermsAcceptancesQuery, ConsoleTermsAcceptancesQueryVariables>;