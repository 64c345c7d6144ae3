import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { OpenSession } from '../accounts/browser-session.service.js';
import type { BrowserContext } from '../http/browser.js';
import { errorText, languageFromHeader } from '../i18n/index.js';
import type { PasskeyService } from '../mfa/passkey.service.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { sameOriginPath } from '../shared/urls.js';
import type { SignInLogService } from '../sign-ins/sign-in-log.service.js';
import { checkQuery, pageStatus } from './errors.js';
import type { SignedInHome } from './home-session.js';
import { secondFactorCompleted, secondFactorRefused } from './sign-in-attempts.js';

export interface PasskeyDeps {
  browser: BrowserContext;
  passkeys: PasskeyService;
  signIns: SignInLogService;
  /** Which account a browser is signed in as, within its home tenant's session lifetime (home-session.ts). */
  home: SignedInHome;
}

/** Refusals of the passkey itself, which the sign-in log records (not a CSRF or malformed-body refusal). */
const REFUSALS: ReadonlySet<string> = new Set([ErrorCode.PASSKEY_FAILED, ErrorCode.TOO_MANY_ATTEMPTS]);

/**
 * The passkey ceremonies as JSON for static/passkey.js: options, then the browser's answer. Only
 * transport: PasskeyService owns the rules. Every POST needs the session's CSRF token (header
 * `x-csrf-token` or a `csrf` field); a refusal is `{ error: CODE, message }` with its status.
 */
export function passkeyRoutes(deps: PasskeyDeps): Router {
  const router = Router();
  const json = express.json({ limit: '64kb' });
  const { browser, passkeys } = deps;

  type Handler = (req: Request, res: Response, session: OpenSession) => Promise<unknown>;
  const ceremony = (handler: Handler) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      checkQuery(req);
      const session = await browser.current(req);
      browser.checkCsrf(session, req);
      res.set('cache-control', 'no-store').json(await handler(req, res, session!));
    } catch (error) {
      if (!(error instanceof DomainError)) return next(error);
      const language = languageFromHeader(req.get('accept-language') ?? '');
      res.status(pageStatus(error)).json({ error: error.code, message: errorText(language, error) });
    }
  };
  /**
   * Registering needs a signed-in browser, and a passkey sign-in one signed in or half-way, within its
   * home tenant's session lifetime (as the other second-factor pages). @throws FORBIDDEN
   */
  const signedIn = async (session: OpenSession, userId = session.session.userId) => {
    if (!(await deps.home(session, userId))) throw new DomainError(ErrorCode.FORBIDDEN, 'Sign in first.');
  };
  const proving = (session: OpenSession) => signedIn(session, session.session.pendingUserId ?? session.session.userId);
  const body = (req: Request): Record<string, unknown> =>
    req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};

  router.post(
    '/mfa/passkey/registration/options',
    json,
    ceremony(async (_req, _res, session) => {
      await signedIn(session);
      return passkeys.registrationOptions(session);
    }),
  );
  router.post(
    '/mfa/passkey/registration',
    json,
    ceremony(async (req, res, session) => {
      await signedIn(session);
      const { response, label } = body(req);
      const added = await passkeys.register(session, response, typeof label === 'string' ? label : '');
      // As after adding an authenticator app: the key just proved itself, a second factor in this browser.
      await browser.completeSecondFactor(res, session, added.amr);
      // The account's first method: its recovery codes, which the page shows this once before going on.
      return { redirect: sameOriginPath(body(req).return, '/account?done=passkey'), recoveryCodes: added.recoveryCodes };
    }),
  );
  router.post(
    '/mfa/passkey/authentication/options',
    json,
    ceremony(async (_req, _res, session) => {
      await proving(session);
      return passkeys.authenticationOptions(session);
    }),
  );
  router.post(
    '/mfa/passkey/authentication',
    json,
    ceremony(async (req, res, session) => {
      await proving(session);
      const returnTo = sameOriginPath(body(req).return, '/account');
      let method: Awaited<ReturnType<PasskeyService['authenticate']>>;
      try {
        method = await passkeys.authenticate(session, body(req).response);
      } catch (error) {
        if (error instanceof DomainError && REFUSALS.has(error.code))
          await secondFactorRefused(deps.signIns, req, session, returnTo, error);
        throw error;
      }
      await secondFactorCompleted(deps, req, res, session, method, returnTo);
      return { redirect: returnTo };
    }),
  );
  // A body the JSON parser refused (malformed, too large) is answered in the same shape, never a 500.
  router.use('/mfa/passkey', (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status !== 'number' || status < 400 || status >= 500 || res.headersSent) return next(error);
    const message = status === 413 ? 'The request is too large.' : 'The request body is not valid JSON.';
    res.status(status).json({ error: ErrorCode.BAD_USER_INPUT, message });
  });
  return router;
}
