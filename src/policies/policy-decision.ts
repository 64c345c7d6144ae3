import { ACR_MFA } from './acr.js';
import { type PolicyValues, TermsAudience } from './security-policy.entity.js';

/**
 * What a person must do before getting tokens for a tenant. `sessionEnded`: the session outlived the
 * tenant's lifetime, and a sign-in that begins a new one is owed (policy-steps.ts); `signInAgain`: the
 * sign-in is older than the sign-in frequency.
 */
export type PolicyStep = 'ok' | 'sessionEnded' | 'signInAgain' | 'mfa' | 'enrolMfa' | 'acceptTerms';

/** A sign-in as the browser session knows it (at authorization and the access panel). */
export interface BrowserSignInFacts {
  kind: 'browser';
  /** When the first factor was proven (password or partner sign-in). */
  authenticatedAt: Date | null;
  /** When the browser's sign-in as this person began (re-authentication keeps it; BrowserContext.signIn). */
  sessionStartedAt: Date | null;
  /** When the gateway itself last verified a second factor in this browser (TOTP, passkey, recovery code). */
  ownMfaAt: Date | null;
  /** The partner's identity provider said its sign-in used MFA (its ID token's amr/acr). */
  partnerMfa: boolean;
  /**
   * When this tenant's sign-in began (the OIDC interaction, or the access panel's, PanelSignIns): for
   * a guest whose tenant does not trust MFA done elsewhere, the gateway's own second factor counts
   * only when completed since; with no start known it does not count.
   */
  tenantSignInStartedAt: Date | null;
}

/** A sign-in as a token remembers it (refresh, userinfo, the API): judged once at authorization. */
export interface TokenSignInFacts {
  kind: 'token';
  authenticatedAt: Date | null;
  /** The acr the sign-in was granted with (`ACR_MFA` when MFA counted in the tenant). */
  acr: string | null;
  /**
   * When the session the token belongs to began: for a refresh token, the first of its rotations;
   * for the provider's session, the browser's sign-in. Null: not a session's (a code, an access token).
   */
  sessionStartedAt: Date | null;
}

export interface PolicyQuestion {
  policy: PolicyValues;
  account: { guest: boolean; admin: boolean };
  signIn: BrowserSignInFacts | TokenSignInFacts;
  now: Date;
  /** The app asked for MFA (acr_values or an essential acr claim): step-up. */
  mfaRequested: boolean;
  /** The person holds at least one confirmed second factor. */
  hasMethods: boolean;
  /** Whether the account accepted the policy's current terms version. */
  termsAccepted: boolean;
}

/** Whether the policy requires MFA of this account (before any request of the app). */
export function policyRequiresMfa(policy: PolicyValues, account: PolicyQuestion['account']): boolean {
  if (account.admin && policy.mfaForAdmins) return true;
  return account.guest ? policy.mfaForGuests : policy.mfaForMembers;
}

/** Whether the account must accept terms of use in this tenant (a version is set and the audience includes it). */
export function termsApply(policy: PolicyValues, account: PolicyQuestion['account']): boolean {
  if (!policy.termsVersion) return false;
  return policy.termsAudience === TermsAudience.Everyone || (policy.termsAudience === TermsAudience.Guests && account.guest);
}

/**
 * Whether the sign-in's MFA counts in this tenant. The gateway's own second factor counts for members
 * always; for a guest, when the tenant trusts MFA done elsewhere, or when it was completed during this
 * tenant's sign-in. A partner's MFA (federation) counts only when trusted. A token's MFA was judged at
 * authorization: its acr says.
 */
export function mfaCounts(q: Pick<PolicyQuestion, 'policy' | 'account' | 'signIn'>): boolean {
  const { signIn, policy, account } = q;
  if (signIn.kind === 'token') return signIn.acr === ACR_MFA;
  if (signIn.ownMfaAt) {
    const since = signIn.tenantSignInStartedAt;
    if (!account.guest || policy.trustPartnerMfa || (since && signIn.ownMfaAt >= since)) return true;
  }
  return signIn.partnerMfa && policy.trustPartnerMfa;
}

/**
 * Whether the session outlived the tenant's session lifetime (absolute, from its start). A browser's
 * sign-in whose start is unknown did; a token that belongs to no session is not judged here.
 */
export function sessionOutlived(q: Pick<PolicyQuestion, 'policy' | 'signIn' | 'now'>): boolean {
  const minutes = q.policy.sessionLifetimeMinutes;
  if (minutes === null) return false;
  const start = q.signIn.sessionStartedAt?.getTime();
  if (start === undefined) return q.signIn.kind === 'browser';
  return q.now.getTime() - start > minutes * 60_000;
}

/**
 * Whether a browser's sign-in whose session outlived the tenant's lifetime was made again since: its
 * first factor proven after the session ended. That sign-in begins a new session (policy-steps.ts);
 * one made before, while the session lasted (sign-in frequency, prompt=login, max_age), does not.
 */
export function beginsNewSession(policy: PolicyValues, signIn: BrowserSignInFacts): boolean {
  const minutes = policy.sessionLifetimeMinutes;
  const { authenticatedAt, sessionStartedAt } = signIn;
  if (minutes === null || !authenticatedAt || !sessionStartedAt) return false;
  return authenticatedAt.getTime() - sessionStartedAt.getTime() > minutes * 60_000;
}

/**
 * The next step of a sign-in to a tenant, in order: a session older than the session lifetime ends (a
 * sign-in begins a new one); a sign-in too old for the sign-in frequency is
 * made again; MFA required (policy or app) and not counted is completed, or first enrolled; terms of
 * use not accepted in their current version are accepted. The one home of the rule: authorization,
 * the access panel and every token-time check ask it.
 */
export function nextPolicyStep(q: PolicyQuestion): PolicyStep {
  const { policy, signIn, now } = q;
  if (sessionOutlived(q)) return 'sessionEnded';
  const minutes = policy.signInFrequencyMinutes;
  if (minutes !== null) {
    const at = signIn.authenticatedAt?.getTime();
    if (at === undefined || now.getTime() - at > minutes * 60_000) return 'signInAgain';
  }
  if ((q.mfaRequested || policyRequiresMfa(policy, q.account)) && !mfaCounts(q)) return q.hasMethods ? 'mfa' : 'enrolMfa';
  if (termsApply(policy, q.account) && !q.termsAccepted) return 'acceptTerms';
  return 'ok';
}
