import type { Application } from './application.entity.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { isLoopbackHost } from '../shared/loopback.js';
import { MAX_URL_LENGTH } from '../shared/urls.js';

export const MAX_REPLY_URLS = 50;

/**
 * Validates reply URLs (OIDC redirect URIs, SAML ACS and logout URLs): absolute, https (http only on
 * loopback, for development), no fragment, no credentials, at most MAX_URL_LENGTH characters. Returns them normalised and de-duplicated.
 * @throws INVALID_REPLY_URL
 */
export function normalizeReplyUrls(urls: readonly string[]): string[] {
  if (urls.length > MAX_REPLY_URLS) {
    throw new DomainError(ErrorCode.INVALID_REPLY_URL, `At most ${MAX_REPLY_URLS} reply URLs are allowed`);
  }
  return [...new Set(urls.map(normalizeReplyUrl))];
}

/** The reply URL rule's scheme: https, or http on a loopback host (development only). */
export function isHttpsOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/**
 * Where an invitation that grants the app may send the guest after redemption: its reply URLs and
 * its homepage (the address its access panel tile opens), the homepage only when it passes the reply
 * URL rule's scheme (https, or http on loopback).
 */
export function landingUrlsOf(app: Pick<Application, 'replyUrls' | 'homepageUrl'>): string[] {
  const homepage = app.homepageUrl ? URL.parse(app.homepageUrl) : null;
  return [...app.replyUrls, ...(homepage && isHttpsOrLoopback(homepage) ? [homepage.href] : [])];
}

function normalizeReplyUrl(raw: string): string {
  const url = URL.parse(raw.trim());
  const fail = (why: string) =>
    new DomainError(ErrorCode.INVALID_REPLY_URL, `Invalid reply URL ${JSON.stringify(raw)}: ${why}`, { url: raw });
  if (!url) throw fail('not an absolute URL');
  if (!isHttpsOrLoopback(url)) {
    throw fail('must use https (http is allowed only for localhost)');
  }
  if (url.hash) throw fail('must not contain a fragment');
  if (url.username || url.password) throw fail('must not contain credentials');
  if (url.href.length > MAX_URL_LENGTH) throw fail(`must be at most ${MAX_URL_LENGTH} characters`);
  return url.href;
}
