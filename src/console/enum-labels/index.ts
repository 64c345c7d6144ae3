import type { Catalogue } from '../i18n';
import {
  invitationStatusLabels,
  deliveryStatusLabels,
  batchStatusLabels,
  rowOutcomeLabels,
  externalUserStateLabels,
  userTypeLabels,
} from './invitations';
import { directoryRoleLabels, assignmentPrincipalTypeLabels, apiScopeLabels, domainStateLabels } from './directory';
import {
  partnerKindLabels,
  partnerDomainPolicyLabels,
  removePartnerModeLabels,
  signInKindLabels,
  signInResultLabels,
  termsAudienceLabels,
} from './partners';
import { permissionLabels } from './permissions';
import { applicationProtocolLabels, appRoleMemberTypeLabels, samlNameIdFormatLabels } from './apps';

/**
 * Every enum of the API (as src/console/gql names it) with its labels: one mapping per enum, each
 * value labelled in the 11 languages (test/unit/console-enum-labels.test.ts checks that none is missing).
 */
export const ENUM_LABELS: Readonly<Record<string, Catalogue<string>>> = {
  ApiScope: apiScopeLabels,
  AppRoleMemberType: appRoleMemberTypeLabels,
  ApplicationProtocol: applicationProtocolLabels,
  AssignmentPrincipalType: assignmentPrincipalTypeLabels,
  BatchStatus: batchStatusLabels,
  DeliveryStatus: deliveryStatusLabels,
  DirectoryRole: directoryRoleLabels,
  DomainState: domainStateLabels,
  ExternalUserState: externalUserStateLabels,
  InvitationStatus: invitationStatusLabels,
  PartnerDomainPolicy: partnerDomainPolicyLabels,
  PartnerKind: partnerKindLabels,
  Permission: permissionLabels,
  RemovePartnerMode: removePartnerModeLabels,
  SamlNameIdFormat: samlNameIdFormatLabels,
  RowOutcome: rowOutcomeLabels,
  SignInKind: signInKindLabels,
  SignInResult: signInResultLabels,
  TermsAudience: termsAudienceLabels,
  UserType: userTypeLabels,
};

export {
  apiScopeLabels,
  assignmentPrincipalTypeLabels,
  batchStatusLabels,
  deliveryStatusLabels,
  directoryRoleLabels,
  domainStateLabels,
  externalUserStateLabels,
  invitationStatusLabels,
  partnerDomainPolicyLabels,
  partnerKindLabels,
  permissionLabels,
  removePartnerModeLabels,
  rowOutcomeLabels,
  signInKindLabels,
  signInResultLabels,
  termsAudienceLabels,
  userTypeLabels,
};
