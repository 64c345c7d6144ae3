import type { AccountProfileService } from '../accounts/account-profile.service.js';
import type { BrowserSessionService, OpenSession } from '../accounts/browser-session.service.js';
import type { User } from '../directory/user.entity.js';
import type { PolicyGate } from '../policies/policy-gate.js';
import { sessionHolds } from './policy-steps.js';

/** Which home account a browser is signed in as, for the account, MFA and passkey pages (null: ask for a sign-in). */
export type SignedInHome = (session: OpenSession, userId?: string | null) => Promise<User | null>;

/**
 * The pages' one signed-in lookup: an enabled home account (`AccountProfileService.signedIn`) whose
 * browser session is within its home tenant's session lifetime, as at an app of that tenant; a sign-in
 * made since it ended begins a new one. `userId` defaults to the signed-in one (the second-factor
 * page passes the pending one).
 */
export function signedInHome(deps: {
  profile: Pick<AccountProfileService, 'signedIn'>;
  policyGate: PolicyGate;
  sessions: BrowserSessionService;
}): SignedInHome {
  return async (session, userId = session.session.userId) => {
    const home = await deps.profile.signedIn(userId);
    if (!home) return null;
    return (await sessionHolds(deps, session, home)) ? home : null;
  };
}
