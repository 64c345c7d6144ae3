import type { PasskeyMessages } from './en.js';

/** Passkeys and security keys, Brazilian Portuguese (`pt-BR`). */
export const passkeyPtBR: PasskeyMessages = {
  'err.passkeyFailed': 'Não foi possível usar a chave de acesso. Tente novamente.',
  'passkey.add': 'Adicionar uma chave de acesso',
  'passkey.use': 'Usar uma chave de acesso',
  'passkey.label': 'Nome da chave de acesso (opcional)',
  'passkey.cancelled': 'A chave de acesso não foi usada: a solicitação foi cancelada ou expirou. Tente novamente.',
  'passkey.registered': 'Esta chave de acesso já está registrada.',
  'passkey.unsupported': 'Este navegador não pode usar chaves de acesso neste site.',
  'passkey.added': 'Sua chave de acesso foi adicionada.',
  'passkey.intro':
    'Uma chave de acesso (neste dispositivo, no seu telefone ou em uma chave de segurança) confirma que é você depois da sua senha, sem código.',
};
