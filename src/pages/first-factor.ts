import type { Response } from 'express';
import type { OpenSession } from '../accounts/browser-session.service.js';
import type { BrowserContext } from '../http/browser.js';
import type { MfaService } from '../mfa/mfa.service.js';

/**
 * A password was just proven for `homeId`. An account holding a confirmed second factor is asked for
 * it at every such sign-in: the browser is left half-way (BrowserContext.beginSecondFactor) and sent
 * to `/mfa`, which comes back to `returnTo`; true then, and the caller has answered. Otherwise the
 * browser is signed in and false lets the caller go on. `freshLoginUid`: the OIDC interaction this
 * sign-in is for (its GET then completes without asking again, even for prompt=login).
 */
export async function passwordProven(
  deps: { browser: BrowserContext; mfa: MfaService },
  res: Response,
  session: OpenSession,
  homeId: string,
  options: { returnTo: string; freshLoginUid?: string },
): Promise<boolean> {
  if (!(await deps.mfa.hasMethods(homeId))) {
    await deps.browser.signIn(res, session, homeId);
    return false;
  }
  await deps.browser.beginSecondFactor(res, session, homeId, ['pwd']);
  if (options.freshLoginUid) await deps.browser.renew(res, session, { freshLoginUid: options.freshLoginUid });
  res.redirect(303, `/mfa?return=${encodeURIComponent(options.returnTo)}`);
  return true;
}
