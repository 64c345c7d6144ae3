import type { PasskeyMessages } from './en.js';

/** Passkeys and security keys, Russian (`ru`). */
export const passkeyRu: PasskeyMessages = {
  'err.passkeyFailed': 'Не удалось использовать ключ доступа. Повторите попытку.',
  'passkey.add': 'Добавить ключ доступа',
  'passkey.use': 'Использовать ключ доступа',
  'passkey.label': 'Название ключа доступа (необязательно)',
  'passkey.cancelled': 'Ключ доступа не был использован: запрос отменён или истекло время ожидания. Повторите попытку.',
  'passkey.registered': 'Этот ключ доступа уже зарегистрирован.',
  'passkey.unsupported': 'Этот браузер не может использовать ключи доступа на этом сайте.',
  'passkey.added': 'Ключ доступа добавлен.',
  'passkey.intro': 'Ключ доступа (на этом устройстве, телефоне или электронном ключе) подтверждает вашу личность после пароля, без кода.',
};
