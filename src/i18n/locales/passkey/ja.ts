import type { PasskeyMessages } from './en.js';

/** Passkeys and security keys, Japanese (`ja`). */
export const passkeyJa: PasskeyMessages = {
  'err.passkeyFailed': 'パスキーを使用できませんでした。もう一度お試しください。',
  'passkey.add': 'パスキーを追加',
  'passkey.use': 'パスキーを使用',
  'passkey.label': 'パスキーの名前（任意）',
  'passkey.cancelled': 'パスキーは使用されませんでした。要求がキャンセルされたか、タイムアウトしました。もう一度お試しください。',
  'passkey.registered': 'このパスキーは既に登録されています。',
  'passkey.unsupported': 'このブラウザーでは、このサイトでパスキーを使用できません。',
  'passkey.added': 'パスキーを追加しました。',
  'passkey.intro':
    'パスキー（このデバイス、スマートフォン、またはセキュリティ キー）は、パスワードの後にコードなしで本人であることを確認します。',
};
