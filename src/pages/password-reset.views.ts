import { type MessageKey, translate } from '../i18n/index.js';
import { errorBox, field, MAILED_CODE_INPUT, NEW_PASSWORD_INPUT, postForm, USERNAME_INPUT } from './forms.js';
import { html } from './layout.js';
import { forgotPasswordHref, render, type ViewContext } from './views.js';

export function forgotPasswordPage(ctx: ViewContext, options: { email?: string; error?: string | null } = {}): string {
  const t = (key: MessageKey) => translate(ctx.language, key);
  return render(
    ctx,
    'reset.title',
    html` <h1>${t('reset.title')}</h1>
      <p>${t('reset.intro')}</p>
      ${errorBox(options.error)}
      ${postForm(
        '/password/forgot',
        ctx.csrf,
        html`${field(t('signin.email'), { ...USERNAME_INPUT, maxlength: 254, value: options.email ?? '', autofocus: true })}
          <button type="submit" id="submit">${t('reset.send')}</button>`,
      )}`,
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
      ${postForm(
        '/password/reset',
        ctx.csrf,
        html`${field(t('signin.email'), { ...USERNAME_INPUT, maxlength: 254, value: email })}
          ${field(t('code.label'), { ...MAILED_CODE_INPUT, autofocus: Boolean(email) })}
          ${field(t('reset.newPassword'), NEW_PASSWORD_INPUT)} <button type="submit" id="submit">${t('reset.submit')}</button>`,
      )}
      <p><a href="${forgotPasswordHref(email)}" id="ask-new">${t('reset.askNew')}</a></p>`,
  );
}
