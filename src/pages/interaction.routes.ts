import express, { type Request, type Response, Router } from 'express';
import { errors as oidcErrors } from 'oidc-provider';
import type Provider from 'oidc-provider';
import type { OpenSession } from '../accounts/browser-session.service.js';
import type { User } from '../directory/user.entity.js';
import { type ApiResource, grantRequested } from '../oidc/first-party-grant.js';
import type { ProviderRegistry } from '../oidc/provider.registry.js';
import { finishInteraction } from '../oidc/finish-interaction.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { SignInKind } from '../sign-ins/sign-in-event.entity.js';
import { signInToApp } from './app-sign-in.js';
import { withErrorPage } from './errors.js';
import { signInStarted } from './policy-steps.js';
import { signInForm, type SignInPagesDeps } from './first-factor.js';
import { sessionView, signInPage } from './views.js';

export interface InteractionDeps extends SignInPagesDeps {
  providers: ProviderRegistry;
  publicUrl: string;
  api: ApiResource;
}

/**
 * Sign-in for partner apps (oidc-provider interactions); the access panel and sign-out are in
 * panel.routes.ts. A home account signed in once in this browser signs in silently to every tenant
 * where it has access, unless the app asks for prompt=login or max_age forces it.
 */
export function interactionRoutes(deps: InteractionDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const { browser } = deps;
  const view = (res: Response, session: OpenSession) => sessionView(browser, res, session);
  const wrap = withErrorPage(browser);

  /** The tenant's provider and a step of its interaction; an unknown tenant or interaction is a DomainError. */
  async function interaction<T>(req: Request, step: (provider: Provider) => Promise<T>): Promise<T> {
    const provider = await deps.providers.get(String(req.params.tenantId));
    if (!provider) throw new DomainError(ErrorCode.NOT_FOUND, 'There is no such organization.');
    try {
      return await step(provider);
    } catch (error) {
      // Unknown uid, or the interaction expired or belongs to another browser.
      if (error instanceof oidcErrors.SessionNotFound) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, 'This sign-in has expired. Go back to the application and sign in again.');
      }
      throw error;
    }
  }

  /** Logs the account in for this interaction, or explains why it may not. */
  async function complete(
    req: Request,
    res: Response,
    session: OpenSession,
    home: User,
    clientId: string,
    abortAction: string,
    kind: SignInKind,
  ): Promise<void> {
    const app = { tenantId: String(req.params.tenantId), clientId, kind, abortAction };
    // The tenant's security policy and the app's acr request: a step still owed sends the browser there.
    const signedIn = await signInToApp(deps, req, res, session, home, app, async () => {
      const details = await interaction(req, (provider) => provider.interactionDetails(req, res));
      return signInStarted(details, `/${req.params.tenantId}/interaction/${req.params.uid}`, String(req.params.uid));
    });
    if (!signedIn) return;
    const { account, login } = signedIn;
    // Loaded again: the checkpoint and the sign-in log awaited, and the session may have changed meanwhile.
    await interaction(req, (provider) =>
      provider.interactionFinished(req, res, { login: { accountId: account.id, ...login } }, { mergeWithLastSubmission: false }),
    );
  }

  router.get(
    '/:tenantId/interaction/:uid',
    wrap(async (req, res) => {
      const [provider, details] = await interaction(req, async (p) => [p, await p.interactionDetails(req, res)] as const);
      // Consent comes only once the login prompt is satisfied, which needs the browser signed in to the
      // gateway as the same person (interaction-policy.ts; checked again at resume): the gateway session,
      // unused here, is not read.
      if (details.prompt.name === 'consent') {
        // First-party apps: confirm without a screen, granting what was asked (as loadExistingGrant does).
        const grant =
          (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
          new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
        const grantId = await (await grantRequested(grant, details.params, String(req.params.tenantId), deps.api)).save();
        // Nothing awaited since the details but the grant: finished without loading them again.
        await finishInteraction(details, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return;
      }
      const session = await browser.ensure(req, res);
      const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
      const home = session.session.userId ? await deps.accounts.findUser(session.session.userId) : null;
      const base = `/${req.params.tenantId}/interaction/${req.params.uid}`;
      const justSignedIn = session.session.freshLoginUid === req.params.uid;
      const silent = deps.access.maySignInSilently(home, {
        promptReasons: details.prompt.reasons as string[],
        justSignedIn,
        loginHint: hint,
      });
      if (home && silent) {
        const kind = justSignedIn ? SignInKind.Interactive : SignInKind.Silent; // back from a partner's provider, or silent
        await complete(req, res, session, home, String(details.params.client_id), `${base}/abort`, kind);
        return;
      }
      res.type('html').send(signInPage(view(res, session), { action: `${base}/login`, email: hint ?? home?.mail }));
    }),
  );

  router.post(
    '/:tenantId/interaction/:uid/login',
    form,
    wrap(async (req, res) => {
      const session = await browser.ensure(req, res);
      browser.checkCsrf(session, req);
      const details = await interaction(req, (provider) => provider.interactionDetails(req, res));
      const base = `/${req.params.tenantId}/interaction/${req.params.uid}`;
      const clientId = String(details.params.client_id);
      const signInAt = {
        purpose: 'interaction',
        returnTo: base,
        uid: String(req.params.uid),
        asked: details.params,
        retry: `${base}/login`,
        clientId,
      } as const;
      await signInForm(deps, req, res, session, signInAt, (home) =>
        complete(req, res, session, home, clientId, `${base}/abort`, SignInKind.Interactive),
      );
    }),
  );

  router.post(
    '/:tenantId/interaction/:uid/abort',
    form,
    wrap(async (req, res) => {
      const session = await browser.ensure(req, res);
      browser.checkCsrf(session, req);
      await interaction(req, (provider) =>
        provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'The user has no access to this application' },
          { mergeWithLastSubmission: false },
        ),
      );
    }),
  );

  return router;
}
