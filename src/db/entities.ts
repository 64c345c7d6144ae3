import { ApiAccessGrant } from '../apps/api-access-grant.entity.js';
import { ExposedApi } from '../apps/exposed-api.entity.js';
import { AppAssignment } from '../apps/app-assignment.entity.js';
import { Application } from '../apps/application.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Group, GroupMember } from '../directory/group.entity.js';
import { RoleAssignment } from '../directory/role-assignment.entity.js';
import { TenantDomain } from '../directory/tenant-domain.entity.js';
import { Tenant } from '../directory/tenant.entity.js';
import { User } from '../directory/user.entity.js';
import { InvitationBatch, InvitationBatchRow } from '../invitations/batch/invitation-batch.entity.js';
import { Invitation } from '../invitations/invitation.entity.js';
import { BrowserSession } from '../accounts/browser-session.entity.js';
import { VerificationCode } from '../accounts/verification-code.entity.js';
import { MemberActivation } from '../accounts/member-activation.entity.js';
import { PartnerGuest, PartnerRow } from '../partners/partner.entity.js';
import { IdentityProvider } from '../federation/identity-provider.entity.js';
import { OutboxMessage } from '../mail/outbox-message.entity.js';
import { OutboxTemplate } from '../mail/outbox-template.entity.js';
import { ApplicationSecret } from '../apps/application-secret.entity.js';
import { OidcPayload } from '../oidc/oidc-payload.entity.js';
import { SigningKey } from '../oidc/signing-key.entity.js';
import { PendingDomain } from '../domains/pending-domain.entity.js';
import { MfaMethod, RecoveryCode } from '../mfa/mfa-method.entity.js';
import { SignInEvent } from '../sign-ins/sign-in-event.entity.js';
import { SecurityPolicy, TermsAcceptance } from '../policies/security-policy.entity.js';
import { SignInSessionStart } from '../policies/session-start.entity.js';
import { ConsoleSession } from '../console-bff/console-session.entity.js';
import { SamlRequest } from '../saml/saml-request.entity.js';
import { SamlServiceProvider } from '../saml/saml-service-provider.entity.js';

export const ENTITIES = [
  Tenant,
  TenantDomain,
  User,
  Group,
  GroupMember,
  RoleAssignment,
  Application,
  AppAssignment,
  Invitation,
  AuditEvent,
  SigningKey,
  OidcPayload,
  OutboxMessage,
  OutboxTemplate,
  InvitationBatch,
  InvitationBatchRow,
  VerificationCode,
  BrowserSession,
  IdentityProvider,
  ApplicationSecret,
  ApiAccessGrant,
  PendingDomain,
  MemberActivation,
  MfaMethod,
  RecoveryCode,
  SignInEvent,
  SecurityPolicy,
  SignInSessionStart,
  TermsAcceptance,
  ConsoleSession,
  ExposedApi,
  SamlServiceProvider,
  SamlRequest,
  PartnerRow,
  PartnerGuest,
];
