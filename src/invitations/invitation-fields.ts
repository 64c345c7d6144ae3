import { PartnerDomainPolicy, type Tenant } from '../directory/tenant.entity.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { emailDomain, normalizeEmail } from '../shared/email.js';

// The rules on an invitation request's fields one at a time (the invitee's domain, CC, free text,
// display name); validateInvite (invitation.policy.ts) applies them in its fixed order.

export const MAX_INVITATION_TEXT = 2000;
export const MAX_DISPLAY_NAME = 256;

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
 * The tenant's partner-domain policy: an allow list or a block list (a listed domain covers its
 * subdomains). Checked at invite time and again at redemption.
 * @throws DOMAIN_NOT_ALLOWED
 */
export function checkPartnerDomain(tenant: Pick<Tenant, 'partnerDomainPolicy' | 'partnerDomains'>, domain: string): void {
  const listed = tenant.partnerDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
  const allowed =
    tenant.partnerDomainPolicy === PartnerDomainPolicy.AllowList
      ? listed
      : tenant.partnerDomainPolicy === PartnerDomainPolicy.BlockList
        ? !listed
        : true;
  if (!allowed) {
    throw new DomainError(ErrorCode.DOMAIN_NOT_ALLOWED, `This organization does not collaborate with ${domain}`, { domain });
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

/** Optional free text: kept verbatim (it is plain text everywhere), but bounded. @throws BAD_USER_INPUT */
export function normalizeInvitationText(raw: string | null | undefined): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  if (value.length > MAX_INVITATION_TEXT) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `invitationText must be at most ${MAX_INVITATION_TEXT} characters`, {
      field: 'invitationText',
    });
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
