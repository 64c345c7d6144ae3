import type { PasskeyMessages } from './en.js';

/** Passkeys and security keys, German (`de`). */
export const passkeyDe: PasskeyMessages = {
  'err.passkeyFailed': 'Der Passkey konnte nicht verwendet werden. Versuchen Sie es erneut.',
  'passkey.add': 'Passkey hinzufügen',
  'passkey.use': 'Passkey verwenden',
  'passkey.label': 'Name des Passkeys (optional)',
  'passkey.cancelled': 'Der Passkey wurde nicht verwendet: Die Anfrage wurde abgebrochen oder ist abgelaufen. Versuchen Sie es erneut.',
  'passkey.registered': 'Dieser Passkey ist bereits registriert.',
  'passkey.unsupported': 'Dieser Browser kann auf dieser Website keine Passkeys verwenden.',
  'passkey.added': 'Ihr Passkey wurde hinzugefügt.',
  'passkey.intro':
    'Ein Passkey (auf diesem Gerät, Ihrem Telefon oder einem Sicherheitsschlüssel) bestätigt nach Ihrem Passwort, dass Sie es sind – ohne Code.',
};
