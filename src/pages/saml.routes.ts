import express, { type Request, type Response, Router } from 'express';
import type { OpenSession } from '../accounts/browser-session.service.js';
import type { TenantService } from '../directory/tenant.service.js';
import type { User } from '../directory/user.entity.js';
import { UserType } from '../directory/user.entity.js';
import { languageFromHeader } from '../i18n/index.js';
import { redirectQuery, type SamlBinding } from '../saml/saml-inbound.js';
import type { PendingSignIn, SamlService } from '../saml/saml.service.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { SignInKind } from '../sign-ins/sign-in-event.entity.js';
import { signInToApp } from './app-sign-in.js';
import { withErrorPage } from './errors.js';
import { signInForm, type SignInPagesDeps } from './first-factor.js';
import { samlPostPage } from './saml.views.js';
import { sessionView, signInPage } from './views.js';

export interface SamlPagesDeps extends SignInPagesDeps {
  saml: SamlService;
  tenants: TenantService;
}

/**
 * The tenant's SAML 2.0 endpoints (`/<tenant>/saml2/…`): metadata, single sign-on (HTTP-Redirect and
 * HTTP-POST in, HTTP-POST out), an app's IdP-initiated sign-on, single logout. Transport only: the
 * SAML rules are SamlService's, who may sign in AccessService's and the policy's, with the same
 * sign-in, second-factor, terms and refusal pages as an OIDC interaction.
 */
export function samlRoutes(deps: SamlPagesDeps): Router {
  const router = Router();
  // A POST binding's message is base64 XML: the body limit stays just above SamlService's own size limit.
  const samlForm = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 8 });
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const { browser } = deps;
  const view = (res: Response, session: OpenSession) => sessionView(browser, res, session);
  const wrap = withErrorPage(browser);
  const tenantOf = async (req: Request) => {
    const tenant = await deps.tenants.find(String(req.params.tenantId));
    if (!tenant) throw new DomainError(ErrorCode.NOT_FOUND, 'There is no such organization.');
    return tenant.id;
  };
  const continueAt = (tenantId: string, uid: string) => `/${tenantId}/saml2/sso/${uid}`;
  const rawQuery = (req: Request) => req.originalUrl.split('?')[1] ?? '';
  const bodyOf = (req: Request) => (typeof req.body === 'object' && req.body ? (req.body as Record<string, unknown>) : {});

  router.get(
    '/:tenantId/saml2/metadata',
    wrap(async (req, res) => {
      const xml = await deps.saml.metadata(await tenantOf(req));
      res.type('application/samlmetadata+xml').send(xml);
    }),
  );

  const receive = (binding: SamlBinding) =>
    wrap(async (req, res) => {
      const tenantId = await tenantOf(req);
      const message = binding === 'redirect' ? redirectQuery(rawQuery(req)) : bodyOf(req);
      const uid = await deps.saml.receive(tenantId, binding, message);
      res.redirect(303, continueAt(tenantId, uid));
    });
  router.get('/:tenantId/saml2/sso', receive('redirect'));
  router.post('/:tenantId/saml2/sso', samlForm, receive('post'));

  // IdP-initiated sign-on to one app (the access panel's link): the same sign-in, without a request to answer.
  router.get(
    '/:tenantId/saml2/apps/:applicationId/sso',
    wrap(async (req, res) => {
      const tenantId = await tenantOf(req);
      const uid = await deps.saml.beginIdpInitiated(tenantId, String(req.params.applicationId), req.query.RelayState);
      res.redirect(303, continueAt(tenantId, uid));
    }),
  );

  /** Signs `home` in to the pending request's app, or explains why not; a step still owed sends the browser there. */
  async function complete(req: Request, res: Response, session: OpenSession, home: User, pending: PendingSignIn, kind: SignInKind) {
    const { request } = pending;
    const app = { tenantId: request.tenantId, clientId: pending.app.appId, kind, abortAction: null };
    const started = { base: continueAt(request.tenantId, request.id), uid: request.id, startedAt: request.createdAt, mfaRequested: false };
    const signedIn = await signInToApp(deps, req, res, session, home, app, async () => started);
    if (!signedIn) return;
    const { account } = signedIn;
    const homeOfGuest = account.userType === UserType.Guest ? home : null;
    const roles = await deps.access.appRolesOf(account, pending.app.id);
    const post = await deps.saml.respond(pending, account, homeOfGuest, session.session.authenticatedAt ?? new Date(), roles);
    res.type('html').send(samlPostPage(view(res, session), post));
  }

  router.get(
    '/:tenantId/saml2/sso/:uid',
    wrap(async (req, res) => {
      const pending = await deps.saml.pending(await tenantOf(req), String(req.params.uid));
      const session = await browser.ensure(req, res);
      const home = session.session.userId ? await deps.accounts.findUser(session.session.userId) : null;
      const justSignedIn = session.session.freshLoginUid === pending.request.id;
      // ForceAuthn asks for a fresh sign-in, as prompt=login does for an OIDC app.
      const promptReasons = pending.request.forceAuthn ? ['login_prompt'] : [];
      if (home && deps.access.maySignInSilently(home, { promptReasons, justSignedIn, loginHint: undefined })) {
        await complete(req, res, session, home, pending, justSignedIn ? SignInKind.Interactive : SignInKind.Silent);
        return;
      }
      const base = continueAt(pending.request.tenantId, pending.request.id);
      res.type('html').send(signInPage(view(res, session), { action: `${base}/login`, email: home?.mail }));
    }),
  );

  router.post(
    '/:tenantId/saml2/sso/:uid/login',
    form,
    wrap(async (req, res) => {
      const pending = await deps.saml.pending(await tenantOf(req), String(req.params.uid));
      const session = await browser.ensure(req, res);
      browser.checkCsrf(session, req);
      const base = continueAt(pending.request.tenantId, pending.request.id);
      // A federated partner's address signs in at its provider and comes back here, as for an OIDC interaction.
      const signInAt = {
        purpose: 'interaction',
        returnTo: base,
        uid: pending.request.id,
        retry: `${base}/login`,
        clientId: pending.app.appId,
      } as const;
      await signInForm(deps, req, res, session, signInAt, (home) => complete(req, res, session, home, pending, SignInKind.Interactive));
    }),
  );

  // Declining the terms: the sign-in ends here (the SP gets no response).
  router.post(
    '/:tenantId/saml2/sso/:uid/abort',
    form,
    wrap(async (req, res) => {
      const session = await browser.ensure(req, res);
      browser.checkCsrf(session, req);
      throw new DomainError(ErrorCode.ACCESS_DENIED, 'You declined the terms of use, so you were not signed in to the application.');
    }),
  );

  const logout = (binding: SamlBinding) =>
    wrap(async (req, res) => {
      const tenantId = await tenantOf(req);
      const message = binding === 'redirect' ? redirectQuery(rawQuery(req)) : bodyOf(req);
      const request = await deps.saml.receiveLogout(tenantId, binding, message);
      const session = await browser.current(req);
      // The SP's cross-site POST carries no SameSite=Lax cookie: the browser posts it once more from our own page.
      if (binding === 'post' && !session && message.again === undefined) {
        const fields = {
          SAMLRequest: String(message.SAMLRequest),
          ...(message.RelayState ? { RelayState: String(message.RelayState) } : {}),
        };
        // No new session here: its cookie would replace the browser's real one.
        const ctx = {
          language: languageFromHeader(String(req.headers['accept-language'] ?? '')),
          csrf: '',
          requestId: String(res.locals.requestId),
        };
        res.type('html').send(samlPostPage(ctx, { action: req.originalUrl, fields: { ...fields, again: '1' } }));
        return;
      }
      const home = session?.session.userId ? await deps.accounts.findUser(session.session.userId) : null;
      const account = home ? await deps.access.accountInTenant(tenantId, home) : null;
      // Only the person the SP names is signed out; a browser signed in as someone else keeps its session.
      const named = account ? request.names(account) : true;
      if (account && named) await browser.signOut(req);
      const post = await request.respond(named);
      res.type('html').send(samlPostPage(view(res, await browser.ensure(req, res)), post));
    });
  router.get('/:tenantId/saml2/logout', logout('redirect'));
  router.post('/:tenantId/saml2/logout', samlForm, logout('post'));

  return router;
}
