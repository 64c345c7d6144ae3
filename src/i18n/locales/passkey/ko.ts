import type { PasskeyMessages } from './en.js';

/** Passkeys and security keys, Korean (`ko`). */
export const passkeyKo: PasskeyMessages = {
  'err.passkeyFailed': '패스키를 사용할 수 없습니다. 다시 시도하세요.',
  'passkey.add': '패스키 추가',
  'passkey.use': '패스키 사용',
  'passkey.label': '패스키 이름(선택 사항)',
  'passkey.cancelled': '패스키가 사용되지 않았습니다. 요청이 취소되었거나 시간이 초과되었습니다. 다시 시도하세요.',
  'passkey.registered': '이 패스키는 이미 등록되어 있습니다.',
  'passkey.unsupported': '이 브라우저는 이 사이트에서 패스키를 사용할 수 없습니다.',
  'passkey.added': '패스키가 추가되었습니다.',
  'passkey.intro': '패스키(이 기기, 휴대폰 또는 보안 키)는 암호 입력 후 코드 없이 본인임을 확인합니다.',
};
