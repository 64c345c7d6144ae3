import { type Language, type MessageKey, translate } from '../i18n/index.js';
import { escapeHtml, oneLine } from './html.js';
import type { RenderedMessage } from './invitation-message.js';

/**
 * The password-reset mail: the code, the page to enter it on (the address filled in, never the code,
 * so the link in a mailbox or a browser history does not reset anything alone), and a note for who
 * did not ask. System mail: queued with `OutboxService.queueSystemMessage`.
 */
export function renderPasswordResetMessage(tenantName: string, code: string, resetUrl: string, language: Language): RenderedMessage {
  const t = (key: MessageKey) => translate(language, key, { code, tenant: oneLine(tenantName), url: resetUrl });
  const text = [t('mail.reset.intro'), '', code, '', t('mail.reset.link'), '', t('mail.reset.expiry')].join('\n');
  const html = `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"></head>
<body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;max-width:600px;margin:0 auto;padding:16px">
<p>${escapeHtml(t('mail.reset.intro'))}</p><p style="font-size:28px;letter-spacing:6px"><strong>${escapeHtml(code)}</strong></p>
<p><a href="${escapeHtml(resetUrl)}">${escapeHtml(t('mail.reset.link'))}</a></p>
<p style="font-size:12px">${escapeHtml(t('mail.reset.expiry'))}</p></body></html>`;
  return { subject: oneLine(t('mail.reset.subject')), text, html };
}
