import { DomainError, ErrorCode } from './errors.js';

/** The longest URL the gateway stores, as written out (`href`): its URL columns hold 2048 characters. */
export const MAX_URL_LENGTH = 2048;

/** A URL's refusal for its length, the same on every database. */
export function urlTooLong(field: string): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must be at most ${MAX_URL_LENGTH} characters`, { field });
}

/** An optional http(s) URL from input, at most MAX_URL_LENGTH: empty means null. @throws BAD_USER_INPUT */
export function optionalHttpUrl(raw: string | null | undefined, field: string): string | null {
  if (raw == null || raw.trim() === '') return null;
  const url = URL.parse(raw.trim());
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must be an http(s) URL`, { field });
  }
  if (url.href.length > MAX_URL_LENGTH) throw urlTooLong(field);
  return url.href;
}

/** An optional `#rrggbb` colour. @throws BAD_USER_INPUT */
export function optionalColor(raw: string | null | undefined, field: string): string | null {
  if (raw == null || raw.trim() === '') return null;
  const value = raw.trim().toLowerCase();
  if (!/^#[0-9a-f]{6}$/.test(value)) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must be a #rrggbb colour`, { field });
  return value;
}

/**
 * Where a page may send the browser back to after a step (`/mfa?return=`): a path on this origin
 * only (one leading `/`, no `//` or backslash that a browser would read as another host, no scheme,
 * no control characters); anything else is `fallback`.
 */
export function sameOriginPath(raw: unknown, fallback: string): string {
  if (typeof raw !== 'string' || raw.length > 2048) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\') || [...raw].some((c) => c < ' ' || c === '\u007f'))
    return fallback;
  const parsed = URL.parse(raw, 'https://gateway.invalid');
  return parsed?.origin === 'https://gateway.invalid' ? raw : fallback;
}

/**
 * A same-origin path (as `sameOriginPath`) that stays under `prefix` once the browser has resolved
 * its dot segments (`..`, also written `%2e%2e`): the resolved path and query are what is returned,
 * so the check and the redirect see the same address. Anything else is `fallback`.
 */
export function pathWithin(raw: unknown, prefix: string, fallback: string): string {
  const path = sameOriginPath(raw, '');
  if (!path) return fallback;
  const resolved = new URL(path, 'https://gateway.invalid');
  return resolved.pathname.startsWith(prefix) ? resolved.pathname + resolved.search : fallback;
}
