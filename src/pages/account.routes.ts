import express, { type Request, type Response, Router } from 'express';
import type { AccountProfileService } from '../accounts/account-profile.service.js';
import type { AccountService } from '../accounts/account.service.js';
import type { BrowserSessionService, OpenSession } from '../accounts/browser-session.service.js';
import type { User } from '../directory/user.entity.js';
import type { FederationService } from '../federation/federation.service.js';
import { type BrowserContext, clientIp } from '../http/browser.js';
import type { MfaService } from '../mfa/mfa.service.js';
import { errorText, translate } from '../i18n/index.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { sameOriginPath } from '../shared/urls.js';
import type { SignInLogService } from '../sign-ins/sign-in-log.service.js';
import { ACCOUNT_NOTICES, type AccountNotice, accountPage, leaveConfirmPage } from './account.views.js';
import { pageStatus, sessionStep } from './errors.js';
import { asksAgain, checkPassword, passwordProven } from './first-factor.js';
import type { SignedInHome } from './home-session.js';
import { recoveryCodesPage } from './mfa.views.js';
import { pageSignedIn, pageSignInRefused } from './sign-in-attempts.js';
import { errorPage, messagePage, signInPage, sessionView } from './views.js';

export interface AccountDeps {
  browser: BrowserContext;
  mfa: MfaService;
  sessions: BrowserSessionService;
  accounts: AccountService;
  profile: AccountProfileService;
  federation: FederationService;
  signIns: SignInLogService;
  /** Which account a browser is signed in as, within its home tenant's session lifetime (home-session.ts). */
  home: SignedInHome;
}

/** Refusals a form on the account page explains on the page itself, beside the form. */
const FORM_ERRORS: ReadonlySet<string> = new Set([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.INVALID_CREDENTIALS,
  ErrorCode.WEAK_PASSWORD,
  ErrorCode.TOO_MANY_ATTEMPTS,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.MFA_LAST_METHOD,
]);

const field = (req: Request, name: string) => (typeof req.body?.[name] === 'string' ? (req.body[name] as string) : '');

/**
 * The account page (`/account`, Entra's My Account): only transport; the rules live in
 * AccountProfileService (and OwnAccountService behind it). Every form is a POST with the session's CSRF token, spends
 * the person's rate-limit budget, and answers with a redirect back to the page (or a page that
 * explains the refusal).
 */
export function accountRoutes(deps: AccountDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const { browser, profile } = deps;
  const view = (res: Response, session: OpenSession) => sessionView(browser, res, session);
  /** The account's sign-in form; `returnTo` where a sign-in again (for changing sign-in methods) goes on. */
  const signIn = (res: Response, session: OpenSession, options: { email?: string; error?: string; returnTo?: string } = {}) =>
    res.type('html').send(signInPage(view(res, session), { action: '/account/signin', ...options }));
  const returnOf = (raw: unknown) => sameOriginPath(raw, '/account');

  async function showAccount(
    res: Response,
    session: OpenSession,
    home: User,
    options: { notice?: AccountNotice; error?: string | null } = {},
  ) {
    const overview = await profile.overview(home);
    const mfa = {
      methods: await deps.mfa.list(home.id),
      remainingCodes: await deps.mfa.remainingRecoveryCodes(home.id),
      proofOwed: await deps.mfa.proofOwed(home, session.session),
    };
    res.type('html').send(accountPage(view(res, session), overview, { currentBrowser: session.session.idHash, mfa, ...options }));
  }

  /** A page of the account (CSRF on POSTs): a domain error is a page of its own, anything else goes to the error handler. */
  const page = sessionStep(browser);

  type Handler = (req: Request, res: Response, session: OpenSession, home: User) => Promise<void>;
  /**
   * A form of a signed-in person: CSRF (the page's), then the budget, then the handler. A refusal it
   * can explain shows the page again with the reason; any other domain error is a page of its own.
   */
  const signedInForm = (handler: Handler) =>
    page(async (req, res, session) => {
      const home = await deps.home(session);
      if (!home) {
        res.redirect(303, '/account');
        return;
      }
      try {
        await profile.spendForm(home);
        await handler(req, res, session, home);
      } catch (error) {
        // Changing sign-in methods needs a second factor in this browser first.
        if (error instanceof DomainError && error.code === ErrorCode.MFA_REQUIRED) return res.redirect(303, '/mfa?return=/account');
        if (error instanceof DomainError && error.code === ErrorCode.REAUTHENTICATION_REQUIRED) return res.redirect(303, '/account/signin');
        if (!(error instanceof DomainError) || !FORM_ERRORS.has(error.code)) throw error;
        const fresh = await profile.signedIn(home.id);
        if (!fresh) throw error;
        res.status(pageStatus(error));
        await showAccount(res, session, fresh, { error: errorText(view(res, session).language, error) });
      }
    });

  router.get(
    '/account',
    page(async (req, res, session) => {
      const home = await deps.home(session);
      if (!home) {
        signIn(res, session);
        return;
      }
      const done = req.query.done;
      const notice = typeof done === 'string' && Object.hasOwn(ACCOUNT_NOTICES, done) ? (done as AccountNotice) : undefined;
      await showAccount(res, session, home, { notice });
    }),
  );

  /** Signing in again, as the person signed in, before changing sign-in methods; then on to `return`. */
  router.get(
    '/account/signin',
    page(async (req, res, session) => {
      const home = await deps.home(session);
      signIn(res, session, { email: home?.mail, returnTo: returnOf(req.query.return) });
    }),
  );

  /** The account's sign-in refused: a wrong password shows the form again; any other domain error is a page of its own. */
  const signInRefused = sessionStep(browser, async (error, req, res, session) => {
    const ctx = view(res, session);
    res.status(pageStatus(error));
    if (error.code === ErrorCode.INVALID_CREDENTIALS || error.code === ErrorCode.TOO_MANY_ATTEMPTS) {
      // The page is no tenant's: a refusal is counted, never written to the log of the address's tenant.
      await deps.signIns.record(pageSignInRefused(req, null, error));
      signIn(res, session, { email: field(req, 'email'), error: errorText(ctx.language, error), returnTo: returnOf(req.body?.return) });
    } else res.type('html').send(errorPage(ctx, error));
  });

  router.post(
    '/account/signin',
    form,
    signInRefused(async (req, res, session) => {
      const returnTo = returnOf(req.body?.return);
      const started = await deps.federation.startForEmail(field(req, 'email'), 'panel', returnTo, null, {
        reauthenticate: asksAgain(session),
      });
      if (started) {
        await deps.sessions.update(session, { federationState: started.sealed });
        res.redirect(303, started.url);
        return;
      }
      const home = await checkPassword(deps, req, res, field(req, 'email'), field(req, 'password'));
      if (await passwordProven(deps, res, session, home.id, { returnTo })) return;
      await deps.signIns.record(pageSignedIn(req, session, home.tenantId, home.id)); // the home tenant's log
      res.redirect(303, returnTo);
    }),
  );

  router.post(
    '/account/profile',
    form,
    signedInForm(async (req, res, _session, home) => {
      await profile.updateNames(home, {
        displayName: field(req, 'displayName'),
        givenName: field(req, 'givenName'),
        familyName: field(req, 'familyName'),
      });
      res.redirect(303, '/account?done=profile');
    }),
  );

  router.post(
    '/account/password',
    form,
    signedInForm(async (req, res, session, home) => {
      await profile.changePassword(home, field(req, 'currentPassword'), field(req, 'newPassword'), clientIp(req), session.session.idHash);
      // A privilege change: this browser keeps its sign-in under a new session id.
      await browser.renew(res, session, {});
      res.redirect(303, '/account?done=password');
    }),
  );

  router.post(
    '/account/signout-everywhere',
    form,
    signedInForm(async (req, res, _session, home) => {
      await profile.signOutEverywhere(home);
      await browser.signOut(req); // this browser's provider cookies too (its session row is gone already)
      const fresh = await browser.ensure(req, res);
      const ctx = view(res, fresh);
      res.type('html').send(messagePage(ctx, 'account.signOutEverywhere', translate(ctx.language, 'account.signedOutEverywhere')));
    }),
  );

  router.post(
    '/account/leave',
    form,
    signedInForm(async (req, res, session, home) => {
      const guestId = field(req, 'guestId');
      if (field(req, 'confirm') !== 'yes') {
        const tenant = await profile.organizationToLeave(home, guestId);
        res.type('html').send(leaveConfirmPage(view(res, session), { guestId, tenantName: tenant.name }));
        return;
      }
      await profile.leave(home, guestId);
      res.redirect(303, '/account?done=left');
    }),
  );

  router.post(
    '/account/delete',
    form,
    signedInForm(async (req, res, _session, home) => {
      await profile.deleteAccount(home, { password: field(req, 'password'), email: field(req, 'email') }, clientIp(req));
      await browser.signOut(req);
      const fresh = await browser.ensure(req, res);
      const ctx = view(res, fresh);
      res.type('html').send(messagePage(ctx, 'account.deletedTitle', translate(ctx.language, 'account.deleted')));
    }),
  );

  router.post(
    '/account/mfa/rename',
    form,
    signedInForm(async (req, res, session, home) => {
      await deps.mfa.rename(home, session.session, field(req, 'methodId'), field(req, 'label'));
      res.redirect(303, '/account?done=mfaRenamed');
    }),
  );

  router.post(
    '/account/mfa/remove',
    form,
    signedInForm(async (req, res, session, home) => {
      await deps.mfa.remove(home, session.session, field(req, 'methodId'));
      res.redirect(303, '/account?done=mfaRemoved');
    }),
  );

  router.post(
    '/account/mfa/recovery-codes',
    form,
    signedInForm(async (_req, res, session, home) => {
      const codes = await deps.mfa.regenerateRecoveryCodes(home, session.session);
      res.type('html').send(recoveryCodesPage(view(res, session), codes, '/account'));
    }),
  );

  return router;
}
