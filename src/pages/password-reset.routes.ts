import express, { type Request, type Response, Router } from 'express';
import type { OpenSession } from '../accounts/browser-session.service.js';
import type { PasswordResetService } from '../accounts/password-reset.service.js';
import { type BrowserContext, clientIp } from '../http/browser.js';
import { errorText, type Language, translate } from '../i18n/index.js';
import { ErrorCode } from '../shared/errors.js';
import { pageStatus, type SessionHandler, sessionStep } from './errors.js';
import { forgotPasswordPage, resetPasswordPage } from './password-reset.views.js';
import { errorPage, messagePage, type ViewContext, sessionView } from './views.js';

export interface PasswordResetDeps {
  browser: BrowserContext;
  passwordReset: PasswordResetService;
}

/** Refusals a form shows above itself, so the person can correct and send again. */
const FORM_ERRORS = new Set<string>([
  ErrorCode.INVALID_EMAIL,
  ErrorCode.TOO_MANY_ATTEMPTS,
  ErrorCode.INVALID_CODE,
  ErrorCode.WEAK_PASSWORD,
]);

/**
 * "Forgot your password?" (linked from every sign-in page): an address → a mailed code → a new
 * password. Each form carries the session's CSRF token; the rules live in PasswordResetService.
 */
export function passwordResetRoutes(deps: PasswordResetDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const { browser } = deps;

  const view = (res: Response, session: OpenSession) => sessionView(browser, res, session);

  /** A step of a form; the form's own refusal re-renders that form, any other domain error becomes an error page. */
  const step = (handler: SessionHandler, refused: (res: Response, ctx: ViewContext, req: Request, text: string) => void) =>
    sessionStep(browser, (error, req, res, session) => {
      const ctx = view(res, session);
      res.status(pageStatus(error)).type('html');
      if (FORM_ERRORS.has(error.code)) refused(res, ctx, req, errorText(ctx.language, error));
      else res.send(errorPage(ctx, error));
    })(handler);

  const field = (req: Request, name: string): string => (typeof req.body?.[name] === 'string' ? String(req.body[name]) : '').slice(0, 320);
  const queryEmail = (req: Request): string => String(req.query.email ?? '').slice(0, 320);
  const showForgot = (res: Response, ctx: ViewContext, req: Request, error: string) =>
    res.send(forgotPasswordPage(ctx, { email: req.method === 'POST' ? field(req, 'email') : queryEmail(req), error }));
  const showReset = (res: Response, ctx: ViewContext, req: Request, error: string) =>
    res.send(resetPasswordPage(ctx, req.method === 'POST' ? field(req, 'email') : queryEmail(req), { error }));

  router.get(
    '/password/forgot',
    step(async (req, res, session) => {
      res.type('html').send(forgotPasswordPage(view(res, session), { email: queryEmail(req) }));
    }, showForgot),
  );

  router.post(
    '/password/forgot',
    form,
    step(async (req, res, session) => {
      const ctx = view(res, session);
      const outcome = await deps.passwordReset.request(field(req, 'email'), ctx.language as Language, clientIp(req));
      if (outcome.kind === 'federated') {
        res
          .type('html')
          .send(messagePage(ctx, 'reset.title', translate(ctx.language, 'reset.federated', { organization: outcome.organization })));
        return;
      }
      res.type('html').send(resetPasswordPage(ctx, outcome.email, { sent: true }));
    }, showForgot),
  );

  router.get(
    '/password/reset',
    step(async (req, res, session) => {
      res.type('html').send(resetPasswordPage(view(res, session), queryEmail(req)));
    }, showReset),
  );

  router.post(
    '/password/reset',
    form,
    step(async (req, res, session) => {
      await deps.passwordReset.complete(field(req, 'email'), field(req, 'code'), field(req, 'password'), clientIp(req));
      // The reset ended every gateway session of the account, this browser's too if it was signed in
      // as it; a fresh session replaces whatever this cookie named.
      await browser.renew(res, session, {
        userId: null,
        invitationId: null,
        ticketHash: null,
        verifiedEmail: null,
        federationState: null,
        freshLoginUid: null,
      });
      const ctx = view(res, session);
      res.type('html').send(messagePage(ctx, 'reset.title', translate(ctx.language, 'reset.done')));
    }, showReset),
  );

  return router;
}
