import { isHttpsOrLoopback } from '../apps/reply-urls.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { sameOriginPath } from '../shared/urls.js';

/** The longest RelayState the gateway takes or sends (saml-bindings 3.4.3 and 3.5.3 ask SPs for at most 80 bytes; SPs send more). */
export const MAX_RELAY_STATE = 1024;

const hasControl = (value: string) => [...value].some((c) => c < ' ' || c === '\u007f');
const hasScheme = (value: string) => /^[a-z][a-z0-9+.-]*:/i.test(value);

/**
 * An app's configured relay state (Entra's "Relay State (Optional)" of the Basic SAML Configuration):
 * where the SP sends the person after an IdP-initiated sign-in. Empty means none. A path, an opaque
 * value the SP maps (SAP's relay state aliases), or an absolute URL; an absolute URL must be https
 * (http only on loopback), so no `javascript:` or `data:` value ever reaches an SP that redirects to
 * it. Another origin than the ACS URLs' is allowed here (AWS signs in at signin.aws.amazon.com and
 * lands on console.aws.amazon.com): the administrator who registers the ACS URLs vouches for it.
 * @throws BAD_USER_INPUT (`details.field` = `relayState`)
 */
export function configuredRelayState(raw: string | null | undefined): string | null {
  const value = raw?.trim() ?? '';
  if (!value) return null;
  const bad = (why: string) => new DomainError(ErrorCode.BAD_USER_INPUT, `relayState ${why}`, { field: 'relayState' });
  if (value.length > MAX_RELAY_STATE) throw bad(`must be at most ${MAX_RELAY_STATE} characters`);
  if (hasControl(value) || /\s/.test(value)) throw bad('must not contain spaces or control characters');
  if (hasScheme(value)) {
    const url = URL.parse(value);
    if (!url || !isHttpsOrLoopback(url) || url.username || url.password)
      throw bad('must be a path, a value the app understands, or an https URL');
  }
  return value;
}

/**
 * Whether a RelayState sent in the query of an IdP-initiated sign-in may go to the SP. Anyone can
 * send a signed-in person such a link, and the gateway then posts a valid assertion with it, so it is
 * an open redirect through a trusted flow unless it can only name the app itself: a path on the SP's
 * own origin (`sameOriginPath`: one leading `/`, no `//` or backslash a browser reads as another
 * host, no control characters), or an absolute URL on the origin of one of the app's ACS URLs or of
 * its configured relay state (the origins the administrator vouched for). An opaque value is refused
 * too: what it names is the SP's to say (an alias it maps), so only an administrator may set one.
 */
export function isSafeDeepLink(value: string, acsUrls: readonly string[], configured: string | null): boolean {
  if (value.startsWith('/')) return sameOriginPath(value, '') === value;
  const url = URL.parse(value);
  // The origin compared below is an https (or loopback http) one: ACS URLs and the configured relay state are.
  if (!url || url.username || url.password || hasControl(value)) return false;
  const origins = [...acsUrls, ...(configured && hasScheme(configured) ? [configured] : [])].map((u) => URL.parse(u)?.origin);
  return origins.includes(url.origin);
}
