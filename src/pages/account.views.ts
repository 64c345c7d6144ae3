import type { AccountOverview, Organization } from '../accounts/account-profile.service.js';
import { appTile } from './panel.views.js';
import { INTL_LOCALE, type Language, type MessageKey, translate } from '../i18n/index.js';
import { errorBox, field, hiddenField, postForm } from './forms.js';
import { html, type SafeHtml } from './layout.js';
import { signInMethodsSection } from './mfa.views.js';
import { render, type ViewContext } from './views.js';

/** What a finished form says when the page comes back (`/account?done=…`). */
export const ACCOUNT_NOTICES = {
  profile: 'account.saved',
  password: 'account.passwordChanged',
  left: 'account.left',
  mfaAdded: 'mfa.notice.added',
  mfaRenamed: 'mfa.notice.renamed',
  mfaRemoved: 'mfa.notice.removed',
  passkey: 'passkey.added',
} as const satisfies Record<string, MessageKey>;
export type AccountNotice = keyof typeof ACCOUNT_NOTICES;

function when(language: string, at: Date): string {
  const locale = INTL_LOCALE[language as Language] ?? 'en';
  return `${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(at)} UTC`;
}

/** The account page: profile, password, signed-in browsers, organizations, and deletion. */
export function accountPage(
  ctx: ViewContext,
  view: AccountOverview,
  options: { currentBrowser: string; mfa: Parameters<typeof signInMethodsSection>[1]; notice?: AccountNotice; error?: string | null },
): string {
  const { home } = view;
  const t = (key: MessageKey, values: Record<string, string> = {}) =>
    translate(ctx.language, key, { email: home.mail, tenant: view.homeTenant.name, ...values });
  return render(
    ctx,
    'account.title',
    html` <h1>${t('account.title')}</h1>
      <p class="muted wrap" id="signed-in-as">${t('account.signedInAs')}</p>
      ${options.notice ? html`<p class="notice" role="status" id="notice">${t(ACCOUNT_NOTICES[options.notice])}</p>` : ''}${errorBox(options.error, 'error')}
      <section id="profile">
        <h2>${t('account.profile')}</h2>
        ${postForm(
          '/account/profile',
          ctx.csrf,
          html`${field(t('account.displayName'), { id: 'displayName', autocomplete: 'name', required: true, maxlength: 256, value: home.displayName })}
            ${field(t('account.givenName'), { id: 'givenName', autocomplete: 'given-name', maxlength: 64, value: home.givenName ?? '' })}
            ${field(t('account.familyName'), { id: 'familyName', autocomplete: 'family-name', maxlength: 64, value: home.familyName ?? '' })}
            <button type="submit" id="save-profile">${t('account.save')}</button>`,
        )}
      </section>
      <section id="password">
        <h2>${t('account.password')}</h2>
        ${
          home.passwordHash
            ? postForm(
                '/account/password',
                ctx.csrf,
                html`<input type="email" name="username" autocomplete="username" value="${home.mail}" hidden readonly />
                  ${field(t('account.currentPassword'), { type: 'password', id: 'currentPassword', autocomplete: 'current-password', required: true })}
                  ${field(t('account.newPassword'), {
                    type: 'password',
                    id: 'newPassword',
                    autocomplete: 'new-password',
                    required: true,
                    minlength: 10,
                  })}
                  <button type="submit" id="change-password">${t('account.changePassword')}</button>`,
              )
            : html`<p>${t('account.passwordElsewhere')}</p>`
        }
      </section>
      ${signInMethodsSection(ctx, options.mfa)}
      <section id="sessions">
        <h2>${t('account.sessions')}</h2>
        <ul class="list">
          ${view.browsers.map(
            (b) => html`<li${b.idHash === options.currentBrowser ? html` class="current"` : ''}>
<strong>${t(b.idHash === options.currentBrowser ? 'account.thisBrowser' : 'account.otherBrowser')}</strong>
<span class="muted">${t('account.sessionSince', { time: when(ctx.language, b.createdAt) })}</span></li>`,
          )}
        </ul>
        <p class="muted">${t('account.signOutEverywhereText')}</p>
        ${postForm(
          '/account/signout-everywhere',
          ctx.csrf,
          html`<button type="submit" class="secondary" id="signout-everywhere">${t('account.signOutEverywhere')}</button>`,
        )}
      </section>
      <section id="organizations">
        <h2>${t('account.organizations')}</h2>
        ${view.organizations.length ? view.organizations.map((o) => organization(ctx, o)) : html`<p id="no-organizations">${t('account.noOrganizations')}</p>`}
      </section>
      ${
        view.selfService
          ? deleteSection(ctx, view)
          : html`<section id="delete">
              <h2>${t('account.delete')}</h2>
              <p>${t('account.managed')}</p>
            </section>`
      }`,
  );
}

function organization(ctx: ViewContext, o: Organization): SafeHtml {
  const t = (key: MessageKey) => translate(ctx.language, key, { tenant: o.tenant.name });
  return html`<div class="organization" data-tenant="${o.tenant.id}">
    <h3 class="wrap">${o.tenant.name}</h3>
    ${
      o.apps.length
        ? html`<ul class="apps">
            ${o.apps.map(appTile)}
          </ul>`
        : html`<p class="muted">${t('account.noApps')}</p>`
    }
    ${postForm(
      '/account/leave',
      ctx.csrf,
      html`${hiddenField('guestId', o.guest.id)}
        <button type="submit" class="secondary" id="leave-${o.tenant.id}">${t('account.leave')}</button>`,
    )}
  </div>`;
}

function deleteSection(ctx: ViewContext, view: AccountOverview): SafeHtml {
  const t = (key: MessageKey) => translate(ctx.language, key, { email: view.home.mail });
  const confirm = view.home.passwordHash
    ? field(t('account.deletePassword'), {
        type: 'password',
        id: 'deletePassword',
        name: 'password',
        autocomplete: 'current-password',
        required: true,
      })
    : field(t('account.deleteEmail'), { type: 'email', id: 'deleteEmail', name: 'email', autocomplete: 'off', required: true });
  return html`<section id="delete">
    <h2>${t('account.delete')}</h2>
    <p>${t('account.deleteText')}</p>
    ${postForm('/account/delete', ctx.csrf, html`${confirm}<button type="submit" class="danger" id="delete-account">${t('account.delete')}</button>`)}
  </section>`;
}

/** The second step of Leave organization: nothing changes until this form is sent. */
export function leaveConfirmPage(ctx: ViewContext, o: { guestId: string; tenantName: string }): string {
  const t = (key: MessageKey) => translate(ctx.language, key, { tenant: o.tenantName });
  return render(
    ctx,
    'account.leave',
    html`<h1 class="wrap">${t('account.leaveTitle')}</h1>
      <p>${t('account.leaveText')}</p>
      ${postForm(
        '/account/leave',
        ctx.csrf,
        html`${hiddenField('guestId', o.guestId)}${hiddenField('confirm', 'yes')}
          <button type="submit" class="danger" id="confirm-leave">${t('account.leaveConfirm')}</button>`,
      )}
      <p><a href="/account" id="cancel">${t('account.cancel')}</a></p>`,
  );
}
