import { DomainError, ErrorCode } from '../shared/errors.js';
import { MAX_URL_LENGTH, urlTooLong } from '../shared/urls.js';

// Where a guest lands after redemption; validateInvite (invitation.policy.ts) checks it with the apps
// the invitation grants.

/**
 * No open redirect: the URL must equal a reply URL or the homepage of an app being granted
 * (`landingUrlsOf`), or be https on a host the tenant allows (`host` exactly, or `*.suffix` for its
 * subdomains). Empty means the access panel. `source` names where the URL came from (the GraphQL
 * field, or the CSV column as its header spells it) in the refusal, which also names the URL.
 * @throws REDIRECT_URL_NOT_ALLOWED
 */
export function checkRedirectUrl(
  raw: string | null | undefined,
  grantedUrls: readonly string[],
  allowedHosts: readonly string[],
  source = 'redirectUrl',
): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  const url = URL.parse(value);
  const refuse = () =>
    new DomainError(
      ErrorCode.REDIRECT_URL_NOT_ALLOWED,
      `The redirect URL ${JSON.stringify(value.slice(0, 300))} in ${source} is not allowed: it must be a reply URL or the homepage of an application granted by this invitation, or https on a host the tenant allows`,
      { field: 'redirectUrl' },
    );
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) throw refuse();
  if (url.href.length > MAX_URL_LENGTH) throw urlTooLong(source);
  if (grantedUrls.includes(url.href)) return url.href;
  if (url.protocol === 'https:' && allowedHosts.some((pattern) => hostMatches(url.hostname, pattern))) return url.href;
  throw refuse();
}

/**
 * A CSV's redirect cell as a URL: without a scheme (`contoso.my.salesforce.com`, the documentation's
 * example) it is read as https; anything with one is left for checkRedirectUrl to judge.
 */
export function csvRedirectUrl(raw: string | null | undefined): string | null {
  const value = raw?.trim() ?? '';
  if (value === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value || null;
  return `https://${value.replace(/^\/\//, '')}`;
}

function hostMatches(host: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  return p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p;
}
