import type { PasskeyMessages } from './en.js';

/** Passkeys and security keys, Spanish (`es`). */
export const passkeyEs: PasskeyMessages = {
  'err.passkeyFailed': 'No se pudo usar la llave de acceso. Inténtelo de nuevo.',
  'passkey.add': 'Añadir una llave de acceso',
  'passkey.use': 'Usar una llave de acceso',
  'passkey.label': 'Nombre de la llave de acceso (opcional)',
  'passkey.cancelled': 'No se usó la llave de acceso: la solicitud se canceló o caducó. Inténtelo de nuevo.',
  'passkey.registered': 'Esta llave de acceso ya está registrada.',
  'passkey.unsupported': 'Este navegador no puede usar llaves de acceso en este sitio.',
  'passkey.added': 'Se ha añadido su llave de acceso.',
  'passkey.intro':
    'Una llave de acceso (en este dispositivo, su teléfono o una llave de seguridad) confirma que es usted después de su contraseña, sin código.',
};
