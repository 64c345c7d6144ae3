import express, { type Request, type Response, Router } from 'express';
import type { ActivationService } from '../accounts/activation.service.js';
import type { OpenSession } from '../accounts/browser-session.service.js';
import { type BrowserContext, clientIp } from '../http/browser.js';
import type { MfaService } from '../mfa/mfa.service.js';
import type { User } from '../directory/user.entity.js';
import { errorText, languageFromHeader, type MessageKey, SUPPORTED_LANGUAGES, translate } from '../i18n/index.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { pageStatus, sessionStep } from './errors.js';
import { passwordProven } from './first-factor.js';
import { pageSignedIn } from './sign-in-attempts.js';
import type { SignInLogService } from '../sign-ins/sign-in-log.service.js';
import { errorBox, field, hiddenField, NEW_PASSWORD_INPUT, postForm } from './forms.js';
import { html, page, type SafeHtml } from './layout.js';

export interface ActivationDeps {
  activation: ActivationService;
  browser: BrowserContext;
  mfa: MfaService;
  signIns: SignInLogService;
}

interface View {
  language: string;
  csrf: string;
  requestId: string;
  tenantId?: string;
}

/** The errors these pages answer with a form again rather than an error page. */
const FORM_ERRORS = new Set<string>([ErrorCode.WEAK_PASSWORD, ErrorCode.TOO_MANY_ATTEMPTS]);

/**
 * Activation of a member an administrator created (or whose password was reset): GET shows the
 * password form for a live link, POST sets the password and signs the browser in. A used, replaced
 * or expired link shows a page to ask for a new one, which never tells whether the address has an account.
 */
export function activationRoutes(deps: ActivationDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const { browser } = deps;

  /** In the member's own language when the link names one, else the browser's. */
  const view = (req: Request, res: Response, session: OpenSession, member?: Pick<User, 'preferredLanguage'>): View => ({
    language: pageLanguage(member?.preferredLanguage) ?? languageFromHeader(String(req.headers['accept-language'] ?? '')),
    csrf: browser.csrfToken(session),
    requestId: String(res.locals.requestId),
  });
  const send = (res: Response, status: number, body: string) =>
    res.status(status).type('html').set('referrer-policy', 'no-referrer').send(body);

  /** A step of the page; a dead link becomes the "ask for a new one" page, any other refusal a readable page. */
  const step = sessionStep(browser, (error, req, res, session) => {
    const v = view(req, res, session);
    if (error.code === ErrorCode.ACTIVATION_LINK_INVALID) send(res, 410, resendPage(v, {}));
    else send(res, pageStatus(error), messagePage(v, 'error.title', errorText(v.language, error)));
  });

  router.get(
    '/activate',
    step(async (req, res, session) => {
      const token = String(req.query.token ?? '');
      const { user, tenant } = await deps.activation.open(token);
      send(res, 200, passwordPage({ ...view(req, res, session, user), tenantId: tenant.id }, token, user.mail, tenant.name, null));
    }),
  );

  router.post(
    '/activate',
    form,
    step(async (req, res, session) => {
      const token = String(req.body.token ?? '');
      try {
        const user = await deps.activation.activate(token, String(req.body.password ?? ''), clientIp(req));
        // A member whose methods outlived an admin's password reset still proves one.
        if (await passwordProven(deps, res, session, user.id, { returnTo: '/account' })) return;
        // Activating signs the member in: a sign-in like any other, in its tenant's log.
        await deps.signIns.record(pageSignedIn(req, session, user.tenantId, user.id));
        const v = { ...view(req, res, session, user), tenantId: user.tenantId };
        send(res, 200, donePage(v, user.mail, user.tenantId));
      } catch (error) {
        if (!(error instanceof DomainError) || !FORM_ERRORS.has(error.code)) throw error;
        const { user, tenant } = await deps.activation.open(token);
        const v = { ...view(req, res, session, user), tenantId: tenant.id };
        send(res, pageStatus(error), passwordPage(v, token, user.mail, tenant.name, errorText(v.language, error)));
      }
    }),
  );

  router.get(
    '/activate/resend',
    step(async (req, res, session) => {
      send(res, 200, resendPage(view(req, res, session), {}));
    }),
  );

  router.post(
    '/activate/resend',
    form,
    step(async (req, res, session) => {
      const email = String(req.body.email ?? '').trim();
      const v = view(req, res, session);
      try {
        await deps.activation.requestNew(email, clientIp(req));
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== ErrorCode.TOO_MANY_ATTEMPTS) throw error;
        send(res, pageStatus(error), resendPage(v, { error: errorText(v.language, error), email }));
        return;
      }
      send(res, 200, messagePage(v, 'activate.invalid.title', translate(v.language, 'activate.resend.sent', { email })));
    }),
  );

  return router;
}

function pageLanguage(preferred: string | null | undefined): string | null {
  return preferred && (SUPPORTED_LANGUAGES as readonly string[]).includes(preferred) ? preferred : null;
}

function render(v: View, titleKey: MessageKey, body: SafeHtml): string {
  return page({ title: translate(v.language, titleKey), language: v.language, brandTenantId: v.tenantId, requestId: v.requestId }, body);
}

function passwordPage(v: View, token: string, email: string, tenant: string, error: string | null): string {
  const t = (key: MessageKey) => translate(v.language, key, { email, tenant });
  return render(
    v,
    'activate.title',
    html` <h1>${t('activate.title')}</h1>
      <p>${t('activate.intro')}</p>
      ${errorBox(error)}
      ${postForm(
        '/activate',
        v.csrf,
        html`${hiddenField('token', token)}
          <input type="email" name="username" autocomplete="username" value="${email}" readonly hidden />
          ${field(t('activate.password'), { ...NEW_PASSWORD_INPUT, autofocus: true })}
          <button type="submit" id="submit">${t('activate.submit')}</button>`,
      )}`,
  );
}

function donePage(v: View, email: string, tenantId: string): string {
  const t = (key: MessageKey) => translate(v.language, key, { email });
  return render(
    v,
    'activate.done.title',
    html` <h1>${t('activate.done.title')}</h1>
      <p id="message">${t('activate.done.text')}</p>
      <p><a href="/${tenantId}/myapps" id="myapps">${t('activate.done.link')}</a></p>`,
  );
}

function resendPage(v: View, options: { error?: string | null; email?: string }): string {
  const t = (key: MessageKey) => translate(v.language, key);
  return render(
    v,
    'activate.invalid.title',
    html` <h1>${t('activate.invalid.title')}</h1>
      <p id="message">${t('activate.invalid.text')}</p>
      ${errorBox(options.error)}
      ${postForm(
        '/activate/resend',
        v.csrf,
        html`${field(t('activate.resend.email'), {
            type: 'email',
            id: 'email',
            autocomplete: 'email',
            required: true,
            maxlength: 320,
            value: options.email ?? '',
          })} <button type="submit" id="resend">${t('activate.resend.submit')}</button>`,
      )}`,
  );
}

function messagePage(v: View, titleKey: MessageKey, text: string): string {
  return render(
    v,
    titleKey,
    html`<h1>${translate(v.language, titleKey)}</h1>
      <p id="message">${text}</p>`,
  );
}
