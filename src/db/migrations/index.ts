import { InitialDirectory1763800000000 } from './1763800000000-initial-directory.js';
import { OutboxAndBranding1763900000000 } from './1763900000000-outbox-and-branding.js';
import { InvitationBatches1764000000000 } from './1764000000000-invitation-batches.js';
import { AccountsAndRedemption1764100000000 } from './1764100000000-accounts-and-redemption.js';
import { SigningKeyRotation1764200000000 } from './1764200000000-signing-key-rotation.js';
import { PartnersAndFederation1764300000000 } from './1764300000000-partners-and-federation.js';
import { InvitationListingIndex1764400000000 } from './1764400000000-invitation-listing-index.js';
import { SystemMail1764500000000 } from './1764500000000-system-mail.js';
import { OidcHardening1764530000000 } from './1764530000000-oidc-hardening.js';
import { ApiAccessGrants1764550000000 } from './1764550000000-api-access-grants.js';
import { PendingDomains1764600000000 } from './1764600000000-pending-domains.js';
import { MemberActivation1764610000000 } from './1764610000000-member-activation.js';
import { SignInSessionsValidFrom1764620000000 } from './1764620000000-sign-in-sessions-valid-from.js';
import { AuditTargetWidth1764630000000 } from './1764630000000-audit-target-width.js';
import { MfaMethods1764700000000 } from './1764700000000-mfa-methods.js';
import { SignInLog1764710000000 } from './1764710000000-sign-in-log.js';
import { SecurityPolicies1764720000000 } from './1764720000000-security-policies.js';
import { ConsoleSessions1764800000000 } from './1764800000000-console-sessions.js';
import { ConsoleSessionRefreshClaim1764940000000 } from './1764940000000-console-session-refresh-claim.js';
import { ExposedApis1764920000000 } from './1764920000000-exposed-apis.js';
import { PasskeyCounterWidth1764730000000 } from './1764730000000-passkey-counter-width.js';
import { SessionLifetime1764740000000 } from './1764740000000-session-lifetime.js';
import { TenantSessionStarts1764950000000 } from './1764950000000-tenant-session-starts.js';
import { SignInSessionStarts1764960000000 } from './1764960000000-sign-in-session-starts.js';
import { GuestAccessEndIndex1764980000000 } from './1764980000000-guest-access-end-index.js';
import { OutboxTemplates1764990000000 } from './1764990000000-outbox-templates.js';
import { PartnerPendingCount1764995000000 } from './1764995000000-partner-pending-count.js';
import { OutboxTenantMailIndex1765010000000 } from './1765010000000-outbox-tenant-mail-index.js';
import { OutboxDropTenantStatusIndex1765090000000 } from './1765090000000-outbox-drop-tenant-status-index.js';
import { SystemMailRetentionIndex1765100000000 } from './1765100000000-system-mail-retention-index.js';
import { SignInAddressWidth1765150000000 } from './1765150000000-sign-in-address-width.js';
import { OidcPayloadLookupIndexes1765160000000 } from './1765160000000-oidc-payload-lookup-indexes.js';
import { SamlRelayState1765193000000 } from './1765193000000-saml-relay-state.js';
import { PasskeyCredentialIdWidth1765193100000 } from './1765193100000-passkey-credential-id-width.js';
import { UserPrincipalNameWidth1765193200000 } from './1765193200000-user-principal-name-width.js';
import { SamlServiceProviders1764910000000 } from './1764910000000-saml-service-providers.js';
import { PartnerRows1764900000000 } from './1764900000000-partner-rows.js';

/** Every migration, in order. Listed explicitly so the same code runs from src (tsx, vitest) and dist. */
export const MIGRATIONS = [
  InitialDirectory1763800000000,
  OutboxAndBranding1763900000000,
  InvitationBatches1764000000000,
  AccountsAndRedemption1764100000000,
  SigningKeyRotation1764200000000,
  PartnersAndFederation1764300000000,
  InvitationListingIndex1764400000000,
  SystemMail1764500000000,
  OidcHardening1764530000000,
  ApiAccessGrants1764550000000,
  PendingDomains1764600000000,
  MemberActivation1764610000000,
  SignInSessionsValidFrom1764620000000,
  AuditTargetWidth1764630000000,
  MfaMethods1764700000000,
  SignInLog1764710000000,
  SecurityPolicies1764720000000,
  PasskeyCounterWidth1764730000000,
  SessionLifetime1764740000000,
  ConsoleSessions1764800000000,
  PartnerRows1764900000000,
  SamlServiceProviders1764910000000,
  ExposedApis1764920000000,
  ConsoleSessionRefreshClaim1764940000000,
  TenantSessionStarts1764950000000,
  SignInSessionStarts1764960000000,
  GuestAccessEndIndex1764980000000,
  OutboxTemplates1764990000000,
  PartnerPendingCount1764995000000,
  OutboxTenantMailIndex1765010000000,
  OutboxDropTenantStatusIndex1765090000000,
  SystemMailRetentionIndex1765100000000,
  SignInAddressWidth1765150000000,
  OidcPayloadLookupIndexes1765160000000,
  SamlRelayState1765193000000,
  PasskeyCredentialIdWidth1765193100000,
  UserPrincipalNameWidth1765193200000,
];
