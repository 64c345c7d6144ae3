import type { ErrorCode } from '../shared/errors.js';
import { type MessageKey, translate } from './catalog.js';

/** The domain errors a page explains in the reader's language, each with its message. */
const PAGE_ERRORS = {
  INVITATION_INVALID: 'err.invitationInvalid',
  INVITATION_EXPIRED: 'err.invitationExpired',
  DOMAIN_NOT_ALLOWED: 'err.domainNotAllowed',
  SIGN_UP_NOT_ALLOWED: 'err.signUpNotAllowed',
  WRONG_ACCOUNT: 'err.wrongAccount',
  INVALID_CREDENTIALS: 'err.invalidCredentials',
  INVALID_CODE: 'err.invalidCode',
  TOO_MANY_ATTEMPTS: 'err.tooManyAttempts',
  ACCESS_DENIED: 'err.accessDenied',
  FEDERATION_FAILED: 'err.federationFailed',
  WEAK_PASSWORD: 'err.weakPassword',
  CSRF_TOKEN_INVALID: 'err.formExpired',
  FORBIDDEN: 'err.forbidden',
  MFA_CODE_INVALID: 'err.mfaCodeInvalid',
  MFA_REQUIRED: 'err.mfaRequired',
  REAUTHENTICATION_REQUIRED: 'err.reauthenticate',
  MFA_LAST_METHOD: 'err.mfaLastMethod',
  PASSKEY_FAILED: 'err.passkeyFailed',
} as const satisfies Partial<Record<ErrorCode, MessageKey>>;

export type PageErrorCode = keyof typeof PAGE_ERRORS;

function isPageErrorCode(code: string): code is PageErrorCode {
  return Object.hasOwn(PAGE_ERRORS, code);
}

/**
 * A refusal shown on a page: in English the domain error's own, most specific message; in the other
 * languages the catalogue's translation of its code (with the details it names). A code without a
 * page message keeps the domain message.
 */
export function errorText(language: string, error: { code: string; message: string; details?: Record<string, unknown> }): string {
  if (language === 'en' || !isPageErrorCode(error.code)) return error.message;
  const values = Object.fromEntries(Object.entries(error.details ?? {}).map(([k, v]) => [k, String(v)]));
  return translate(language, PAGE_ERRORS[error.code], values);
}
