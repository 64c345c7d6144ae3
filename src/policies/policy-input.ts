import { SUPPORTED_LANGUAGES } from '../i18n/languages.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { isLoopbackHost } from '../shared/loopback.js';
import { type PolicyValues, TermsAudience } from './security-policy.entity.js';

/** A change to a policy: omitted fields stay; null clears an optional one. */
export type PolicyChanges = Partial<Omit<PolicyValues, 'tenantId'>>;

const MAX_MINUTES = 365 * 24 * 60;

const invalid = (field: string, message: string) => new DomainError(ErrorCode.INVALID_SECURITY_POLICY, message, { field });

/** A duration in minutes: null (no limit), or a whole number from 5 minutes to a year. */
function checkMinutes(field: string, minutes: number | null): void {
  if (minutes !== null && (!Number.isInteger(minutes) || minutes < 5 || minutes > MAX_MINUTES))
    throw invalid(field, `${field} must be a whole number from 5 to ${MAX_MINUTES}`);
}

function checkUrl(field: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalid(field, `${field} must be an absolute URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname)))
    throw invalid(field, `${field} must use https`);
  if (url.href.length > 2048) throw invalid(field, `${field} is longer than 2048 characters`);
  return url.href;
}

/**
 * The policy after `changes`, validated as a whole (terms for someone need a document and a version).
 * @throws INVALID_SECURITY_POLICY with `details.field`
 */
export function applyPolicyChanges(current: PolicyValues, changes: PolicyChanges): PolicyValues {
  const next: PolicyValues = { ...current };
  for (const [key, value] of Object.entries(changes) as [keyof PolicyChanges, unknown][]) {
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  checkMinutes('signInFrequencyMinutes', next.signInFrequencyMinutes);
  checkMinutes('sessionLifetimeMinutes', next.sessionLifetimeMinutes);
  if (!Object.values(TermsAudience).includes(next.termsAudience)) throw invalid('termsAudience', 'Unknown terms audience');
  if (next.termsUrl !== null) next.termsUrl = checkUrl('termsUrl', next.termsUrl);
  if (next.termsVersion !== null) {
    next.termsVersion = next.termsVersion.trim();
    if (!/^[\x21-\x7e][\x20-\x7e]{0,63}$/.test(next.termsVersion) || next.termsVersion.length > 64)
      throw invalid('termsVersion', 'termsVersion must be 1 to 64 printable ASCII characters');
  }
  if (next.termsUrls !== null) {
    const urls: Record<string, string> = {};
    for (const [language, url] of Object.entries(next.termsUrls)) {
      if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(language))
        throw invalid('termsUrls', `${language} is not one of the supported languages`);
      urls[language] = checkUrl('termsUrls', url);
    }
    next.termsUrls = Object.keys(urls).length ? urls : null;
  }
  if (next.termsAudience !== TermsAudience.None && (!next.termsUrl || !next.termsVersion))
    throw invalid(next.termsUrl ? 'termsVersion' : 'termsUrl', 'Terms of use for someone need a document URL and a version');
  return next;
}

/** The document to show in `language`: its own when given, else the default. */
export function termsUrlFor(policy: Pick<PolicyValues, 'termsUrl' | 'termsUrls'>, language: string): string | null {
  return policy.termsUrls?.[language] ?? policy.termsUrl;
}
