import express, { type Request, type Response, Router } from 'express';
import type { AccountService } from '../accounts/account.service.js';
import type { BrowserSessionService, OpenSession } from '../accounts/browser-session.service.js';
import type { User } from '../directory/user.entity.js';
import { type BrowserContext, clientIp } from '../http/browser.js';
import type { MfaService } from '../mfa/mfa.service.js';
import type { OpenedInvitation, RedemptionService } from '../redemption/redemption.service.js';
import type { RedemptionFlow } from '../redemption/redemption-flow.js';
import type { SignUpService } from '../redemption/sign-up.service.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { SignInKind } from '../sign-ins/sign-in-event.entity.js';
import type { SignInLogService } from '../sign-ins/sign-in-log.service.js';
import { errorText, languageFromHeader, translate } from '../i18n/index.js';
import { pageStatus, sessionStep } from './errors.js';
import type { SignedInHome } from './home-session.js';
import { checkPassword, passwordProven } from './first-factor.js';
import { pageSignIn, pageSignInRefused } from './sign-in-attempts.js';
import { codePage, errorPage, messagePage, profilePage, reviewPage, signInPage, switchAccountPage, type ViewContext } from './views.js';

export interface RedeemDeps {
  browser: BrowserContext;
  mfa: MfaService;
  sessions: BrowserSessionService;
  redemption: RedemptionService;
  flow: RedemptionFlow;
  accounts: AccountService;
  signUp: SignUpService;
  signIns: SignInLogService;
  /** Which account a browser is signed in as, within its home tenant's session lifetime (home-session.ts). */
  home: SignedInHome;
}

/**
 * The redemption pages: review → (sign in | code → profile) → redeem → redirect. Every step
 * re-checks the link from the server-side session, so any gateway process can serve any step.
 */
export function redeemRoutes(deps: RedeemDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const { browser } = deps;

  const view = (res: Response, session: OpenSession, opened?: OpenedInvitation): ViewContext => ({
    language: opened?.invitation.language ?? languageFromHeader(String(res.req.headers['accept-language'] ?? '')),
    csrf: browser.csrfToken(session),
    tenant: opened?.tenant,
    requestId: String(res.locals.requestId),
  });

  /**
   * A step of the pages; a domain error becomes a readable page with the right status. A form sent
   * again from a browser with no redemption in progress (a reload or Back after accepting renewed
   * the session) is told the step is done, not asked to reload the same form once more.
   */
  const step = sessionStep(browser, (error, req, res, session) => {
    const moved = req.method === 'POST' && error.code === ErrorCode.CSRF_TOKEN_INVALID && !session.session.invitationId;
    const ctx = view(res, session);
    res
      .status(pageStatus(error))
      .type('html')
      .send(moved ? messagePage(ctx, 'redeem.moved.title', translate(ctx.language, 'redeem.moved.text')) : errorPage(ctx, error));
  });

  const opened = (session: OpenSession): Promise<OpenedInvitation> => deps.flow.resume(session.session);

  /** A redemption is a privilege change: a new session id, and the redemption's state cleared. */
  const redirectRedeemed = async (res: Response, session: OpenSession, target: string) => {
    await browser.renew(res, session, { invitationId: null, ticketHash: null, verifiedEmail: null });
    res.redirect(303, target);
  };
  const finish = async (req: Request, res: Response, session: OpenSession, invitation: OpenedInvitation, home: User) =>
    redirectRedeemed(res, session, await deps.flow.finish(invitation, home, pageSignIn(req, session)));

  router.get(
    '/redeem',
    step(async (req, res, session) => {
      const q = req.query as Record<string, string | undefined>; // strings only: checkQuery
      const invitation = await deps.redemption.open(q.tenant ?? '', q.invitation ?? '', q.ticket ?? '');
      await deps.sessions.update(session, {
        invitationId: invitation.invitation.id,
        ticketHash: invitation.invitation.ticketHash,
        verifiedEmail: null,
      });
      res.type('html').send(reviewPage(view(res, session, invitation), invitation.tenant, invitation.invitation, invitation.apps));
    }),
  );

  /** The invitation this browser is redeeming, again (after a sign-in's second factor). */
  router.get(
    '/redeem/review',
    step(async (_req, res, session) => {
      const invitation = await opened(session);
      res.type('html').send(reviewPage(view(res, session, invitation), invitation.tenant, invitation.invitation, invitation.apps));
    }),
  );

  router.post(
    '/redeem/decline',
    form,
    step(async (_req, res, session) => {
      const invitation = await opened(session);
      const ctx = view(res, session, invitation);
      res.type('html').send(messagePage(ctx, 'declined.title', translate(ctx.language, 'declined.text')));
    }),
  );

  router.post(
    '/redeem/accept',
    form,
    step(async (req, res, session) => {
      const invitation = await opened(session);
      // A browser whose home session ended is asked to sign in, not taken at its word.
      const signedIn = (await deps.home(session))?.id ?? null;
      const outcome = await deps.flow.accept(invitation, signedIn, session.session.idHash, pageSignIn(req, session));
      const ctx = view(res, session, invitation);
      switch (outcome.kind) {
        case 'redeemed':
          return redirectRedeemed(res, session, outcome.target);
        case 'switchAccount':
          res.type('html').send(switchAccountPage(ctx, outcome.current, outcome.email));
          return;
        case 'federate':
          await deps.sessions.update(session, { federationState: outcome.sealed });
          res.redirect(303, outcome.url);
          return;
        case 'signIn':
          res.type('html').send(signInPage(ctx, { action: '/redeem/signin', email: outcome.email, emailFixed: true }));
          return;
        case 'codeSent': {
          const { refused } = outcome;
          res
            .status(refused ? pageStatus(refused) : 200)
            .type('html')
            .send(codePage(ctx, outcome.email, { error: refused ? errorText(ctx.language, refused) : null }));
        }
      }
    }),
  );

  router.post(
    '/redeem/switch',
    form,
    step(async (_req, res, session) => {
      const invitation = await opened(session);
      await deps.sessions.update(session, { userId: null });
      res
        .type('html')
        .send(
          signInPage(view(res, session, invitation), { action: '/redeem/signin', email: invitation.invitation.email, emailFixed: true }),
        );
    }),
  );

  router.post(
    '/redeem/signin',
    form,
    step(async (req, res, session) => {
      const invitation = await opened(session);
      try {
        const home = await checkPassword(deps, req, res, invitation.invitation.email, String(req.body.password ?? ''));
        // With a second factor, the review page comes back after it: accepting then redeems at once.
        if (await passwordProven(deps, res, session, home.id, { returnTo: '/redeem/review' })) return;
        await finish(req, res, session, invitation, home);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== ErrorCode.INVALID_CREDENTIALS) throw error;
        const address = invitation.invitation.email;
        await deps.signIns.record(pageSignInRefused(req, invitation.tenant.id, error, { address, kind: SignInKind.Redemption }));
        const ctx = view(res, session, invitation);
        res
          .status(pageStatus(error))
          .type('html')
          .send(
            signInPage(ctx, {
              action: '/redeem/signin',
              email: invitation.invitation.email,
              emailFixed: true,
              error: errorText(ctx.language, error),
            }),
          );
      }
    }),
  );

  router.post(
    '/redeem/code',
    form,
    step(async (req, res, session) => {
      const invitation = await opened(session);
      const email = invitation.invitation.email;
      // Verified already (a reload re-posts the used code): the next step again, not a refusal.
      const verified = session.session.verifiedEmail === email;
      try {
        if (!verified) await deps.signUp.verifyCode(invitation, session.session.idHash, String(req.body.code ?? ''), clientIp(req));
      } catch (error) {
        if (!(error instanceof DomainError) || (error.code !== ErrorCode.INVALID_CODE && error.code !== ErrorCode.TOO_MANY_ATTEMPTS))
          throw error;
        const ctx = view(res, session, invitation);
        res
          .status(pageStatus(error))
          .type('html')
          .send(codePage(ctx, email, { error: errorText(ctx.language, error) }));
        return;
      }
      await deps.sessions.update(session, { verifiedEmail: email });
      res.type('html').send(profilePage(view(res, session, invitation), email, { displayName: invitation.invitation.displayName }));
    }),
  );

  router.post(
    '/redeem/code/resend',
    form,
    step(async (req, res, session) => {
      const invitation = await opened(session);
      const email = invitation.invitation.email;
      try {
        await deps.signUp.sendCode(invitation, session.session.idHash, clientIp(req));
        const ctx = view(res, session, invitation);
        res.type('html').send(codePage(ctx, email, { notice: translate(ctx.language, 'code.sent') }));
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== ErrorCode.TOO_MANY_ATTEMPTS) throw error;
        const ctx = view(res, session, invitation);
        res
          .status(pageStatus(error))
          .type('html')
          .send(codePage(ctx, email, { error: errorText(ctx.language, error) }));
      }
    }),
  );

  router.post(
    '/redeem/profile',
    form,
    step(async (req, res, session) => {
      const invitation = await opened(session);
      const email = invitation.invitation.email;
      try {
        const home = await deps.signUp.createAccount(
          invitation,
          session.session.verifiedEmail,
          String(req.body.displayName ?? ''),
          String(req.body.password ?? ''),
        );
        await browser.signIn(res, session, home.id);
        await finish(req, res, session, invitation, home);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== ErrorCode.WEAK_PASSWORD) throw error;
        const ctx = view(res, session, invitation);
        res
          .status(pageStatus(error))
          .type('html')
          .send(profilePage(ctx, email, { error: errorText(ctx.language, error), displayName: String(req.body.displayName ?? '') }));
      }
    }),
  );

  return router;
}
