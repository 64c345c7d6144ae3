import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { errors as oidcErrors } from 'oidc-provider';
import type Provider from 'oidc-provider';
import type { AccessService } from '../access/access.service.js';
import type { AccountService } from '../accounts/account.service.js';
import type { BrowserSessionService, OpenSession } from '../accounts/browser-session.service.js';
import type { FederationService } from '../federation/federation.service.js';
import type { TenantService } from '../directory/tenant.service.js';
import type { User } from '../directory/user.entity.js';
import { type BrowserContext, clientIp } from '../http/browser.js';
import type { MfaService } from '../mfa/mfa.service.js';
import { type ApiResource, grantRequested } from '../oidc/first-party-grant.js';
import type { ProviderRegistry } from '../oidc/provider.registry.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { SignInKind } from '../sign-ins/sign-in-event.entity.js';
import type { SignInLogService } from '../sign-ins/sign-in-log.service.js';
import { errorText, languageFromHeader, translate } from '../i18n/index.js';
import { checkQuery, pageStatus } from './errors.js';
import type { PolicyGate } from '../policies/policy-gate.js';
import type { PanelSignIns } from '../policies/panel-sign-in.js';
import { interactionCheckpoint, panelCheckpoint, signInStarted } from './policy-steps.js';
import { passwordProven } from './first-factor.js';
import { pageSignedIn, pageSignIn, pageSignInRefused } from './sign-in-attempts.js';
import { accessDeniedPage, errorPage, messagePage, myAppsPage, signInPage, type ViewContext } from './views.js';

export interface InteractionDeps {
  federation: FederationService;
  browser: BrowserContext;
  mfa: MfaService;
  sessions: BrowserSessionService;
  providers: ProviderRegistry;
  accounts: AccountService;
  access: AccessService;
  signIns: SignInLogService;
  policyGate: PolicyGate;
  panelSignIns: PanelSignIns;
  tenants: TenantService;
  publicUrl: string;
  api: ApiResource;
}

/**
 * Sign-in for partner apps (oidc-provider interactions), the access panel and sign-out. A home
 * account signed in once in this browser signs in silently to every tenant where it has access,
 * unless the app asks for prompt=login or max_age forces it.
 */
export function interactionRoutes(deps: InteractionDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const { browser } = deps;
  const view = (res: Response, session: OpenSession): ViewContext => ({
    language: languageFromHeader(String(res.req.headers['accept-language'] ?? '')),
    csrf: browser.csrfToken(session),
    requestId: String(res.locals.requestId),
  });

  /** Runs a handler; a domain error that escapes it (e.g. a forged form) becomes a readable page. */
  const wrap =
    (handler: (req: Request, res: Response, next: NextFunction) => Promise<void>) => (req: Request, res: Response, next: NextFunction) =>
      Promise.resolve()
        .then(() => checkQuery(req))
        .then(() => handler(req, res, next))
        .catch(async (error: unknown) => {
          if (!(error instanceof DomainError)) return next(error);
          res
            .status(pageStatus(error))
            .type('html')
            .send(errorPage(view(res, await browser.ensure(req, res)), error));
        });

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
    let account: User;
    const signIn = pageSignIn(req, session, kind);
    try {
      account = await deps.access.admit(String(req.params.tenantId), home, clientId, signIn);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const ctx = view(res, session);
      res
        .status(pageStatus(error))
        .type('html')
        .send(accessDeniedPage(ctx, errorText(ctx.language, error), abortAction));
      return;
    }
    // The tenant's security policy and the app's acr request: a step still owed sends the browser there.
    const details = await interaction(req, (provider) => provider.interactionDetails(req, res));
    const base = `/${req.params.tenantId}/interaction/${req.params.uid}`;
    const started = signInStarted(details, base, String(req.params.uid));
    const login = await interactionCheckpoint(deps, res, session, account, started, () => {
      res.type('html').send(signInPage(view(res, session), { action: `${base}/login`, email: home.mail }));
    });
    if (!login) return;
    await deps.access.recordSignIn(account, clientId, signIn);
    await interaction(req, (provider) =>
      provider.interactionFinished(req, res, { login: { accountId: account.id, ...login } }, { mergeWithLastSubmission: false }),
    );
  }

  /** A refused password (or its budget spent) shows the sign-in page again and is logged; anything else propagates. */
  async function refuseSignIn(req: Request, res: Response, session: OpenSession, error: unknown, action: string, clientId?: string) {
    if (!(error instanceof DomainError) || (error.code !== ErrorCode.INVALID_CREDENTIALS && error.code !== ErrorCode.TOO_MANY_ATTEMPTS))
      throw error;
    const email = String(req.body.email ?? '');
    await deps.signIns.record(pageSignInRefused(req, String(req.params.tenantId), error, { address: email, clientId }));
    const ctx = view(res, session);
    res
      .status(pageStatus(error))
      .type('html')
      .send(signInPage(ctx, { action, email, error: errorText(ctx.language, error) }));
  }

  /** An address of a federated partner company signs in at its own provider: redirect there. */
  async function federate(
    req: Request,
    res: Response,
    session: OpenSession,
    purpose: 'interaction' | 'panel',
    returnTo: string,
    uid: string | null,
  ): Promise<boolean> {
    const started = await deps.federation.startForEmail(String(req.body.email ?? ''), purpose, returnTo, uid);
    if (!started) return false;
    await deps.sessions.update(session, { federationState: started.sealed });
    res.redirect(303, started.url);
    return true;
  }

  router.get(
    '/:tenantId/interaction/:uid',
    wrap(async (req, res) => {
      const session = await browser.ensure(req, res);
      const [provider, details] = await interaction(req, async (p) => [p, await p.interactionDetails(req, res)] as const);
      if (details.prompt.name === 'consent') {
        // First-party apps: confirm without a screen, granting what was asked (as loadExistingGrant does).
        const grant =
          (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
          new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
        const grantId = await (await grantRequested(grant, details.params, String(req.params.tenantId), deps.api)).save();
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return;
      }
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
      if (await federate(req, res, session, 'interaction', base, String(req.params.uid))) return;
      try {
        const home = await deps.accounts.signIn(String(req.body.email ?? ''), String(req.body.password ?? ''), clientIp(req));
        if (await passwordProven(deps, res, session, home.id, { returnTo: base, freshLoginUid: String(req.params.uid) })) return;
        await complete(req, res, session, home, String(details.params.client_id), `${base}/abort`, SignInKind.Interactive);
      } catch (error) {
        await refuseSignIn(req, res, session, error, `${base}/login`, String(details.params.client_id));
      }
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

  router.get(
    '/:tenantId/myapps',
    wrap(async (req, res) => {
      const tenant = await deps.tenants.find(String(req.params.tenantId));
      if (!tenant) {
        res.status(404).end();
        return;
      }
      const session = await browser.ensure(req, res);
      const home = session.session.userId ? await deps.accounts.findUser(session.session.userId) : null;
      if (!home?.accountEnabled) {
        res.type('html').send(signInPage(view(res, session), { action: `/${tenant.id}/myapps` }));
        return;
      }
      const signInAgain = () => res.type('html').send(signInPage(view(res, session), { action: `/${tenant.id}/myapps`, email: home.mail }));
      if (await panelCheckpoint(deps, res, session, { tenantId: tenant.id, since: req.query.since }, home, signInAgain)) return;
      const apps = await deps.access.panelApps(tenant.id, home);
      res.type('html').send(myAppsPage({ ...view(res, session), tenant }, tenant, home.mail, apps));
    }),
  );

  router.post(
    '/:tenantId/myapps',
    form,
    wrap(async (req, res) => {
      const session = await browser.ensure(req, res);
      browser.checkCsrf(session, req);
      if (await federate(req, res, session, 'panel', `/${req.params.tenantId}/myapps`, null)) return;
      try {
        const home = await deps.accounts.signIn(String(req.body.email ?? ''), String(req.body.password ?? ''), clientIp(req));
        if (await passwordProven(deps, res, session, home.id, { returnTo: `/${req.params.tenantId}/myapps` })) return;
        await deps.signIns.record(pageSignedIn(req, session, String(req.params.tenantId), home.id));
        res.redirect(303, `/${req.params.tenantId}/myapps`);
      } catch (error) {
        await refuseSignIn(req, res, session, error, `/${req.params.tenantId}/myapps`);
      }
    }),
  );

  router.post(
    '/signout',
    form,
    wrap(async (req, res) => {
      // Without a session (it expired) there is nothing to end: provider sessions need a signed-in one.
      const session = await browser.current(req);
      if (session) {
        browser.checkCsrf(session, req);
        await browser.signOut(req);
      }
      const fresh = await browser.ensure(req, res); // the old cookie names a deleted session: a new one replaces it
      const ctx = view(res, fresh);
      res.type('html').send(messagePage(ctx, 'signin.title', translate(ctx.language, 'signout.text')));
    }),
  );

  return router;
}
