import type { Tenant } from '../directory/tenant.entity.js';
import { INTL_LOCALE, type Language, type MessageKey, translate } from '../i18n/index.js';
import { escapeHtml, oneLine, textToHtml } from './html.js';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/**
 * What mail needs of an invitation (src/invitations/invitation.entity.ts fits it); written out here so
 * that mail does not import the invitations it is used by.
 */
export interface InvitationForMail {
  id: string;
  email: string;
  displayName: string;
  ccEmailAddress: string | null;
  inviterDisplayName: string;
  invitationText: string | null;
  contactUrl: string | null;
  language: string;
  expiresAt: Date | null;
}

export interface InvitationMessageInput {
  tenant: Pick<Tenant, 'name' | 'privacyUrl' | 'contactUrl' | 'logoUrl' | 'brandColor'>;
  invitation: Pick<InvitationForMail, 'displayName' | 'inviterDisplayName' | 'invitationText' | 'language' | 'expiresAt'>;
  redeemUrl: string;
}

const DEFAULT_COLOR = '#0f6cbd';
const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/** Intl formatters are costly to build; a 2000-row upload renders 2000 messages. */
function formatDate(language: Language, date: Date): string {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[language], { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(language, format);
  }
  return format.format(date);
}

/** Stand-ins for the two values that differ between the messages of one upload (private-use characters). */
const NAME = '\uE000n\uE000';
const URL = '\uE000u\uE000';
const SLOTS = /\uE000([nu])\uE000/g;

/** What a template takes of an invitation: everything but the guest's name, which is filled in. */
type TemplateInvitation = Omit<InvitationMessageInput['invitation'], 'displayName'>;
/**
 * Each field of TemplateInvitation as the value templates are shared by, in the key's order: the one
 * list invitationTemplate's key and sameTemplateInputs both read, so they cannot drift (the type
 * makes every field of the template's input appear here).
 */
const TEMPLATE_FIELDS = Object.values({
  inviterDisplayName: (i) => i.inviterDisplayName,
  invitationText: (i) => i.invitationText,
  language: (i) => i.language,
  expiresAt: (i) => i.expiresAt?.getTime() ?? null,
} satisfies { [F in keyof TemplateInvitation]-?: (invitation: TemplateInvitation) => string | number | null });

/** Messages rendered with NAME and URL, by everything else they depend on; a 2000-row upload renders one. */
const templates = new Map<string, RenderedMessage>();
const MAX_TEMPLATES = 64;

/**
 * The invitation email in the invitation's language: who invites, their plain-text message,
 * the accept link, privacy and contact links, and a phishing notice. Text and HTML say the same;
 * every value from input is escaped in the HTML part. Rendered once per tenant, language, inviter,
 * message and expiry with stand-ins for the guest's name and link, which are then filled in (one
 * pass, so a filled-in value is never read as a stand-in); inputs holding a stand-in's character are
 * rendered directly.
 */
export function renderInvitationMessage(input: InvitationMessageInput): RenderedMessage {
  const shared = invitationTemplate(input);
  if (!shared || !fillable(input.invitation.displayName, input.redeemUrl)) return renderDirectly(input);
  return fillInvitationTemplate(shared.template, input.invitation.displayName, input.redeemUrl);
}

/**
 * The message every guest of the same tenant, inviter, text, language and expiry gets, with
 * stand-ins for the name and link, and the key it is shared under; null when an input holds a
 * stand-in's character (render those directly). The outbox stores it once per upload.
 */
export function invitationTemplate(
  input: Omit<InvitationMessageInput, 'redeemUrl' | 'invitation'> & { invitation: TemplateInvitation },
): { key: string; template: RenderedMessage } | null {
  const { tenant, invitation } = input;
  const key = JSON.stringify([
    tenant.name,
    tenant.privacyUrl,
    tenant.contactUrl,
    tenant.logoUrl,
    tenant.brandColor,
    ...TEMPLATE_FIELDS.map((field) => field(invitation)),
  ]);
  if (key.includes('\uE000')) return null;
  let template = templates.get(key);
  if (!template) {
    if (templates.size >= MAX_TEMPLATES) templates.clear();
    template = renderDirectly({ tenant, invitation: { ...invitation, displayName: NAME }, redeemUrl: URL });
    templates.set(key, template);
  }
  return { key, template };
}

/**
 * Whether two invitations share their template: the same of what invitationTemplate's key holds of
 * them. Compared field by field, so the outbox builds no key per row of an upload.
 */
export function sameTemplateInputs(a: TemplateInvitation, b: TemplateInvitation): boolean {
  for (const field of TEMPLATE_FIELDS) if (field(a) !== field(b)) return false;
  return true;
}

/** Whether a guest's name and link can go into a template (neither holds a stand-in's character). */
export function fillable(displayName: string, redeemUrl: string): boolean {
  return !displayName.includes('\uE000') && !redeemUrl.includes('\uE000');
}

/** A template with one guest's name and link in place: the same bytes as rendering it directly. */
export function fillInvitationTemplate(template: RenderedMessage, displayName: string, redeemUrl: string): RenderedMessage {
  const name = oneLine(displayName);
  const text = { n: name, u: redeemUrl };
  const html = { n: escapeHtml(name), u: escapeHtml(redeemUrl) };
  return {
    subject: template.subject,
    text: template.text.replace(SLOTS, (_, slot: 'n' | 'u') => text[slot]),
    html: template.html.replace(SLOTS, (_, slot: 'n' | 'u') => html[slot]),
  };
}

function renderDirectly(input: InvitationMessageInput): RenderedMessage {
  const { tenant, invitation } = input;
  const language = invitation.language as Language;
  const vars = { tenant: oneLine(tenant.name), inviter: oneLine(invitation.inviterDisplayName) };
  const t = (key: MessageKey, extra: Record<string, string> = {}) => translate(language, key, { ...vars, ...extra });
  const expiry = invitation.expiresAt
    ? t('mail.invite.expires', { date: formatDate(language, invitation.expiresAt) })
    : t('mail.invite.noExpiry');
  const privacy = tenant.privacyUrl ? t('mail.invite.privacy', { url: tenant.privacyUrl }) : t('mail.invite.noPrivacy');
  const contact = tenant.contactUrl ? t('mail.invite.contact', { url: tenant.contactUrl }) : null;

  const greeting = t('mail.greeting', { name: oneLine(invitation.displayName) });
  const text = [
    t('mail.invite.heading'),
    '',
    greeting,
    '',
    t('mail.invite.intro'),
    ...(invitation.invitationText ? ['', t('mail.invite.messageFrom'), invitation.invitationText] : []),
    '',
    `${t('mail.invite.accept')}: ${input.redeemUrl}`,
    expiry,
    '',
    privacy,
    ...(contact ? [contact] : []),
    '',
    t('mail.invite.phishing'),
    '',
    t('mail.invite.footer'),
  ].join('\n');

  return { subject: invitationSubject(input), text, html: renderHtml(input, t, { expiry, privacy, contact }) };
}

/** The invitation mail's subject alone (the preview shows it without rendering the message). */
export function invitationSubject({ tenant, invitation }: Pick<InvitationMessageInput, 'tenant' | 'invitation'>): string {
  const vars = { tenant: oneLine(tenant.name), inviter: oneLine(invitation.inviterDisplayName) };
  return oneLine(translate(invitation.language as Language, 'mail.invite.subject', vars));
}

function renderHtml(
  input: InvitationMessageInput,
  t: (key: MessageKey, extra?: Record<string, string>) => string,
  lines: { expiry: string; privacy: string; contact: string | null },
): string {
  const { tenant, invitation, redeemUrl } = input;
  const color = tenant.brandColor ?? DEFAULT_COLOR;
  const url = escapeHtml(redeemUrl);
  const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const privacy = tenant.privacyUrl ? link(tenant.privacyUrl, lines.privacy) : escapeHtml(lines.privacy);
  const contact = tenant.contactUrl && lines.contact ? `<p>${link(tenant.contactUrl, lines.contact)}</p>` : '';
  const logo = tenant.logoUrl ? `<img src="${escapeHtml(tenant.logoUrl)}" alt="${escapeHtml(tenant.name)}" height="40"><br>` : '';
  const message = invitation.invitationText
    ? `<p><strong>${escapeHtml(t('mail.invite.messageFrom'))}</strong></p><blockquote style="border-left:3px solid ${color};margin:0;padding:0 12px">${textToHtml(invitation.invitationText)}</blockquote>`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(invitation.language)}"><head><meta charset="utf-8"><title>${escapeHtml(t('mail.invite.subject'))}</title></head>
<body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#242424;max-width:600px;margin:0 auto;padding:16px">
<div style="border-top:6px solid ${color};padding-top:12px">${logo}<strong>${escapeHtml(tenant.name)}</strong></div>
<h1 style="font-size:20px">${escapeHtml(t('mail.invite.heading'))}</h1>
<p>${escapeHtml(t('mail.greeting', { name: oneLine(invitation.displayName) }))}</p>
<p>${escapeHtml(t('mail.invite.intro'))}</p>
${message}
<p><a href="${url}" style="display:inline-block;background:${color};color:#fff;padding:10px 20px;border-radius:4px;text-decoration:none">${escapeHtml(t('mail.invite.accept'))}</a></p>
<p style="font-size:12px">${escapeHtml(t('mail.invite.linkFallback'))}<br><a href="${url}">${url}</a></p>
<p style="font-size:12px">${escapeHtml(lines.expiry)}</p>
<p style="font-size:12px">${privacy}</p>
${contact}
<p style="font-size:12px;background:#fff4ce;padding:8px">${escapeHtml(t('mail.invite.phishing'))}</p>
<p style="font-size:11px;color:#616161">${escapeHtml(t('mail.invite.footer'))}</p>
</body></html>`;
}

/** The sign-up code email: short, with the code in the subject for phones. */
export function renderCodeMessage(tenantName: string, code: string, language: Language): RenderedMessage {
  const t = (key: MessageKey) => translate(language, key, { code, tenant: oneLine(tenantName) });
  const text = [t('mail.code.intro'), '', code, '', t('mail.code.expiry')].join('\n');
  const html = `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"></head>
<body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;max-width:600px;margin:0 auto;padding:16px">
<p>${escapeHtml(t('mail.code.intro'))}</p><p style="font-size:28px;letter-spacing:6px"><strong>${escapeHtml(code)}</strong></p>
<p style="font-size:12px">${escapeHtml(t('mail.code.expiry'))}</p></body></html>`;
  return { subject: oneLine(t('mail.code.subject')), text, html };
}
