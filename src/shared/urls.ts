import { DomainError, ErrorCode } from './errors.js';

/** An optional http(s) URL from input: empty means null. @throws BAD_USER_INPUT */
export function optionalHttpUrl(raw: string | null | undefined, field: string): string | null {
  if (raw == null || raw.trim() === '') return null;
  const url = URL.parse(raw.trim());
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must be an http(s) URL`, { field });
  }
  return url.href;
}

/** An optional `#rrggbb` colour. @throws BAD_USER_INPUT */
export function optionalColor(raw: string | null | undefined, field: string): string | null {
  if (raw == null || raw.trim() === '') return null;
  const value = raw.trim().toLowerCase();
  if (!/^#[0-9a-f]{6}$/.test(value)) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must be a #rrggbb colour`, { field });
  return value;
}
