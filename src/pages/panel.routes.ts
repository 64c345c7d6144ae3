import express, { type Response, Router } from 'express';
import type { OpenSession } from '../accounts/browser-session.service.js';
import type { TenantService } from '../directory/tenant.service.js';
import { translate } from '../i18n/index.js';
import type { PanelSignIns } from '../policies/panel-sign-in.js';
import { withErrorPage } from './errors.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { signInForm, type SignInPagesDeps } from './first-factor.js';
import { panelCheckpoint } from './policy-steps.js';
import { pageSignedIn } from './sign-in-attempts.js';
import { myAppsPage } from './panel.views.js';
import { messagePage, sessionView, signInPage } from './views.js';

export interface PanelDeps extends SignInPagesDeps {
  tenants: TenantService;
  panelSignIns: PanelSignIns;
}

/**
 * The access panel (`/<tenant>/myapps`: the apps a person may open in a tenant, and its sign-in form)
 * and sign-out of the whole browser (`/signout`). Transport only: who may see which app is
 * AccessService's, what the tenant's policy asks first is panelCheckpoint's.
 */
export function panelRoutes(deps: PanelDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const { browser } = deps;
  const view = (res: Response, session: OpenSession) => sessionView(browser, res, session);
  const wrap = withErrorPage(browser);

  router.get(
    '/:tenantId/myapps',
    wrap(async (req, res) => {
      const tenant = await deps.tenants.find(String(req.params.tenantId));
      if (!tenant) throw new DomainError(ErrorCode.NOT_FOUND, 'There is no such organization.');
      const session = await browser.ensure(req, res);
      const home = session.session.userId ? await deps.accounts.findUser(session.session.userId) : null;
      if (!home?.accountEnabled) {
        res.type('html').send(signInPage(view(res, session), { action: `/${tenant.id}/myapps` }));
        return;
      }
      const signInAgain = () => res.type('html').send(signInPage(view(res, session), { action: `/${tenant.id}/myapps`, email: home.mail }));
      if (await panelCheckpoint(deps, res, session, { tenantId: tenant.id, since: req.query.since }, home, signInAgain)) return;
      const search = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
      const apps = await deps.access.panelApps(tenant.id, home, search);
      const all = await deps.access.organizationsOf(home);
      const organizations = all.filter((o) => o.apps.length > 0 || o.tenant.id === tenant.id);
      // No account here (never invited, or removed) or a disabled one: the person's own access, nobody else's.
      const noAccess = !all.some((o) => o.tenant.id === tenant.id && o.account.accountEnabled);
      const panel = { email: home.mail, apps, search, organizations, noAccess };
      res.type('html').send(myAppsPage({ ...view(res, session), tenant }, tenant, panel));
    }),
  );

  router.post(
    '/:tenantId/myapps',
    form,
    wrap(async (req, res) => {
      const session = await browser.ensure(req, res);
      browser.checkCsrf(session, req);
      // Every path and log entry names a tenant that exists (a decoded `%2F` in the id would make `//host`).
      const tenant = await deps.tenants.find(String(req.params.tenantId));
      if (!tenant) throw new DomainError(ErrorCode.NOT_FOUND, 'There is no such organization.');
      const panel = `/${tenant.id}/myapps`;
      await signInForm(deps, req, res, session, { purpose: 'panel', returnTo: panel, uid: null, retry: panel }, async (home) => {
        await deps.signIns.record(pageSignedIn(req, session, tenant.id, home.id));
        res.redirect(303, panel);
      });
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
