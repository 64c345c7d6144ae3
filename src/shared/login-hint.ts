import { sameEmail } from './email.js';

/**
 * An app's `login_hint` names the account it expects. A signed-in account other than the hinted
 * one must not be used silently: the sign-in page asks, prefilled with the hint. No hint (or a
 * blank one) names nobody. A leaf module.
 */
export function loginHintMatches(hint: unknown, email: string): boolean {
  return typeof hint !== 'string' || hint.trim() === '' || sameEmail(hint, email);
}
