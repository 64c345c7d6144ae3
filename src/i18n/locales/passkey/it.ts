import type { PasskeyMessages } from './en.js';

/** Passkeys and security keys, Italian (`it`). */
export const passkeyIt: PasskeyMessages = {
  'err.passkeyFailed': 'Non è stato possibile usare la passkey. Riprova.',
  'passkey.add': 'Aggiungi una passkey',
  'passkey.use': 'Usa una passkey',
  'passkey.label': 'Nome della passkey (facoltativo)',
  'passkey.cancelled': 'La passkey non è stata usata: la richiesta è stata annullata o è scaduta. Riprova.',
  'passkey.registered': 'Questa passkey è già registrata.',
  'passkey.unsupported': 'Questo browser non può usare passkey su questo sito.',
  'passkey.added': 'La tua passkey è stata aggiunta.',
  'passkey.intro':
    'Una passkey (su questo dispositivo, sul telefono o su una chiave di sicurezza) conferma che sei tu dopo la password, senza codice.',
};
