import { AccessService } from './access/access.service.js';
import { AccountService } from './accounts/account.service.js';
import { ActivationService } from './accounts/activation.service.js';
import { MemberService } from './accounts/member.service.js';
import { AccountProfileService } from './accounts/account-profile.service.js';
import { BrowserSessionService, destroyBrowserSessionsOf } from './accounts/browser-session.service.js';
import { PasswordHasher } from './accounts/password.js';
import { PasswordResetService } from './accounts/password-reset.service.js';
import { RateLimits } from './accounts/rate-limits.js';
import { deletePasswordResetCodes, VerificationCodeService } from './accounts/verification-code.service.js';
import { appLinks } from './apps/app-links.js';
import { ApiAccessService } from './apps/api-access.service.js';
import { ExposedApiService } from './apps/exposed-api.service.js';
import { ResourceApis } from './apps/resource-apis.js';
import { ApplicationService } from './apps/application.service.js';
import { ApplicationSecretService } from './apps/application-secret.service.js';
import { ConsoleAppService } from './apps/console-app.service.js';
import { ConsoleSessionService } from './console-bff/console-session.service.js';
import { RedemptionFlow } from './redemption/redemption-flow.js';
import { RedemptionService } from './redemption/redemption.service.js';
import { DomainService } from './domains/domain.service.js';
import { dnsTxtLookup } from './domains/txt-lookup.js';
import { SignUpService } from './redemption/sign-up.service.js';
import { FederationService } from './federation/federation.service.js';
import { PasskeyService } from './mfa/passkey.service.js';
import { PartnerService } from './partners/partner.service.js';
import { PartnerRows } from './partners/partner.rows.js';
import { AssignmentService } from './apps/assignment.service.js';
import { AuditService } from './audit/audit.service.js';
import type { Config } from './config/config.js';
import type { Database } from './db/database.js';
import { GroupService } from './directory/group.service.js';
import type { AccessEnds, PendingInvitations } from './directory/ports.js';
import { RoleService } from './directory/role.service.js';
import { TenantService } from './directory/tenant.service.js';
import { OwnAccountService } from './directory/own-account.service.js';
import { UserService } from './directory/user.service.js';
import { InvitationBatchService } from './invitations/batch/invitation-batch.service.js';
import { InvitationService } from './invitations/invitation.service.js';
import { InvitationPreviewService } from './invitations/invitation-preview.service.js';
import { revokePendingInvitationsOf } from './invitations/invitation.rows.js';
import { InvitationMailLimit } from './invitations/mail-limit.js';
import type { Logger } from './logging/logger.js';
import type { Metrics } from './observability/metrics.js';
import { revokeOidcArtefacts } from './oidc/oidc-payload.rows.js';
import { ApiTokenVerifier } from './oidc/api-token.verifier.js';
import { SigningKeyService } from './oidc/signing-key.service.js';
import { OutboxRetention } from './mail/outbox-retention.js';
import { AuditRetention } from './audit/audit-retention.js';
import { OutboxService } from './mail/outbox.service.js';
import { MfaService } from './mfa/mfa.service.js';
import { MfaResetService } from './mfa/mfa-reset.service.js';
import type { MfaRequirement } from './mfa/ports.js';
import { RecoveryCodes } from './mfa/recovery-codes.js';
import { TotpMethods } from './mfa/totp.js';
import type { Clock } from './shared/clock.js';
import { deriveKey, SecretBox } from './shared/secrets.js';
import { SignInLogService } from './sign-ins/sign-in-log.service.js';
import { PolicyGate } from './policies/policy-gate.js';
import { SessionStarts } from './policies/session-starts.js';
import { PanelSignIns } from './policies/panel-sign-in.js';
import { SecurityPolicyService } from './policies/security-policy.service.js';
import { SamlKeys } from './saml/saml-keys.js';
import { SamlService } from './saml/saml.service.js';

/** The domain layer, wired once; GraphQL, OIDC and pages all call these same instances. */
export interface Services {
  tenants: TenantService;
  roles: RoleService;
  users: UserService;
  groups: GroupService;
  apps: ApplicationService;
  apiAccess: ApiAccessService;
  /** The APIs applications expose (identifier, scopes, app roles). */
  exposedApis: ExposedApiService;
  /** Every API tokens can be for, the gateway's included: what the provider's resource servers ask. */
  resourceApis: ResourceApis;
  appSecrets: ApplicationSecretService;
  consoleApps: ConsoleAppService;
  consoleSessions: ConsoleSessionService;
  assignments: AssignmentService;
  invitations: InvitationService;
  invitationPreview: InvitationPreviewService;
  audit: AuditService;
  auditRetention: AuditRetention;
  signIns: SignInLogService;
  signingKeys: SigningKeyService;
  apiTokens: ApiTokenVerifier;
  outbox: OutboxService;
  outboxRetention: OutboxRetention;
  batches: InvitationBatchService;
  rateLimits: RateLimits;
  access: AccessService;
  accounts: AccountService;
  sessions: BrowserSessionService;
  verificationCodes: VerificationCodeService;
  passwordReset: PasswordResetService;
  redemption: RedemptionService;
  redemptionFlow: RedemptionFlow;
  signUp: SignUpService;
  federation: FederationService;
  partners: PartnerService;
  domains: DomainService;
  accountProfile: AccountProfileService;
  activation: ActivationService;
  members: MemberService;
  policies: SecurityPolicyService;
  policyGate: PolicyGate;
  sessionStarts: SessionStarts;
  panelSignIns: PanelSignIns;
  mfa: MfaService;
  mfaReset: MfaResetService;
  passkeys: PasskeyService;
  saml: SamlService;
}

export async function createServices(config: Config, db: Database, clock: Clock, logger: Logger, metrics: Metrics): Promise<Services> {
  const secretBox = new SecretBox(config.gatewaySecret);
  const audit = new AuditService(db, clock);
  // Partners are rows kept on write: every module that changes one calls this in its own transaction.
  const partnerRows = new PartnerRows();
  const tenants = new TenantService(db, clock, audit, partnerRows);
  const roles = new RoleService(db, clock, audit, appLinks);
  const outbox = new OutboxService(db, clock, secretBox, { from: config.mail.from, messageIdDomain: new URL(config.publicUrl).hostname });
  // The directory ends access, revokes invitations and reads apps through these; it imports none of those modules.
  const accessEnds: AccessEnds = {
    revokeOidcArtefacts,
    endBrowserSessions: destroyBrowserSessionsOf,
    endPasswordResets: deletePasswordResetCodes,
  };
  const pendingInvitations: PendingInvitations = { revokeFor: (em, userIds, now) => revokePendingInvitationsOf(em, outbox, userIds, now) };
  const users = new UserService(db, clock, roles, audit, pendingInvitations, accessEnds, appLinks, partnerRows);
  const groups = new GroupService(db, clock, users, audit, accessEnds, appLinks);
  const apps = new ApplicationService(db, clock, secretBox, roles, audit);
  const signIns = new SignInLogService(db, clock, metrics, (tenantId, clientId) => apps.findByAppId(tenantId, clientId), {
    publicUrl: config.publicUrl,
    retentionDays: config.signInLogRetentionDays,
  });
  const appSecrets = new ApplicationSecretService(db, clock, secretBox, apps, audit);
  const assignments = new AssignmentService(db, clock, apps, users, groups, audit, accessEnds);
  const rateLimits = await RateLimits.create(db, metrics, config);
  const mailLimit = new InvitationMailLimit(rateLimits);
  const invitations = new InvitationService(db, clock, config, tenants, audit, outbox, mailLimit, accessEnds, partnerRows);
  // Retired keys stay published past the life of the longest-lived JWT they signed (API tokens, ID tokens: 1 h).
  const signingKeys = new SigningKeyService(db, clock, secretBox, Math.max(config.apiTokenTtlSeconds, 3600) + 300);
  const apiAccess = new ApiAccessService(db, clock, apps, audit);
  const exposedApis = new ExposedApiService(db, clock, apps, audit, config.apiResource);
  const resourceApis = new ResourceApis(db, apiAccess, config.apiResource);
  const access = new AccessService(db, clock, config.federatedSessionSeconds, signIns, partnerRows);
  const policies = new SecurityPolicyService(db, clock, audit);
  // The policy asks whether a person holds second factors; the mfa module (above it, built below) answers.
  const later: { mfa?: MfaService } = {};
  const sessionStarts = new SessionStarts(db, clock);
  const policyGate = new PolicyGate(db, clock, policies, roles, (homeUserId) => later.mfa!.hasMethods(homeUserId), sessionStarts);
  const apiTokens = new ApiTokenVerifier(db, config, signingKeys, apps, users, apiAccess, access, policyGate);
  const batches = new InvitationBatchService(db, clock, config, tenants, invitations, audit, logger, metrics, mailLimit);
  const passwords = new PasswordHasher(metrics);
  const accounts = new AccountService(db, clock, audit, rateLimits, metrics, passwords, partnerRows);
  const activation = new ActivationService(db, clock, outbox, audit, rateLimits, passwords, config.publicUrl, config.gatewaySecret, logger);
  const sessions = new BrowserSessionService(db, clock);
  const verificationCodes = new VerificationCodeService(db, clock, outbox, rateLimits, config.gatewaySecret);
  const redemption = new RedemptionService(db, clock, config, audit, metrics, signIns, partnerRows);
  const federation = new FederationService(db, clock, secretBox, audit, metrics, signIns, {
    callbackUrl: `${config.publicUrl}/federation/callback`,
    // Loopback http issuers are for development and tests; production requires https.
    allowInsecureIssuers: !config.production,
  });
  const signUp = new SignUpService(accounts, verificationCodes);
  const consoleApps = new ConsoleAppService(db, clock, secretBox, apps, appSecrets, audit, `${config.publicUrl}/admin/callback`);
  const consoleSessions = new ConsoleSessionService(db, clock, secretBox, consoleApps, rateLimits, config);
  const passwordReset = new PasswordResetService(
    db,
    clock,
    audit,
    rateLimits,
    accounts,
    verificationCodes,
    users,
    federation,
    passwords,
    logger,
    config.publicUrl,
  );
  // A person keeps a method while some tenant's security policy requires MFA of one of its accounts.
  const mfaRequirement: MfaRequirement = { requiredFor: (homeUserId) => policyGate.mfaRequiredForPerson(homeUserId) };
  const totp = new TotpMethods(clock, secretBox, new URL(config.publicUrl).hostname);
  const recoveryCodes = new RecoveryCodes(clock, config.gatewaySecret);
  const mfa = (later.mfa = new MfaService(db, clock, rateLimits, audit, totp, recoveryCodes, mfaRequirement));
  return {
    mfa,
    mfaReset: new MfaResetService(db, audit, users),
    tenants,
    roles,
    users,
    groups,
    apps,
    apiAccess,
    exposedApis,
    resourceApis,
    appSecrets,
    consoleApps,
    consoleSessions,
    assignments,
    invitations,
    invitationPreview: new InvitationPreviewService(clock, config, tenants),
    batches,
    audit,
    auditRetention: new AuditRetention(db, clock, config),
    signIns,
    signingKeys,
    apiTokens,
    outbox,
    outboxRetention: new OutboxRetention(db, clock, config.mail),
    rateLimits,
    access,
    accounts,
    sessions,
    verificationCodes,
    passwordReset,
    redemption,
    signUp,
    federation,
    redemptionFlow: new RedemptionFlow(redemption, accounts, access, federation, signUp),
    partners: new PartnerService(db, clock, users, partnerRows),
    accountProfile: new AccountProfileService(
      db,
      clock,
      rateLimits,
      passwords,
      sessions,
      access,
      users,
      new OwnAccountService(db, users, audit),
      audit,
    ),
    domains: new DomainService(db, clock, audit, rateLimits, accessEnds, dnsTxtLookup(config.dnsServers), partnerRows),
    activation,
    members: new MemberService(db, clock, tenants, users, roles, groups, audit, activation),
    passkeys: new PasskeyService(db, clock, secretBox, sessions, audit, mfa, config.publicUrl),
    policies,
    policyGate,
    sessionStarts,
    panelSignIns: new PanelSignIns(secretBox, clock),
    saml: new SamlService(
      db,
      clock,
      apps,
      new SamlKeys(signingKeys, config.publicUrl),
      config.publicUrl,
      deriveKey(config.gatewaySecret, 'saml-persistent-nameid'),
    ),
  };
}
