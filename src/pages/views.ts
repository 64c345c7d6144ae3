import type { Response } from 'express';
import type { OpenSession } from '../accounts/browser-session.service.js';
import type { Application } from '../apps/application.entity.js';
import type { Tenant } from '../directory/tenant.entity.js';
import type { BrowserContext } from '../http/browser.js';
import { errorText, languageFromHeader, type MessageKey, translate } from '../i18n/index.js';
import type { Invitation } from '../invitations/invitation.entity.js';
import { errorBox, field, hiddenField, MAILED_CODE_INPUT, NEW_PASSWORD_INPUT, postForm, USERNAME_INPUT } from './forms.js';
import { html, page, type SafeHtml } from './layout.js';

export interface ViewContext {
  language: string;
  csrf: string;
  tenant?: Pick<Tenant, 'id' | 'name'> | null;
  requestId?: string;
}

/** What a page for this browser session needs: the reader's language, the session's CSRF token, the request id. */
export function sessionView(browser: BrowserContext, res: Response, session: OpenSession): ViewContext {
  return {
    language: languageFromHeader(String(res.req.headers['accept-language'] ?? '')),
    csrf: browser.csrfToken(session),
    requestId: String(res.locals.requestId),
  };
}

export function render(ctx: ViewContext, titleKey: MessageKey, body: SafeHtml): string {
  return page(
    { title: translate(ctx.language, titleKey), language: ctx.language, brandTenantId: ctx.tenant?.id, requestId: ctx.requestId },
    body,
  );
}

export function reviewPage(ctx: ViewContext, tenant: Tenant, invitation: Invitation, apps: Application[]): string {
  const t = (key: MessageKey) =>
    translate(ctx.language, key, { tenant: tenant.name, inviter: invitation.inviterDisplayName, email: invitation.email });
  return render(
    ctx,
    'review.title',
    html` <h1>${t('review.heading')}</h1>
      <p>${t('review.intro')}</p>
      ${
        apps.length
          ? html`<p>${t('review.apps')}</p>
              <ul>
                ${apps.map((a) => html`<li>${a.displayName}</li>`)}
              </ul>`
          : html`<p>${t('review.noApps')}</p>`
      }
      ${invitation.invitationText ? html`<blockquote>${invitation.invitationText}</blockquote>` : ''}
      <p class="muted">${tenant.privacyUrl ? html`<a href="${tenant.privacyUrl}">${t('review.privacy')}</a>` : t('review.noPrivacy')}</p>
      ${postForm('/redeem/accept', ctx.csrf, html`<button type="submit" id="accept">${t('review.accept')}</button>`, { class: 'inline' })}
      ${postForm('/redeem/decline', ctx.csrf, html`<button type="submit" class="secondary" id="decline">${t('review.decline')}</button>`, {
        class: 'inline',
      })}`,
  );
}

/** Where "Forgot your password?" leads (src/pages/password-reset.routes.ts), with the address already typed if there is one. */
export function forgotPasswordHref(email?: string): string {
  return email ? `/password/forgot?email=${encodeURIComponent(email)}` : '/password/forgot';
}

export function signInPage(
  ctx: ViewContext,
  options: { action: string; email?: string; emailFixed?: boolean; error?: string | null; returnTo?: string },
): string {
  const t = (key: MessageKey) => translate(ctx.language, key);
  return render(
    ctx,
    'signin.title',
    html` <h1>${t('signin.title')}</h1>
      <p>${t('signin.intro')}</p>
      ${errorBox(options.error)}
      ${postForm(
        options.action,
        ctx.csrf,
        html`${options.returnTo ? hiddenField('return', options.returnTo) : ''}
          ${field(t('signin.email'), { ...USERNAME_INPUT, value: options.email ?? '', readonly: options.emailFixed })}
          ${field(t('signin.password'), { type: 'password', id: 'password', autocomplete: 'current-password', autofocus: true })}
          <button type="submit" id="submit">${t('signin.submit')}</button>`,
      )}
      <p><a href="${forgotPasswordHref(options.email)}" id="forgot-password">${t('reset.forgotLink')}</a></p>`,
  );
}

export function codePage(ctx: ViewContext, email: string, options: { error?: string | null; notice?: string | null } = {}): string {
  const t = (key: MessageKey) => translate(ctx.language, key, { email });
  return render(
    ctx,
    'code.title',
    html` <h1>${t('code.title')}</h1>
      <p>${t('code.intro')}</p>
      ${errorBox(options.error)} ${options.notice ? html`<p class="notice">${options.notice}</p>` : ''}
      ${postForm(
        '/redeem/code',
        ctx.csrf,
        html`${field(t('code.label'), { ...MAILED_CODE_INPUT, autofocus: true })}
          <button type="submit" id="submit">${t('code.submit')}</button>`,
      )}
      ${postForm('/redeem/code/resend', ctx.csrf, html`<button type="submit" class="secondary" id="resend">${t('code.resend')}</button>`)}`,
  );
}

export function profilePage(ctx: ViewContext, email: string, options: { error?: string | null; displayName?: string } = {}): string {
  const t = (key: MessageKey) => translate(ctx.language, key, { email });
  return render(
    ctx,
    'profile.title',
    html` <h1>${t('profile.title')}</h1>
      <p>${t('profile.intro')}</p>
      ${errorBox(options.error)}
      ${postForm(
        '/redeem/profile',
        ctx.csrf,
        html`${field(t('profile.name'), {
            id: 'displayName',
            autocomplete: 'name',
            required: true,
            maxlength: 256,
            value: options.displayName ?? '',
          })}
          ${field(t('profile.password'), NEW_PASSWORD_INPUT)} <button type="submit" id="submit">${t('profile.submit')}</button>`,
      )}`,
  );
}

export function switchAccountPage(ctx: ViewContext, current: string, email: string): string {
  const t = (key: MessageKey) => translate(ctx.language, key, { current, email });
  return render(
    ctx,
    'switch.title',
    html` <h1>${t('switch.title')}</h1>
      <p>${t('switch.text')}</p>
      ${postForm('/redeem/switch', ctx.csrf, html`<button type="submit" id="switch">${t('switch.submit')}</button>`)}`,
  );
}

export function messagePage(ctx: ViewContext, titleKey: MessageKey, text: string): string {
  return render(
    ctx,
    titleKey,
    html`<h1>${translate(ctx.language, titleKey)}</h1>
      <p id="message">${text}</p>`,
  );
}

/** A refusal: its message in the reader's language, and its code (what to tell support). */
export function errorPage(ctx: ViewContext, error: { code: string; message: string; details?: Record<string, unknown> }): string {
  return render(
    ctx,
    'error.title',
    html`<h1>${translate(ctx.language, 'error.title')}</h1>
      <p id="message">${errorText(ctx.language, error)}</p>
      <p class="muted" id="error-code">${error.code}</p>`,
  );
}

export function accessDeniedPage(ctx: ViewContext, reason: string, abortAction: string | null): string {
  return render(
    ctx,
    'denied.title',
    html`<h1>${translate(ctx.language, 'denied.title')}</h1>
      <p id="message">${reason}</p>
      ${abortAction ? postForm(abortAction, ctx.csrf, html`<button type="submit" id="back">${translate(ctx.language, 'denied.back')}</button>`) : ''}`,
  );
}
