import type { PasskeyMessages } from './en.js';

/** Passkeys and security keys, French (`fr`). */
export const passkeyFr: PasskeyMessages = {
  'err.passkeyFailed': 'La clé d’accès n’a pas pu être utilisée. Réessayez.',
  'passkey.add': 'Ajouter une clé d’accès',
  'passkey.use': 'Utiliser une clé d’accès',
  'passkey.label': 'Nom de la clé d’accès (facultatif)',
  'passkey.cancelled': 'La clé d’accès n’a pas été utilisée : la demande a été annulée ou a expiré. Réessayez.',
  'passkey.registered': 'Cette clé d’accès est déjà enregistrée.',
  'passkey.unsupported': 'Ce navigateur ne peut pas utiliser de clés d’accès sur ce site.',
  'passkey.added': 'Votre clé d’accès est ajoutée.',
  'passkey.intro':
    'Une clé d’accès (sur cet appareil, votre téléphone ou une clé de sécurité) confirme que c’est bien vous après votre mot de passe, sans code.',
};
