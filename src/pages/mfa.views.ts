import { INTL_LOCALE, type Language, type MessageKey, translate } from '../i18n/index.js';
import type { MethodSummary, ProofOwed } from '../mfa/mfa.service.js';
import type { TotpEnrolment } from '../mfa/totp.js';
import { errorBox, field, hiddenField, postForm } from './forms.js';
import { html, SafeHtml } from './layout.js';
import { passkeyButton } from './passkey.views.js';
import { render, type ViewContext } from './views.js';

const returnField = (returnTo: string) => hiddenField('return', returnTo);

function when(language: string, at: Date): string {
  const locale = INTL_LOCALE[language as Language] ?? 'en';
  return `${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(at)} UTC`;
}

export interface SecondFactorOptions {
  email: string;
  returnTo: string;
  /** The account holds an authenticator app: show the code form. */
  totp: boolean;
  /**
   * PASSKEYS: the passkey button goes here (src/pages/mfa.routes.ts fills it when the account holds a
   * passkey); rendered above the code form. Null shows nothing.
   */
  passkeyButton: SafeHtml | null;
  error?: string | null;
}

/** The one-time code of an authenticator app: six digits, spaces allowed. */
const CODE_INPUT = {
  id: 'code',
  inputmode: 'numeric',
  autocomplete: 'one-time-code',
  pattern: '[0-9 ]*',
  maxlength: 8,
  required: true,
} as const;

/** The second step of a sign-in (or a step-up): a code from the app, a passkey, or a recovery code. */
export function secondFactorPage(ctx: ViewContext, o: SecondFactorOptions): string {
  const t = (key: MessageKey) => translate(ctx.language, key, { email: o.email });
  return render(
    ctx,
    'mfa.title',
    html`<h1>${t('mfa.title')}</h1>
      <p class="muted wrap" id="mfa-account">${o.email}</p>
      ${errorBox(o.error, 'error')}
      <div id="passkey-slot">${o.passkeyButton}</div>
      ${
        o.totp
          ? postForm(
              '/mfa/totp',
              ctx.csrf,
              html`${returnField(o.returnTo)}
                <p>${t('mfa.intro')}</p>
                ${field(t('mfa.code'), { ...CODE_INPUT, autofocus: true })}
                <button type="submit" id="verify">${t('mfa.verify')}</button>`,
              { id: 'totp-form' },
            )
          : ''
      }
      <section id="recovery">
        <h2>${t('mfa.recoveryTitle')}</h2>
        ${postForm(
          '/mfa/recovery',
          ctx.csrf,
          html`${returnField(o.returnTo)}
            <p>${t('mfa.recoveryIntro')}</p>
            ${field(t('mfa.recoveryCode'), {
              id: 'recoveryCode',
              name: 'code',
              autocomplete: 'off',
              autocapitalize: 'none',
              spellcheck: 'false',
              maxlength: 16,
              required: true,
            })}
            <button type="submit" class="secondary" id="use-recovery">${t('mfa.recoverySubmit')}</button>`,
        )}
        <p class="muted">${t('mfa.lostEverything')}</p>
      </section>`,
  );
}

/** Adding an authenticator app: the QR code (inline SVG), the key to type by hand, a name and one code. */
export function enrolPage(
  ctx: ViewContext,
  o: { enrolment: TotpEnrolment; returnTo: string; label?: string; error?: string | null },
): string {
  const t = (key: MessageKey) => translate(ctx.language, key);
  return render(
    ctx,
    'mfa.enrolTitle',
    html`<h1>${t('mfa.enrolTitle')}</h1>
      ${errorBox(o.error, 'error')}
      <p>${t('mfa.enrolScan')}</p>
      <div class="qr" id="qr">${svg(o.enrolment.qrSvg)}</div>
      <p>${t('mfa.enrolManual')}</p>
      <p><code class="wrap" id="totp-secret">${o.enrolment.secret}</code></p>
      ${postForm(
        '/mfa/enrol',
        ctx.csrf,
        html`${returnField(o.returnTo)}${hiddenField('methodId', o.enrolment.methodId)}
          ${field(t('mfa.enrolLabel'), { id: 'label', maxlength: 64, value: o.label ?? t('mfa.enrolDefaultLabel') })}
          ${field(t('mfa.enrolCode'), CODE_INPUT)} <button type="submit" id="confirm-totp">${t('mfa.enrolConfirm')}</button>`,
      )}
      <section id="enrol-passkey">
        <h2>${t('passkey.add')}</h2>
        <p>${t('passkey.intro')}</p>
        ${passkeyButton(ctx, 'register', o.returnTo)}
      </section>
      <p><a href="${o.returnTo}" id="cancel">${t('account.cancel')}</a></p>`,
  );
}

/** The recovery codes, shown this once, and the way on. */
export function recoveryCodesPage(ctx: ViewContext, codes: readonly string[], continueTo: string): string {
  const t = (key: MessageKey) => translate(ctx.language, key);
  return render(
    ctx,
    'mfa.codesTitle',
    html`<h1>${t('mfa.codesTitle')}</h1>
      <p>${t('mfa.codesIntro')}</p>
      <ol class="codes" id="recovery-codes">
        ${codes.map((c) => html`<li><code>${c}</code></li>`)}
      </ol>
      <p><a class="button" href="${continueTo}" id="continue">${t('mfa.continue')}</a></p>`,
  );
}

/** The account page's "Sign-in methods" section; `proofOwed` when changes need a second factor or a sign-in first. */
export function signInMethodsSection(
  ctx: ViewContext,
  o: { methods: readonly MethodSummary[]; remainingCodes: number; proofOwed: ProofOwed },
): SafeHtml {
  const t = (key: MessageKey, values: Record<string, string> = {}) => translate(ctx.language, key, values);
  const manage = (m: MethodSummary) =>
    o.proofOwed
      ? ''
      : html`${postForm(
          '/account/mfa/rename',
          ctx.csrf,
          html`${hiddenField('methodId', m.id)}
            ${field(
              t('mfa.enrolLabel'),
              { id: `label-${m.id}`, name: 'label', maxlength: 64, required: true, value: m.label },
              { labelClass: 'visually-hidden' },
            )} <button type="submit" class="secondary" id="rename-${m.id}">${t('mfa.rename')}</button>`,
          { class: 'inline' },
        )}
        ${postForm(
          '/account/mfa/remove',
          ctx.csrf,
          html`${hiddenField('methodId', m.id)} <button type="submit" class="danger" id="remove-${m.id}">${t('mfa.remove')}</button>`,
          { class: 'inline' },
        )}`;
  return html`<section id="mfa">
    <h2>${t('mfa.methods')}</h2>
    ${o.methods.length === 0 ? html`<p id="no-methods">${t('mfa.methodsNone')}</p>` : ''}
    <ul class="list" id="methods">
      ${o.methods.map(
        (m) =>
          html`<li data-method="${m.id}">
            <strong class="wrap">${m.label}</strong>
            <span class="muted">${t(m.kind === 'passkey' ? 'mfa.kind.passkey' : 'mfa.kind.totp')}</span><br />
            <span class="muted"
              >${t('mfa.added', { time: when(ctx.language, m.createdAt) })} ·
              ${m.lastUsedAt ? t('mfa.lastUsed', { time: when(ctx.language, m.lastUsedAt) }) : t('mfa.neverUsed')}</span
            >
            ${manage(m)}
          </li>`,
      )}
    </ul>
    ${o.methods.length ? html`<p id="codes-left">${t('mfa.remaining', { count: String(o.remainingCodes) })}</p>` : ''}
    ${
      o.proofOwed === 'mfa'
        ? html`<p>${t('mfa.stepUp')}</p>
            <p><a class="button" href="/mfa?return=/account" id="step-up">${t('mfa.verify')}</a></p>`
        : o.proofOwed === 'signIn'
          ? html`<p>${t('mfa.signInAgainIntro')}</p>
              <p><a class="button" href="/account/signin" id="sign-in-again">${t('mfa.signInAgain')}</a></p>`
          : html`<p><a class="button" href="/mfa/enrol?return=/account" id="add-totp">${t('mfa.add')}</a></p>
              ${passkeyButton(ctx, 'register', '/account?done=passkey')}
              ${
                o.methods.length
                  ? postForm(
                      '/account/mfa/recovery-codes',
                      ctx.csrf,
                      html`<button type="submit" class="secondary" id="regenerate-codes">${t('mfa.regenerate')}</button>`,
                    )
                  : ''
              }`
    }
  </section>`;
}

/** The QR library's SVG (paths only: the otpauth URI is encoded in their shapes, never as text). */
function svg(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
