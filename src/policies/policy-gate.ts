import type { RoleService } from '../directory/role.service.js';
import { PrincipalKind } from '../directory/role-assignment.entity.js';
import type { Database } from '../db/database.js';
import { User, UserType } from '../directory/user.entity.js';
import type { Clock } from '../shared/clock.js';
import { acrFor } from './acr.js';
import {
  type BrowserSignInFacts,
  mfaCounts,
  nextPolicyStep,
  type PolicyStep,
  policyRequiresMfa,
  termsApply,
  type TokenSignInFacts,
} from './policy-decision.js';
import type { PolicyValues } from './security-policy.entity.js';
import type { JoinedRead, SecurityPolicyService } from './security-policy.service.js';
import type { SessionStarts } from './session-starts.js';

/** What a token remembers of the sign-in behind it, times in seconds (src/oidc/sign-in-policy.ts reads it off a token). */
export interface RememberedSignIn {
  acr?: unknown;
  authTime?: unknown;
  /** When the token's session began: a refresh token's first issue (`iiat`). */
  sessionStartedAt?: unknown;
}

/** Whether a person (home account id) holds a confirmed second factor: answered by src/mfa/, wired in src/services.ts. */
export type MfaMethodsPort = (homeUserId: string) => Promise<boolean>;

/** What policyWithRole read: the tenant's policy and whether the account holds a directory role. */
export type KnownPolicy = Pick<Awaited<ReturnType<SecurityPolicyService['policyWithRole']>>, 'policy' | 'holdsRole'>;

export interface PolicyVerdict {
  step: PolicyStep;
  policy: PolicyValues;
  /** The ID token's acr for this sign-in in this tenant. */
  acr: string;
}

/**
 * Gathers what the policy decision needs about an account of a tenant (its policy, whether it holds a
 * directory role, whether its person holds second factors, its terms acceptance) and asks
 * `nextPolicyStep`. Called at authorization and the access panel (browser facts) and at every
 * token-time check: refresh, userinfo, introspection, the API (token facts).
 */
export class PolicyGate {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly policies: SecurityPolicyService,
    private readonly roles: RoleService,
    private readonly hasMethods: MfaMethodsPort,
    private readonly starts: SessionStarts,
  ) {}

  async decide(
    account: User,
    signIn: BrowserSignInFacts | TokenSignInFacts,
    mfaRequested = false,
    /** The tenant's policy and whether the account holds a directory role, when the caller read them already (policyWithRole). */
    known?: KnownPolicy,
  ): Promise<PolicyVerdict> {
    // Each fact is read only when the policy asks it (a hot path: every authorization and token-time
    // check), but whether the account is an administrator (the administrators' MFA rule, on by default)
    // is read with the policy, in its statement.
    const { policy, holdsRole } = known ?? (await this.policies.policyWithRole(account.tenantId, account.id));
    const subject = {
      guest: account.userType === UserType.Guest,
      admin: policy.mfaForAdmins && holdsRole,
    };
    const termsAccepted = termsApply(policy, subject) ? await this.policies.hasAccepted(account, policy.termsVersion!) : true;
    const question = { policy, account: subject, signIn, now: this.clock.now(), mfaRequested, termsAccepted };
    let step = nextPolicyStep({ ...question, hasMethods: false });
    // Whether the person holds a second factor only tells an MFA step owed ('mfa') from enrolment.
    if (step === 'enrolMfa' && (await this.hasMethods(account.homeUserId ?? account.id)))
      step = nextPolicyStep({ ...question, hasMethods: true });
    return { step, policy, acr: acrFor(mfaCounts({ policy, account: subject, signIn })) };
  }

  /**
   * Whether a tenant's policy requires MFA of the person with home account `homeUserId` anywhere it
   * signs in (its own tenant, or a tenant where it is a guest): the mfa module's MfaRequirement (while
   * true, the person's last method cannot be removed).
   */
  async mfaRequiredForPerson(homeUserId: string): Promise<boolean> {
    const accounts = await this.db.manager.find(User, { where: [{ id: homeUserId }, { homeUserId, userType: UserType.Guest }] });
    for (const account of accounts) {
      const policy = await this.policies.policyOf(account.tenantId);
      const admin = (await this.roles.rolesOf(account.tenantId, PrincipalKind.User, account.id)).length > 0;
      if (policyRequiresMfa(policy, { guest: account.userType === UserType.Guest, admin })) return true;
    }
    return false;
  }

  /**
   * The step a token of `account` still owes under the tenant's current policy ('ok': it may be used):
   * the sign-in it remembers (`auth_time` in seconds, `acr`) is within the sign-in frequency, shows
   * MFA where now required, the current terms are accepted, and its session (`sessionStartedAt` in
   * seconds, a refresh token's first issue) is within the session lifetime. A token that remembers
   * no sign-in counts as neither.
   */
  async tokenStep(account: User, remembered: RememberedSignIn, known?: KnownPolicy): Promise<PolicyStep> {
    const at = (seconds: unknown) => (typeof seconds === 'number' ? new Date(seconds * 1000) : null);
    const acr = typeof remembered.acr === 'string' ? remembered.acr : null;
    // Read once here: the session start's lookup and the decision both need it (a hot path: every refresh, userinfo and API call).
    known ??= await this.policies.policyWithRole(account.tenantId, account.id);
    const { policy } = known;
    const signIn: TokenSignInFacts = {
      kind: 'token',
      authenticatedAt: at(remembered.authTime),
      acr,
      sessionStartedAt: await this.sessionStartOf(account, policy, remembered, at(remembered.sessionStartedAt)),
    };
    return (await this.decide(account, signIn, false, known)).step;
  }

  /**
   * A token's session start: what the token remembers (a refresh token's), or earlier, the browser
   * session's behind its sign-in when one was recorded (rememberSessionStart): a refresh token got
   * after signing in again within a session is held to that session, not to its own first issue, and
   * an access token of a sign-in to that session too. Looked up only where the tenant has a lifetime.
   */
  private async sessionStartOf(account: User, policy: PolicyValues, remembered: RememberedSignIn, own: Date | null): Promise<Date | null> {
    if (typeof remembered.authTime !== 'number' || policy.sessionLifetimeMinutes === null) return own;
    const recorded = await this.starts.startOf(account.id, remembered.authTime);
    return recorded && (!own || recorded < own) ? recorded : own;
  }

  /**
   * Records the browser session start behind a sign-in that an authorization completed with (tokens
   * remember the sign-in only): read back by tokenStep. Recorded whatever the policy is now, so a
   * lifetime set later holds the tokens issued before it too.
   */
  async rememberSessionStart(account: User, authenticatedAt: Date | null, startedAt: Date | null): Promise<void> {
    if (!authenticatedAt || !startedAt) return;
    await this.starts.record(account.id, authenticatedAt, startedAt);
  }

  /**
   * The tenant's policy and whether the account holds a directory role (for decide and tokenStep's
   * `known`), with another module's read joined to it in the same statement (src/oidc/access-facts.ts).
   */
  policyWithRole(account: User, joined: JoinedRead): ReturnType<SecurityPolicyService['policyWithRole']> {
    return this.policies.policyWithRole(account.tenantId, account.id, joined);
  }

  /** Whether a token of `account` may still be used (tokenStep is 'ok'). */
  async tokenAllowed(account: User, remembered: RememberedSignIn): Promise<boolean> {
    return (await this.tokenStep(account, remembered)) === 'ok';
  }
}
