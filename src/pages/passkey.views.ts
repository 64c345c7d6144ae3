import { WEBAUTHN_SCRIPT_PATH } from '../http/vendor-scripts.js';
import { type MessageKey, translate } from '../i18n/index.js';
import { html, type SafeHtml } from './layout.js';
import type { ViewContext } from './views.js';

/**
 * A passkey button for static/passkey.js, with the two scripts it needs (both from the gateway: no
 * inline script under the CSP). `register` adds a passkey to the signed-in account (with a name
 * field, and a place for the recovery codes its first method brings); `authenticate` completes or
 * steps up a sign-in. `returnTo` is where the browser goes after. One per page.
 */
export function passkeyButton(ctx: ViewContext, kind: 'register' | 'authenticate', returnTo: string): SafeHtml {
  const t = (key: MessageKey) => translate(ctx.language, key);
  return html`<div class="passkey">
    ${
      kind === 'register'
        ? html`<label for="passkey-label">${t('passkey.label')}</label>
            <input type="text" id="passkey-label" maxlength="64" autocomplete="off" />`
        : ''
    }
    <button
      type="button"
      class="${kind === 'register' ? 'secondary' : ''}"
      id="passkey-${kind}"
      data-passkey="${kind}"
      data-return="${returnTo}"
      data-csrf="${ctx.csrf}"
      data-message-cancelled="${t('passkey.cancelled')}"
      data-message-registered="${t('passkey.registered')}"
      data-message-unsupported="${t('passkey.unsupported')}"
    >
      ${t(kind === 'register' ? 'passkey.add' : 'passkey.use')}
    </button>
    <p class="error" role="alert" id="passkey-error" hidden></p>
    ${
      kind === 'register'
        ? html`<section id="passkey-codes" hidden>
            <h2>${t('mfa.codesTitle')}</h2>
            <p>${t('mfa.codesIntro')}</p>
            <ol class="codes" id="recovery-codes"></ol>
            <p><a class="button" href="${returnTo}" id="continue">${t('mfa.continue')}</a></p>
          </section>`
        : ''
    }
    <script src="${WEBAUTHN_SCRIPT_PATH}" defer></script>
    <script src="/static/passkey.js" defer></script>
  </div>`;
}
