import { ACR_MFA } from './acr.js';
import { type PolicyValues, TermsAudience } from './security-policy.entity.js';

/** What a person must do before getting tokens for a tenant. */
export type PolicyStep = 'ok' | 'signInAgain' | 'mfa' | 'enrolMfa' | 'acceptTerms';

/** A sign-in as the browser session knows it (at authorization and the access panel). */
export interface BrowserSignInFacts {
  kind: 'browser';
  /** When the first factor was proven (password or partner sign-in). */
  authenticatedAt: Date | null;
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
 * The next step of a sign-in to a tenant, in order: a sign-in too old for the sign-in frequency is
 * made again; MFA required (policy or app) and not counted is completed, or first enrolled; terms of
 * use not accepted in their current version are accepted. The one home of the rule: authorization,
 * the access panel and every token-time check ask it.
 */
export function nextPolicyStep(q: PolicyQuestion): PolicyStep {
  const { policy, signIn, now } = q;
  const minutes = policy.signInFrequencyMinutes;
  if (minutes !== null) {
    const at = signIn.authenticatedAt?.getTime();
    if (at === undefined || now.getTime() - at > minutes * 60_000) return 'signInAgain';
  }
  if ((q.mfaRequested || policyRequiresMfa(policy, q.account)) && !mfaCounts(q)) return q.hasMethods ? 'mfa' : 'enrolMfa';
  if (termsApply(policy, q.account) && !q.termsAccepted) return 'acceptTerms';
  return 'ok';
}
