import type { PasskeyMessages } from './en.js';

/** Passkeys and security keys, Traditional Chinese (`zh-HANT`). */
export const passkeyZhHANT: PasskeyMessages = {
  'err.passkeyFailed': '無法使用密碼金鑰。請再試一次。',
  'passkey.add': '新增密碼金鑰',
  'passkey.use': '使用密碼金鑰',
  'passkey.label': '密碼金鑰名稱（選填）',
  'passkey.cancelled': '未使用密碼金鑰：要求已取消或逾時。請再試一次。',
  'passkey.registered': '此密碼金鑰已註冊。',
  'passkey.unsupported': '此瀏覽器無法在本網站上使用密碼金鑰。',
  'passkey.added': '已新增您的密碼金鑰。',
  'passkey.intro': '密碼金鑰（在此裝置、您的手機或安全性金鑰上）會在輸入密碼後確認是您本人，不需要代碼。',
};
