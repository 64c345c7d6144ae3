import validator from 'validator';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { type Invitation, InvitationStatus } from './invitation.entity.js';

/** Pure invitation rules: no I/O, so the GraphQL path and the CSV path apply exactly the same checks. */

export const MAX_INVITATION_TEXT = 2000;
export const MAX_DISPLAY_NAME = 256;

/**
 * Trims and lower-cases an address and checks its syntax (no display-name form, no IP literal,
 * no control characters that could inject mail headers).
 * @throws INVALID_EMAIL
 */
export function normalizeEmail(raw: string, field = 'email'): string {
  const value = raw.trim();
  if (value.length > 254 || /[\r\n\0]/.test(value) || !validator.isEmail(value, { allow_ip_domain: false, require_tld: true, allow_utf8_local_part: false })) {
    throw new DomainError(ErrorCode.INVALID_EMAIL, `${field} is not a valid email address: ${JSON.stringify(raw.slice(0, 320))}`, { field });
  }
  return value.toLowerCase();
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

/** @throws CONSUMER_EMAIL_NOT_SUPPORTED */
export function refuseConsumerDomain(email: string, consumerDomains: ReadonlySet<string>): void {
  const domain = emailDomain(email);
  if (consumerDomains.has(domain)) {
    throw new DomainError(
      ErrorCode.CONSUMER_EMAIL_NOT_SUPPORTED,
      `Consumer email addresses (${domain}) cannot be invited; use the person's work address`,
      { domain },
    );
  }
}

/**
 * One CC address at most (the CSV column and Graph's ccRecipients both allow one).
 * @throws TOO_MANY_CC_RECIPIENTS, INVALID_EMAIL
 */
export function normalizeCcAddress(raw: string | null | undefined): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  if (value.split(/[,;\s]+/).filter(Boolean).length > 1) {
    throw new DomainError(ErrorCode.TOO_MANY_CC_RECIPIENTS, 'At most one CC email address is allowed', { field: 'ccEmailAddress' });
  }
  return normalizeEmail(value, 'ccEmailAddress');
}

/** `alice@fabrikam.com` invited by contoso.com → `alice_fabrikam.com#EXT#@contoso.com`. */
export function guestUserPrincipalName(email: string, tenantDomain: string): string {
  return `${email.replace('@', '_')}#EXT#@${tenantDomain}`;
}

/**
 * No open redirect: the URL must equal a reply URL of an app being granted, or be https on a host
 * the tenant allows (`host` exactly, or `*.suffix` for its subdomains). Empty means the access panel.
 * @throws REDIRECT_URL_NOT_ALLOWED
 */
export function checkRedirectUrl(
  raw: string | null | undefined,
  grantedReplyUrls: readonly string[],
  allowedHosts: readonly string[],
): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  const url = URL.parse(value);
  const refuse = () =>
    new DomainError(
      ErrorCode.REDIRECT_URL_NOT_ALLOWED,
      'redirectUrl must be a reply URL of an application granted by this invitation, or on a host the tenant allows',
      { field: 'redirectUrl' },
    );
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) throw refuse();
  if (grantedReplyUrls.includes(url.href)) return url.href;
  if (url.protocol === 'https:' && allowedHosts.some((pattern) => hostMatches(url.hostname, pattern))) return url.href;
  throw refuse();
}

function hostMatches(host: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  return p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p;
}

/** Optional free text: kept verbatim (it is plain text everywhere), but bounded. @throws BAD_USER_INPUT */
export function normalizeInvitationText(raw: string | null | undefined): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  if (value.length > MAX_INVITATION_TEXT) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `invitationText must be at most ${MAX_INVITATION_TEXT} characters`, { field: 'invitationText' });
  }
  return value;
}

/** Display names are single-line (they end up in mail headers). @throws BAD_USER_INPUT */
export function normalizeDisplayName(raw: string | null | undefined, fallback: string): string {
  const value = (raw ?? '').replace(/[\r\n\t\0]+/g, ' ').trim();
  if (value.length > MAX_DISPLAY_NAME) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `displayName must be at most ${MAX_DISPLAY_NAME} characters`, { field: 'displayName' });
  }
  return value || fallback;
}

export function expiryFor(now: Date, ttlDays: number): Date | null {
  return ttlDays === 0 ? null : new Date(now.getTime() + ttlDays * 86_400_000);
}

/** The status a reader sees: a pending invitation past its expiry is Expired. */
export function effectiveStatus(invitation: Pick<Invitation, 'status' | 'expiresAt'>, now: Date): InvitationStatus {
  if (invitation.status === InvitationStatus.PendingAcceptance && invitation.expiresAt && invitation.expiresAt <= now) {
    return InvitationStatus.Expired;
  }
  return invitation.status;
}

/** @throws INVITATION_NOT_PENDING */
export function requirePending(invitation: Invitation, now: Date): void {
  const status = effectiveStatus(invitation, now);
  if (status !== InvitationStatus.PendingAcceptance) {
    throw new DomainError(ErrorCode.INVITATION_NOT_PENDING, `The invitation is ${status}, not pending`, { status });
  }
}
