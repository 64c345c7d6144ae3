/** Passkeys and security keys (src/pages/passkey.views.ts, static/passkey.js), English. Spread into ../en.ts. */
export const passkeyEn = {
  'err.passkeyFailed': 'The passkey could not be used. Try again.',
  'passkey.add': 'Add a passkey',
  'passkey.use': 'Use a passkey',
  'passkey.label': 'Passkey name (optional)',
  'passkey.cancelled': 'The passkey was not used: the request was cancelled or timed out. Try again.',
  'passkey.registered': 'This passkey is registered already.',
  'passkey.unsupported': 'This browser cannot use passkeys on this site.',
  'passkey.added': 'Your passkey is added.',
  'passkey.intro': 'A passkey (on this device, your phone or a security key) confirms it is you after your password, without a code.',
};

export type PasskeyMessages = typeof passkeyEn;
