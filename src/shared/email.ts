import validator from 'validator';
import { DomainError, ErrorCode } from './errors.js';

/**
 * Email addresses, the one spelling the gateway stores and compares: trimmed and lower-cased.
 * A leaf module: it imports nothing of the domain.
 */

/** The stored form of an address someone typed or a provider sent, without a syntax check (lookups, comparisons). */
export function canonicalEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/**
 * Trims and lower-cases an address and checks its syntax (no display-name form, no IP literal,
 * no control characters that could inject mail headers).
 * @throws INVALID_EMAIL
 */
export function normalizeEmail(raw: string, field = 'email'): string {
  const value = raw.trim();
  if (
    value.length > 254 ||
    /[\r\n\0]/.test(value) ||
    !validator.isEmail(value, { allow_ip_domain: false, require_tld: true, allow_utf8_local_part: false })
  ) {
    throw new DomainError(ErrorCode.INVALID_EMAIL, `${field} is not a valid email address: ${JSON.stringify(raw.slice(0, 320))}`, {
      field,
    });
  }
  return canonicalEmail(value);
}

/** Whether two addresses name the same mailbox, however they were typed. */
export function sameEmail(a: string, b: string): boolean {
  return canonicalEmail(a) === canonicalEmail(b);
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}
