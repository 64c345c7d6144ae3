import type { User } from '../directory/user.entity.js';
import { loginHintMatches } from '../shared/login-hint.js';

/** What an app's sign-in request (an OIDC interaction) says about prompting. */
export interface SignInRequest {
  /** The provider's reasons to prompt (`login_prompt` for prompt=login, `max_age`, ...). */
  promptReasons: readonly string[];
  /** The browser signed in for this very interaction (a federated sign-in that came back to it). */
  justSignedIn: boolean;
  loginHint: unknown;
}

/**
 * May the browser's gateway sign-in be used for this app without showing the sign-in page? Only
 * for an enabled account whose sign-in still counts (`upstreamValid`: a partner provider's sign-in
 * is bounded), unless the app asks for a fresh one (prompt=login, max_age) or names another
 * account in login_hint. Whether the account may use the app at all is checked after this, always.
 */
export function maySignInSilently(
  home: Pick<User, 'accountEnabled' | 'mail'> | null,
  upstreamValid: boolean,
  request: SignInRequest,
): boolean {
  if (!home?.accountEnabled || !upstreamValid) return false;
  const reasons = request.promptReasons;
  const mustReauthenticate = !request.justSignedIn && (reasons.includes('login_prompt') || reasons.includes('max_age'));
  return !mustReauthenticate && loginHintMatches(request.loginHint, home.mail);
}
