import { DomainError, ErrorCode } from '../shared/errors.js';

/**
 * A DNS name of at least two labels (letters, digits, inner hyphens; 63 characters a label, 253 in
 * all) whose top-level label is alphabetic or an IDN (`xn--…`): that refuses IP literals such as
 * 10.0.0.1 and all-numeric top-level labels, which no registry hands out.
 */
const DOMAIN = /^(?=.{1,253}$)((?!-)[a-z0-9-]{1,63}(?<!-)\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59}(?<!-))$/;

/** The spelling names are stored under: trimmed, lower case, without a trailing dot (no validity check; for look-ups). */
export function canonicalDomain(raw: string): string {
  return raw.trim().toLowerCase().replace(/\.$/, '');
}

/** A checked domain name in its stored spelling. @throws BAD_USER_INPUT naming `field` */
export function normalizeDomain(raw: string, field = 'domain'): string {
  const domain = canonicalDomain(raw);
  if (!DOMAIN.test(domain)) {
    throw new DomainError(
      ErrorCode.BAD_USER_INPUT,
      `Invalid domain name: ${raw} (a DNS name such as example.com; IP addresses and numeric top-level labels are refused)`,
      { field },
    );
  }
  return domain;
}
