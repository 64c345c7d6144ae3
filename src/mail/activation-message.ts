import { INTL_LOCALE, type Language, type MessageKey, translate } from '../i18n/index.js';
import { escapeHtml, oneLine } from './html.js';
import type { RenderedMessage } from './invitation-message.js';

export interface ActivationMessageInput {
  tenantName: string;
  displayName: string;
  email: string;
  url: string;
  expiresAt: Date;
  language: Language;
  /** A new account, or a password an administrator reset. */
  purpose: 'activate' | 'reset';
}

/** The activation (or password reset) mail: greets the member by name, one button, when the link ends. */
export function renderActivationMessage(input: ActivationMessageInput): RenderedMessage {
  const date = new Intl.DateTimeFormat(INTL_LOCALE[input.language], { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
    input.expiresAt,
  );
  const vars = { tenant: oneLine(input.tenantName), name: oneLine(input.displayName), email: input.email, date: `${date} UTC` };
  const t = (key: MessageKey) => translate(input.language, key, vars);
  const intro = t(input.purpose === 'reset' ? 'mail.activate.reset' : 'mail.activate.intro');
  const text = [
    t('mail.greeting'),
    '',
    intro,
    '',
    `${t('mail.activate.button')}: ${input.url}`,
    '',
    t('mail.activate.expiry'),
    '',
    t('mail.invite.footer'),
  ].join('\n');
  const url = escapeHtml(input.url);
  const html = `<!doctype html><html lang="${escapeHtml(input.language)}"><head><meta charset="utf-8"><title>${escapeHtml(t('mail.activate.subject'))}</title></head>
<body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#242424;max-width:600px;margin:0 auto;padding:16px">
<p>${escapeHtml(t('mail.greeting'))}</p><p>${escapeHtml(intro)}</p>
<p><a href="${url}" style="display:inline-block;background:#0f6cbd;color:#fff;padding:10px 20px;border-radius:4px;text-decoration:none">${escapeHtml(t('mail.activate.button'))}</a></p>
<p style="font-size:12px">${escapeHtml(t('mail.invite.linkFallback'))}<br><a href="${url}">${url}</a></p>
<p style="font-size:12px">${escapeHtml(t('mail.activate.expiry'))}</p>
<p style="font-size:11px;color:#616161">${escapeHtml(t('mail.invite.footer'))}</p></body></html>`;
  return { subject: oneLine(t('mail.activate.subject')), text, html };
}
