import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { AccessService } from '../access/access.service.js';
import type { AccountService } from '../accounts/account.service.js';
import type { BrowserSessionService } from '../accounts/browser-session.service.js';
import type { TenantService } from '../directory/tenant.service.js';
import type { BrowserContext } from '../http/browser.js';
import { languageFromHeader, translate } from '../i18n/index.js';
import { termsUrlFor } from '../policies/policy-input.js';
import { termsApply } from '../policies/policy-decision.js';
import { UserType } from '../directory/user.entity.js';
import type { PolicyGate } from '../policies/policy-gate.js';
import type { SecurityPolicyService } from '../policies/security-policy.service.js';
import { DomainError } from '../shared/errors.js';
import { checkQuery, pageStatus } from './errors.js';
import { hiddenField, postForm } from './forms.js';
import { sessionHolds } from './policy-steps.js';
import { html } from './layout.js';
import { errorPage, render, type ViewContext } from './views.js';

export interface TermsDeps {
  browser: BrowserContext;
  accounts: AccountService;
  access: AccessService;
  tenants: TenantService;
  policies: SecurityPolicyService;
  policyGate: PolicyGate;
  sessions: BrowserSessionService;
}

/**
 * The terms-of-use step: a tenant whose policy asks the person to accept its terms (in their current
 * version) shows them here before the first token (the OIDC interaction), a SAML sign-in and the access panel. Accepting
 * is recorded and audited (SecurityPolicyService.acceptTerms); declining in a sign-in returns
 * access_denied to the app (the interaction's abort), on the panel it signs out.
 */
export function termsRoutes(deps: TermsDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const wrap = (handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) =>
    Promise.resolve()
      .then(() => checkQuery(req))
      .then(() => handler(req, res))
      .catch(async (error: unknown) => {
        if (!(error instanceof DomainError)) return next(error);
        const session = await deps.browser.ensure(req, res);
        const ctx = { language: language(req), csrf: deps.browser.csrfToken(session), requestId: String(res.locals.requestId) };
        res.status(pageStatus(error)).type('html').send(errorPage(ctx, error));
      });
  const language = (req: Request) => languageFromHeader(String(req.headers['accept-language'] ?? ''));

  /**
   * The signed-in person's account in the tenant and the tenant's policy, or null when there is
   * nothing to accept: no account, or a browser session past the tenant's session lifetime (then the
   * page sends the browser back, where the app or the panel asks for a new sign-in).
   */
  async function pending(req: Request, res: Response) {
    const session = await deps.browser.ensure(req, res);
    const home = session.session.userId ? await deps.accounts.findUser(session.session.userId) : null;
    const tenantId = String(req.params.tenantId);
    const account = home ? await deps.access.accountInTenant(tenantId, home) : null;
    if (!account || !(await sessionHolds(deps, session, account))) return { session, open: null };
    const policy = await deps.policies.policyOf(tenantId);
    const subject = { guest: account.userType === UserType.Guest, admin: false };
    if (!termsApply(policy, subject) || (await deps.policies.hasAccepted(account, policy.termsVersion!))) return { session, open: null };
    return { session, open: { account, policy, version: policy.termsVersion! } };
  }

  /**
   * Where the page goes next, each parameter one path segment of this origin: Express hands them over
   * decoded, and `/%2Fevil.example/myapps/terms` would otherwise send the browser to `//evil.example`.
   */
  const paths = (req: Request) => {
    const tenantId = encodeURIComponent(String(req.params.tenantId));
    if (req.params.uid === undefined) return { back: `/${tenantId}/myapps`, decline: '/signout', self: `/${tenantId}/myapps/terms` };
    const uid = encodeURIComponent(String(req.params.uid));
    const base = `/${tenantId}/${req.path.includes('/saml2/') ? 'saml2/sso' : 'interaction'}/${uid}`;
    return { back: base, decline: `${base}/abort`, self: `${base}/terms` };
  };

  const show = wrap(async (req, res) => {
    const { session, open } = await pending(req, res);
    const { back, decline, self } = paths(req);
    if (!open) return void res.redirect(303, back);
    const tenant = await deps.tenants.find(open.account.tenantId);
    const ctx: ViewContext = {
      language: language(req),
      csrf: deps.browser.csrfToken(session),
      requestId: String(res.locals.requestId),
      tenant,
    };
    const t = (key: Parameters<typeof translate>[1]) => translate(ctx.language, key, { tenant: tenant?.name ?? '', version: open.version });
    const url = termsUrlFor(open.policy, ctx.language);
    res.type('html').send(
      render(
        ctx,
        'terms.title',
        html`<h1>${t('terms.title')}</h1>
          <p>${t('terms.intro')}</p>
          <p><a id="terms-document" href="${url ?? '#'}" target="_blank" rel="noopener">${t('terms.read')}</a></p>
          <p class="muted" id="terms-version">${t('terms.version')}</p>
          ${postForm(
            self,
            ctx.csrf,
            html`${hiddenField('version', open.version)} <button type="submit" id="accept">${t('terms.accept')}</button>`,
          )}
          ${postForm(decline, ctx.csrf, html`<button type="submit" class="secondary" id="decline">${t('terms.decline')}</button>`)}`,
      ),
    );
  });

  const accept = wrap(async (req, res) => {
    const session = await deps.browser.ensure(req, res);
    deps.browser.checkCsrf(session, req);
    const { open } = await pending(req, res);
    const { back, self } = paths(req);
    // The version shown must still be the current one: a new version published meanwhile is shown first.
    if (open && String(req.body.version ?? '') !== open.version) return void res.redirect(303, self);
    if (open) await deps.policies.acceptTerms(open.account, open.version, language(req));
    res.redirect(303, back);
  });

  router.get('/:tenantId/interaction/:uid/terms', show);
  router.post('/:tenantId/interaction/:uid/terms', form, accept);
  router.get('/:tenantId/saml2/sso/:uid/terms', show);
  router.post('/:tenantId/saml2/sso/:uid/terms', form, accept);
  router.get('/:tenantId/myapps/terms', show);
  router.post('/:tenantId/myapps/terms', form, accept);
  return router;
}
