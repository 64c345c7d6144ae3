import type { Request, Response } from 'express';
import type { AccessService } from '../access/access.service.js';
import type { BrowserSessionService, OpenSession } from '../accounts/browser-session.service.js';
import type { FederationService } from '../federation/federation.service.js';
import type { AccountService } from '../accounts/account.service.js';
import type { User } from '../directory/user.entity.js';
import { type BrowserContext, clientIp } from '../http/browser.js';
import { errorText } from '../i18n/index.js';
import type { MfaService } from '../mfa/mfa.service.js';
import type { PolicyGate } from '../policies/policy-gate.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import type { SignInLogService } from '../sign-ins/sign-in-log.service.js';
import { pageStatus } from './errors.js';
import { pageSignInRefused } from './sign-in-attempts.js';
import { sessionView, signInPage } from './views.js';

// The first factor at the sign-in forms of apps and the access panel (signInForm): a federated
// partner's address goes to its provider (federate), a refused password shows the form again
// (refuseSignIn), a proven one goes on (passwordProven).

/**
 * What every sign-in page (an OIDC interaction's, a SAML request's, the access panel's) is handed:
 * the first factor's services, and those that admit a sign-in and ask the tenant's policy.
 */
export interface SignInPagesDeps {
  browser: BrowserContext;
  accounts: AccountService;
  access: AccessService;
  mfa: MfaService;
  federation: FederationService;
  sessions: BrowserSessionService;
  signIns: SignInLogService;
  policyGate: PolicyGate;
}

/** What a sign-in form of an app or the access panel needs. */
export type SignInFormDeps = Parameters<typeof federate>[0] &
  Parameters<typeof checkPassword>[0] &
  Parameters<typeof refuseSignIn>[0] &
  Parameters<typeof passwordProven>[0];

/**
 * A sign-in form's POST, in the order every such form keeps: a federated partner's address goes to
 * its provider before any password; else the password is checked, an account with a second factor
 * is sent to `/mfa` (back to `returnTo`), and `signedIn` goes on with the proven home account. A
 * refused password (also one refused within `signedIn`) shows the form again at `retry`, logged
 * against `clientId`. `uid`: the OIDC interaction or SAML request this sign-in is for, if any.
 */
export async function signInForm(
  deps: SignInFormDeps,
  req: Request,
  res: Response,
  session: OpenSession,
  form: {
    purpose: 'interaction' | 'panel';
    returnTo: string;
    uid: string | null;
    asked?: { prompt?: unknown; max_age?: unknown };
    retry: string;
    clientId?: string;
  },
  signedIn: (home: User) => Promise<void>,
): Promise<void> {
  if (await federate(deps, req, res, session, form.purpose, form.returnTo, form.uid, form.asked)) return;
  try {
    const home = await checkPassword(deps, req, res, String(req.body.email ?? ''), String(req.body.password ?? ''));
    if (await passwordProven(deps, res, session, home.id, { returnTo: form.returnTo, freshLoginUid: form.uid ?? undefined })) return;
    await signedIn(home);
  } catch (error) {
    await refuseSignIn(deps, req, res, session, error, form.retry, form.clientId);
  }
}

/**
 * Whether a sign-in is asked again rather than for the first time: the browser is signed in (or
 * half-way) already, or the app asked with prompt=login or max_age. A partner's provider is then
 * asked for a fresh sign-in too (FederationService.start's `reauthenticate`).
 */
export function asksAgain(session: OpenSession, asked: { prompt?: unknown; max_age?: unknown } = {}): boolean {
  if (session.session.userId || session.session.pendingUserId) return true;
  return (
    String(asked.prompt ?? '')
      .split(' ')
      .includes('login') || asked.max_age !== undefined
  );
}

/** An address of a federated partner company signs in at its own provider: redirect there (true). */
export async function federate(
  deps: { federation: FederationService; sessions: BrowserSessionService },
  req: Request,
  res: Response,
  session: OpenSession,
  purpose: 'interaction' | 'panel',
  returnTo: string,
  uid: string | null,
  asked: { prompt?: unknown; max_age?: unknown } = {},
): Promise<boolean> {
  const started = await deps.federation.startForEmail(String(req.body.email ?? ''), purpose, returnTo, uid, {
    reauthenticate: asksAgain(session, asked),
  });
  if (!started) return false;
  await deps.sessions.update(session, { federationState: started.sealed });
  res.redirect(303, started.url);
  return true;
}

/**
 * Checks a password typed at a sign-in form. A browser that signed in as this address before spends
 * its own budget instead of the account-wide one (FamiliarDevices), and a proven password keeps it
 * familiar (its cookie renewed before any second factor: the password alone is what it attests).
 * @throws INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS
 */
export async function checkPassword(
  deps: { accounts: AccountService; browser: BrowserContext },
  req: Request,
  res: Response,
  email: string,
  password: string,
): Promise<User> {
  const home = await deps.accounts.signIn(email, password, clientIp(req), deps.browser.familiarTo(req, email));
  deps.browser.rememberFamiliar(req, res, email, home);
  return home;
}

/** A refused password (or its budget spent) shows the sign-in page again and is logged; anything else propagates. */
export async function refuseSignIn(
  deps: { browser: BrowserContext; signIns: SignInLogService },
  req: Request,
  res: Response,
  session: OpenSession,
  error: unknown,
  action: string,
  clientId?: string,
): Promise<void> {
  if (!(error instanceof DomainError) || (error.code !== ErrorCode.INVALID_CREDENTIALS && error.code !== ErrorCode.TOO_MANY_ATTEMPTS))
    throw error;
  const email = String(req.body.email ?? '');
  await deps.signIns.record(pageSignInRefused(req, String(req.params.tenantId), error, { address: email, clientId }));
  const ctx = sessionView(deps.browser, res, session);
  res
    .status(pageStatus(error))
    .type('html')
    .send(signInPage(ctx, { action, email, error: errorText(ctx.language, error) }));
}

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
