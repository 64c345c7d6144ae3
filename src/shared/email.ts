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
 * no control characters that could inject mail headers). The lengths are checked on the stored
 * (lower-cased) form: `İ` lower-cases to two characters, so an address of 136 characters can become
 * one with a 254-character domain, longer than a domain column (253) holds; 254 as stored keeps it 252.
 * @throws INVALID_EMAIL
 */
export function normalizeEmail(raw: string, field = 'email'): string {
  const value = raw.trim();
  const stored = canonicalEmail(value);
  if (stored.length > 254 || /[\r\n\0]/.test(value) || !isEmail(value)) {
    throw new DomainError(ErrorCode.INVALID_EMAIL, `${field} is not a valid email address: ${JSON.stringify(raw.slice(0, 320))}`, {
      field,
    });
  }
  return stored;
}

const EMAIL_OPTIONS = { allow_ip_domain: false, require_tld: true, allow_utf8_local_part: false };

/**
 * validator's isEmail, answered without it for the common address: a plain local part (what its
 * unquoted rule accepts, ASCII, at most 64 characters) at a domain it already accepted. Its checks
 * of the local part and of the domain are independent, so the domain's answer is kept per domain
 * (a CSV upload's 2000 addresses share ~50); anything else goes to validator whole.
 */
function isEmail(value: string): boolean {
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  if (at > 0 && at <= 64 && PLAIN_LOCAL.test(local)) {
    const domain = value.slice(at + 1);
    let valid = domainValid.get(domain);
    if (valid === undefined) {
      // A one-character local part passes every local rule: the answer is the domain's.
      valid = validator.isEmail(`a@${domain}`, EMAIL_OPTIONS);
      if (domainValid.size >= MAX_DOMAINS) domainValid.clear();
      domainValid.set(domain, valid);
    }
    if (valid) return true;
  }
  return validator.isEmail(value, EMAIL_OPTIONS);
}

/** validator's unquoted local part (dot-separated runs of its allowed characters). */
const PLAIN_LOCAL = /^[a-z\d!#$%&'*+\-/=?^_`{|}~]+(?:\.[a-z\d!#$%&'*+\-/=?^_`{|}~]+)*$/i;
const domainValid = new Map<string, boolean>();
const MAX_DOMAINS = 1024;

/** Whether two addresses name the same mailbox, however they were typed. */
export function sameEmail(a: string, b: string): boolean {
  return canonicalEmail(a) === canonicalEmail(b);
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}
