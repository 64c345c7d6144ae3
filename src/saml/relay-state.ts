import { isHttpsOrLoopback } from '../apps/reply-urls.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { sameOriginPath } from '../shared/urls.js';

/** The longest RelayState the gateway takes or sends (saml-bindings 3.4.3 and 3.5.3 ask SPs for at most 80 bytes; SPs send more). */
export const MAX_RELAY_STATE = 1024;

// Control characters, and the invisible format ones (zero-width space, soft hyphen, bidi marks) that hide a scheme.
const hasControl = (value: string) => [...value].some((c) => c < ' ' || c === '\u007f') || /\p{Cf}/u.test(value);
const hasScheme = (value: string) => /^[a-z][a-z0-9+.-]*:/i.test(value);

/** The value with its percent-encoding undone once, as an SP that decodes it again reads it; null when it is not valid. */
function decodedOnce(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

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
  // Checked as written and decoded once: `java%73cript:` is `javascript:` to an SP that decodes it.
  for (const spelling of [value, decodedOnce(value) ?? value]) {
    if (hasControl(spelling)) throw bad('must not contain spaces or control characters');
    if (!hasScheme(spelling)) continue;
    const url = URL.parse(spelling);
    if (!url || !isHttpsOrLoopback(url) || url.username || url.password)
      throw bad('must be a path, a value the app understands, or an https URL');
  }
  return value;
}

/**
 * The RelayState to send for one sent in the query of an IdP-initiated sign-in, or null when it may
 * not go to the SP. Anyone can send a signed-in person such a link, and the gateway then posts a valid
 * assertion with it, so it is an open redirect through a trusted flow unless it can only name the app
 * itself: a path on the SP's own origin (`sameOriginPath`: one leading `/`, no `//` or backslash a
 * browser reads as another host, no control characters; also once percent-decoded, so `/%2F%2Fevil`
 * is no `//evil` to an SP that decodes it again), or an http(s) URL on the origin of one of the app's
 * ACS URLs or of its configured relay state (the origins the administrator vouched for), sent as the
 * WHATWG parser wrote it out: the host checked is the host sent, for an SP whose URL parser reads
 * `https://app\@evil.example/` or a full-width dot differently. An opaque value is refused too: what
 * it names is the SP's to say (an alias it maps), so only an administrator may set one.
 */
export function safeDeepLink(value: string, acsUrls: readonly string[], configured: string | null): string | null {
  if (value.startsWith('/')) {
    const decoded = decodedOnce(value);
    return sameOriginPath(value, '') === value && decoded !== null && sameOriginPath(decoded, '') === decoded ? value : null;
  }
  const url = URL.parse(value);
  // The origin compared below is an https (or loopback http) one: ACS URLs and the configured relay state are.
  if (!url || url.username || url.password || hasControl(value) || value.includes('\\')) return null;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const origins = [...acsUrls, ...(configured && hasScheme(configured) ? [configured] : [])].map((u) => URL.parse(u)?.origin);
  return origins.includes(url.origin) ? url.href : null;
}
