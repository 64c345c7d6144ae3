import express, { type Request, type Response, Router } from 'express';
import type { OpenSession } from '../accounts/browser-session.service.js';
import type { User } from '../directory/user.entity.js';
import { type BrowserContext, clientIp } from '../http/browser.js';
import { errorText } from '../i18n/index.js';
import { MfaMethodKind } from '../mfa/mfa-method.entity.js';
import type { MfaService } from '../mfa/mfa.service.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { sameOriginPath } from '../shared/urls.js';
import type { SignInLogService } from '../sign-ins/sign-in-log.service.js';
import { pageStatus, sessionStep } from './errors.js';
import type { SignedInHome } from './home-session.js';
import { enrolPage, recoveryCodesPage, secondFactorPage } from './mfa.views.js';
import { passkeyButton } from './passkey.views.js';
import { secondFactorCompleted, secondFactorRefused } from './sign-in-attempts.js';
import { sessionView } from './views.js';

export interface MfaDeps {
  browser: BrowserContext;
  /** Which account a browser is signed in as: the account page's lookup (home-session.ts). */
  home: SignedInHome;
  mfa: MfaService;
  signIns: SignInLogService;
}

/** Refusals the second-factor pages explain beside their form. */
const CODE_ERRORS: ReadonlySet<string> = new Set([ErrorCode.MFA_CODE_INVALID, ErrorCode.TOO_MANY_ATTEMPTS]);

const field = (req: Request, name: string) => (typeof req.body?.[name] === 'string' ? (req.body[name] as string) : '');
/** Where the flow goes on: a path on this origin only, else the account page. */
const returnOf = (raw: unknown) => sameOriginPath(raw, '/account');
const withReturn = (path: string, returnTo: string) => `${path}?return=${encodeURIComponent(returnTo)}`;

/**
 * The second step of a sign-in (`/mfa`) and adding an authenticator app (`/mfa/enrol`): transport
 * only; the rules live in MfaService. `/mfa` serves a browser whose password was just proven (a
 * pending sign-in) and a signed-in browser stepping up; on success the session records the factor
 * and the browser goes on to `return`.
 */
export function mfaRoutes(deps: MfaDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const { browser, mfa } = deps;
  const view = (res: Response, session: OpenSession) => sessionView(browser, res, session);

  type Handler = (req: Request, res: Response, session: OpenSession, returnTo: string) => Promise<void>;
  /** CSRF on POSTs; a domain error that escapes the handler is a page of its own. */
  const step = (handler: Handler) =>
    sessionStep(browser)((req, res, session) =>
      handler(req, res, session, returnOf(req.method === 'POST' ? req.body?.return : req.query.return)),
    );

  /** The person this browser is proving: a pending sign-in first, else the signed-in one. */
  const person = (session: OpenSession): Promise<User | null> =>
    deps.home(session, session.session.pendingUserId ?? session.session.userId);

  async function showSecondFactor(res: Response, session: OpenSession, user: User, returnTo: string, error?: string) {
    const methods = await mfa.list(user.id);
    const ctx = view(res, session);
    const page = secondFactorPage(ctx, {
      email: user.mail,
      returnTo,
      totp: methods.some((m) => m.kind === MfaMethodKind.Totp),
      passkeyButton: methods.some((m) => m.kind === MfaMethodKind.Passkey) ? passkeyButton(ctx, 'authenticate', returnTo) : null,
      error,
    });
    res.type('html').send(page);
  }

  router.get(
    '/mfa',
    step(async (_req, res, session, returnTo) => {
      const user = await person(session);
      if (!user) return res.redirect(303, '/account');
      if (!(await mfa.hasMethods(user.id))) return res.redirect(303, withReturn('/mfa/enrol', returnTo));
      await showSecondFactor(res, session, user, returnTo);
    }),
  );

  /** One code form: an authenticator app's (`/mfa/totp`) or a recovery code (`/mfa/recovery`). */
  const codeForm = (check: (userId: string, code: string, ip: string) => Promise<void>) =>
    step(async (req, res, session, returnTo) => {
      const user = await person(session);
      if (!user) return res.redirect(303, '/account');
      try {
        await check(user.id, field(req, 'code'), clientIp(req));
      } catch (error) {
        if (!(error instanceof DomainError) || !CODE_ERRORS.has(error.code)) throw error;
        await secondFactorRefused(deps.signIns, req, session, returnTo, error);
        res.status(pageStatus(error));
        return showSecondFactor(res, session, user, returnTo, errorText(view(res, session).language, error));
      }
      await secondFactorCompleted(deps, req, res, session, 'otp', returnTo);
      res.redirect(303, returnTo);
    });
  router.post(
    '/mfa/totp',
    form,
    codeForm((userId, code, ip) => mfa.verifyTotp(userId, code, ip)),
  );
  router.post(
    '/mfa/recovery',
    form,
    codeForm((userId, code, ip) => mfa.useRecoveryCode(userId, code, ip)),
  );

  /** Enrolment is for a signed-in browser (a pending one holds a method already: it goes to /mfa). */
  const signedIn = (session: OpenSession): Promise<User | null> => deps.home(session);
  /** Changing methods owes a proof first (MfaService.proofOwed): a second factor at /mfa, or a sign-in again. */
  const proveFirst = (res: Response, error: unknown, returnTo: string): boolean => {
    if (!(error instanceof DomainError)) return false;
    const back = withReturn('/mfa/enrol', returnTo);
    if (error.code === ErrorCode.MFA_REQUIRED) res.redirect(303, withReturn('/mfa', back));
    else if (error.code === ErrorCode.REAUTHENTICATION_REQUIRED) res.redirect(303, withReturn('/account/signin', back));
    else return false;
    return true;
  };

  router.get(
    '/mfa/enrol',
    step(async (_req, res, session, returnTo) => {
      const user = await signedIn(session);
      if (!user) return res.redirect(303, session.session.pendingUserId ? withReturn('/mfa', returnTo) : '/account');
      try {
        const enrolment = await mfa.enrolTotp(user, session.session);
        res.type('html').send(enrolPage(view(res, session), { enrolment, returnTo }));
      } catch (error) {
        if (!proveFirst(res, error, returnTo)) throw error;
      }
    }),
  );

  router.post(
    '/mfa/enrol',
    form,
    step(async (req, res, session, returnTo) => {
      const user = await signedIn(session);
      if (!user) return res.redirect(303, '/account');
      let codes: string[] | null;
      try {
        ({ recoveryCodes: codes } = await mfa.confirmTotp(user, session.session, {
          methodId: field(req, 'methodId'),
          code: field(req, 'code'),
          ip: clientIp(req),
          label: field(req, 'label'),
        }));
      } catch (error) {
        // The account got a method since this enrolment began, or the sign-in grew old: a proof first, as for GET.
        if (proveFirst(res, error, returnTo)) return;
        if (!(error instanceof DomainError) || !CODE_ERRORS.has(error.code)) throw error;
        // A mistyped code: the same enrolment again, with the reason.
        const ctx = view(res, session);
        const enrolment = await mfa.pendingTotp(user, session.session, field(req, 'methodId'));
        res.status(pageStatus(error));
        res.type('html').send(enrolPage(ctx, { enrolment, returnTo, label: field(req, 'label'), error: errorText(ctx.language, error) }));
        return;
      }
      await browser.completeSecondFactor(res, session, 'otp');
      const next = returnTo === '/account' ? '/account?done=mfaAdded' : returnTo;
      if (codes) res.type('html').send(recoveryCodesPage(view(res, session), codes, next));
      else res.redirect(303, next);
    }),
  );

  return router;
}
