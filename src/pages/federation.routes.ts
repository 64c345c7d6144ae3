import { type Request, type Response, Router } from 'express';
import type { BrowserSessionService } from '../accounts/browser-session.service.js';
import type { FederationService } from '../federation/federation.service.js';
import { type BrowserContext, signInContext } from '../http/browser.js';
import { languageFromHeader } from '../i18n/index.js';
import type { RedemptionFlow } from '../redemption/redemption-flow.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { pageStatus } from './errors.js';
import { pageSignIn } from './sign-in-attempts.js';
import { errorPage } from './views.js';

export interface FederationRouteDeps {
  browser: BrowserContext;
  sessions: BrowserSessionService;
  federation: FederationService;
  flow: RedemptionFlow;
}

/**
 * `/federation/callback`: where a partner's identity provider sends the browser back. The sign-in
 * is verified, the browser is signed in as the linked member, and the step that started it goes on
 * (a redemption, an app's sign-in, the access panel).
 */
export function federationRoutes(deps: FederationRouteDeps): Router {
  const router = Router();
  router.get('/federation/callback', async (req: Request, res: Response) => {
    const session = await deps.browser.ensure(req, res);
    const language = languageFromHeader(req.get('accept-language'));
    const fail = (error: DomainError) =>
      res
        .status(pageStatus(error))
        .type('html')
        .send(errorPage({ language, csrf: deps.browser.csrfToken(session), requestId: String(res.locals.requestId) }, error));
    const pending = deps.federation.openPending(session.session.federationState);
    if (!pending)
      return fail(
        new DomainError(ErrorCode.FEDERATION_FAILED, 'This sign-in has expired. Start again from the invitation or the application.'),
      );
    await deps.sessions.update(session, { federationState: null });
    try {
      // The partner's answer is the query alone: the callback's address is PUBLIC_URL's, never the request's Host.
      const answer = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
      const { member, upstreamMfa, authenticatedAt } = await deps.federation.complete(pending, answer, signInContext(req));
      // `mfa` from the partner is recorded as theirs (no mfaAt): a tenant counts it only when its policy trusts partner MFA.
      await deps.browser.signIn(res, session, member.id, {
        freshLoginUid: pending.uid,
        amr: ['fed', ...(upstreamMfa ? ['mfa' as const] : [])],
        authenticatedAt,
      });
      if (pending.purpose === 'redeem') {
        const target = await deps.flow.afterFederation(session.session, member, pageSignIn(req, session));
        await deps.browser.renew(res, session, { invitationId: null, ticketHash: null });
        res.redirect(303, target);
        return;
      }
      res.redirect(303, pending.returnTo ?? '/');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      fail(error);
    }
  });
  return router;
}
