import { type MessageKey, translate } from '../i18n/index.js';
import { csrfField, html } from './layout.js';
import { forgotPasswordHref, render, type ViewContext } from './views.js';

const errorBox = (error?: string | null) => (error ? html`<p class="error" role="alert">${error}</p>` : '');

export function forgotPasswordPage(ctx: ViewContext, options: { email?: string; error?: string | null } = {}): string {
  const t = (key: MessageKey) => translate(ctx.language, key);
  return render(
    ctx,
    'reset.title',
    html` <h1>${t('reset.title')}</h1>
      <p>${t('reset.intro')}</p>
      ${errorBox(options.error)}
      <form method="post" action="/password/forgot">
        ${csrfField(ctx.csrf)}
        <label for="email">${t('signin.email')}</label>
        <input
          type="email"
          id="email"
          name="email"
          autocomplete="username"
          required
          maxlength="254"
          value="${options.email ?? ''}"
          autofocus
        />
        <button type="submit" id="submit">${t('reset.send')}</button>
      </form>`,
  );
}

/**
 * The code and the new password; `sent` says (for every address alike) that a code may be on its way.
 * A refused code shows here too, with the way to ask for a new one.
 */
export function resetPasswordPage(ctx: ViewContext, email: string, options: { sent?: boolean; error?: string | null } = {}): string {
  const t = (key: MessageKey) => translate(ctx.language, key, { email });
  return render(
    ctx,
    'reset.title',
    html` <h1>${t('reset.title')}</h1>
      ${options.sent ? html`<p id="sent">${t('reset.sent')}</p>` : ''}${errorBox(options.error)}
      <form method="post" action="/password/reset">
        ${csrfField(ctx.csrf)}
        <label for="email">${t('signin.email')}</label>
        <input type="email" id="email" name="email" autocomplete="username" required maxlength="254" value="${email}" />
        <label for="code">${t('code.label')}</label>
        <input
          type="text"
          id="code"
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9]{6}"
          maxlength="6"
          required${email ? html` autofocus` : ''}
        />
        <label for="password">${t('reset.newPassword')}</label>
        <input type="password" id="password" name="password" autocomplete="new-password" required minlength="10" />
        <button type="submit" id="submit">${t('reset.submit')}</button>
      </form>
      <p><a href="${forgotPasswordHref(email)}" id="ask-new">${t('reset.askNew')}</a></p>`,
  );
}
