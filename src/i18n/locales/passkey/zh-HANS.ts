import type { PasskeyMessages } from './en.js';

/** Passkeys and security keys, Simplified Chinese (`zh-HANS`). */
export const passkeyZhHANS: PasskeyMessages = {
  'err.passkeyFailed': '无法使用通行密钥。请重试。',
  'passkey.add': '添加通行密钥',
  'passkey.use': '使用通行密钥',
  'passkey.label': '通行密钥名称（可选）',
  'passkey.cancelled': '未使用通行密钥：请求已取消或超时。请重试。',
  'passkey.registered': '此通行密钥已注册。',
  'passkey.unsupported': '此浏览器无法在本网站上使用通行密钥。',
  'passkey.added': '已添加你的通行密钥。',
  'passkey.intro': '通行密钥（在此设备、你的手机或安全密钥上）会在输入密码后确认是你本人，无需代码。',
};
