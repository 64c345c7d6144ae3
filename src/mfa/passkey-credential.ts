import { passkeyFailed } from './ceremony.js';

/**
 * The longest credential id WebAuthn allows (`credentialIdLength` at most 1023 bytes, WebAuthn §6.5.1),
 * base64url: the width of `mfa_method.credentialId`.
 */
export const MAX_CREDENTIAL_ID_LENGTH = Math.ceil((1023 * 4) / 3);

/** The transports WebAuthn names (AuthenticatorTransport); the browser may send others, which mean nothing here. */
const TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/**
 * A registered credential's id as stored: the authenticator data's own length field allows 65535
 * bytes, and the library takes any, so a longer id than WebAuthn's is the browser's error
 * (PASSKEY_FAILED), never a server error at the insert. @throws PASSKEY_FAILED
 */
export function storedCredentialId(id: string): string {
  if (!id || id.length > MAX_CREDENTIAL_ID_LENGTH) throw passkeyFailed('This passkey’s credential id is longer than WebAuthn allows.');
  return id;
}

/**
 * The transports the browser reported, as stored (`mfa_method.transports`, 128 characters): only the
 * ones WebAuthn names, each once, in order; null when none. The list is the client's to send, so it
 * is filtered, not trusted.
 */
export function storedTransports(reported: unknown): string | null {
  const known = Array.isArray(reported) ? reported.filter((t): t is string => typeof t === 'string' && TRANSPORTS.has(t)) : [];
  return known.length ? [...new Set(known)].join(',') : null;
}
