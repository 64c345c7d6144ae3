import type { AccountOverview, Organization } from '../accounts/account-profile.service.js';
import { INTL_LOCALE, type Language, type MessageKey, translate } from '../i18n/index.js';
import { csrfField, html, type SafeHtml } from './layout.js';
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
} as const satisfies Record<string, MessageKey>;
export type AccountNotice = keyof typeof ACCOUNT_NOTICES;

const errorBox = (error?: string | null) => (error ? html`<p class="error" role="alert" id="error">${error}</p>` : '');

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
  const csrf = csrfField(ctx.csrf);
  return render(
    ctx,
    'account.title',
    html` <h1>${t('account.title')}</h1>
      <p class="muted wrap" id="signed-in-as">${t('account.signedInAs')}</p>
      ${options.notice ? html`<p class="notice" role="status" id="notice">${t(ACCOUNT_NOTICES[options.notice])}</p>` : ''}${errorBox(options.error)}
      <section id="profile">
        <h2>${t('account.profile')}</h2>
        <form method="post" action="/account/profile">
          ${csrf}
          <label for="displayName">${t('account.displayName')}</label>
          <input type="text" id="displayName" name="displayName" autocomplete="name" required maxlength="256" value="${home.displayName}" />
          <label for="givenName">${t('account.givenName')}</label>
          <input type="text" id="givenName" name="givenName" autocomplete="given-name" maxlength="64" value="${home.givenName ?? ''}" />
          <label for="familyName">${t('account.familyName')}</label>
          <input type="text" id="familyName" name="familyName" autocomplete="family-name" maxlength="64" value="${home.familyName ?? ''}" />
          <button type="submit" id="save-profile">${t('account.save')}</button>
        </form>
      </section>
      <section id="password">
        <h2>${t('account.password')}</h2>
        ${
          home.passwordHash
            ? html`<form method="post" action="/account/password">
                ${csrf}
                <input type="email" name="username" autocomplete="username" value="${home.mail}" hidden readonly />
                <label for="currentPassword">${t('account.currentPassword')}</label>
                <input type="password" id="currentPassword" name="currentPassword" autocomplete="current-password" required />
                <label for="newPassword">${t('account.newPassword')}</label>
                <input type="password" id="newPassword" name="newPassword" autocomplete="new-password" required minlength="10" />
                <button type="submit" id="change-password">${t('account.changePassword')}</button>
              </form>`
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
        <form method="post" action="/account/signout-everywhere">
          ${csrf}<button type="submit" class="secondary" id="signout-everywhere">${t('account.signOutEverywhere')}</button>
        </form>
      </section>
      <section id="organizations">
        <h2>${t('account.organizations')}</h2>
        ${view.organizations.length ? view.organizations.map((o) => organization(ctx, o, csrf)) : html`<p id="no-organizations">${t('account.noOrganizations')}</p>`}
      </section>
      ${
        view.selfService
          ? deleteSection(ctx, view, csrf)
          : html`<section id="delete">
              <h2>${t('account.delete')}</h2>
              <p>${t('account.managed')}</p>
            </section>`
      }`,
  );
}

function organization(ctx: ViewContext, o: Organization, csrf: SafeHtml): SafeHtml {
  const t = (key: MessageKey) => translate(ctx.language, key, { tenant: o.tenant.name });
  return html`<div class="organization" data-tenant="${o.tenant.id}">
    <h3 class="wrap">${o.tenant.name}</h3>
    ${
      o.apps.length
        ? html`<ul class="apps">
            ${o.apps.map((a) => html`<li>${a.logoUrl ? html`<img src="${a.logoUrl}" alt="" />` : ''}<a href="${a.homepageUrl ?? a.replyUrls[0] ?? '#'}">${a.displayName}</a></li>`)}
          </ul>`
        : html`<p class="muted">${t('account.noApps')}</p>`
    }
    <form method="post" action="/account/leave">
      ${csrf}<input type="hidden" name="guestId" value="${o.guest.id}" />
      <button type="submit" class="secondary" id="leave-${o.tenant.id}">${t('account.leave')}</button>
    </form>
  </div>`;
}

function deleteSection(ctx: ViewContext, view: AccountOverview, csrf: SafeHtml): SafeHtml {
  const t = (key: MessageKey) => translate(ctx.language, key, { email: view.home.mail });
  const confirm = view.home.passwordHash
    ? html`<label for="deletePassword">${t('account.deletePassword')}</label
        ><input type="password" id="deletePassword" name="password" autocomplete="current-password" required />`
    : html`<label for="deleteEmail">${t('account.deleteEmail')}</label
        ><input type="email" id="deleteEmail" name="email" autocomplete="off" required />`;
  return html`<section id="delete">
    <h2>${t('account.delete')}</h2>
    <p>${t('account.deleteText')}</p>
    <form method="post" action="/account/delete">
      ${csrf}${confirm}<button type="submit" class="danger" id="delete-account">${t('account.delete')}</button>
    </form>
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
      <form method="post" action="/account/leave">
        ${csrfField(ctx.csrf)}<input type="hidden" name="guestId" value="${o.guestId}" /><input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="danger" id="confirm-leave">${t('account.leaveConfirm')}</button>
      </form>
      <p><a href="/account" id="cancel">${t('account.cancel')}</a></p>`,
  );
}
