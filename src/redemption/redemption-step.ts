import type { User } from '../directory/user.entity.js';
import type { IdentityProvider } from '../federation/identity-provider.entity.js';
import { DomainError, ErrorCode } from '../shared/errors.js';

/**
 * What happens next when someone accepts an invitation: the one decision, without I/O. The pages
 * (`/redeem/accept`, the federation callback) only carry the step out and render it.
 */
export type RedemptionStep =
  /** The browser is signed in as the invited address: redeem now. */
  | { kind: 'finish'; home: User }
  /** Signed in as someone else: offer to switch accounts (never redeem for the wrong person). */
  | { kind: 'switchAccount'; current: string }
  /** The address belongs to a partner company with its own identity provider: sign in there. */
  | { kind: 'federate'; upstream: IdentityProvider }
  /** A gateway account has the address: sign in with its password. */
  | { kind: 'signIn' }
  /** No account yet: prove the address with a code, then sign up (SignUpService applies the sign-up rules). */
  | { kind: 'sendCode' };

/** What the decision reads, gathered by RedemptionFlow. */
export interface RedemptionFacts {
  invitedEmail: string;
  /** The browser's gateway sign-in, if any. */
  signedIn: {
    user: User;
    /** Enabled, and a sign-in at a partner's provider still recent enough (AccessService.upstreamSignInValid). */
    usable: boolean;
    /** The sign-in was made for this very redemption (the federation callback): no second choice. */
    justNow: boolean;
  } | null;
  /** The partner identity provider answering for the address's domain. */
  upstream: IdentityProvider | null;
  /** Home-realm discovery (AccountService.discover): does a gateway account have the address? */
  hasAccount: boolean;
}

export function nextRedemptionStep(facts: RedemptionFacts): RedemptionStep {
  const { invitedEmail, signedIn } = facts;
  // Made for this redemption: finish it. RedemptionService.redeem refuses (WRONG_ACCOUNT) a member
  // who does not own the address; offering a switch instead would send them round in a circle.
  if (signedIn?.justNow) return { kind: 'finish', home: signedIn.user };
  if (signedIn?.usable) {
    return signedIn.user.mail === invitedEmail
      ? { kind: 'finish', home: signedIn.user }
      : { kind: 'switchAccount', current: signedIn.user.mail };
  }
  // A partner company that federated: its people sign in at their own provider.
  if (facts.upstream) return { kind: 'federate', upstream: facts.upstream };
  if (facts.hasAccount) return { kind: 'signIn' };
  return { kind: 'sendCode' };
}

/** The identity that redeems must own the invited address. */
export function wrongAccount(invitedEmail: string, signedInAs: string): DomainError {
  return new DomainError(ErrorCode.WRONG_ACCOUNT, `This invitation is for ${invitedEmail}; you are signed in as ${signedInAs}`);
}
