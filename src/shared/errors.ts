/**
 * The catalog of domain error codes. Each code is stable: clients branch on it
 * (GraphQL `extensions.code`, CSV row reports, OIDC error pages). Add, never rename.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  INVALID_EMAIL: 'INVALID_EMAIL',
  CONSUMER_EMAIL_NOT_SUPPORTED: 'CONSUMER_EMAIL_NOT_SUPPORTED',
  EMAIL_DOMAIN_OWNED_BY_TENANT: 'EMAIL_DOMAIN_OWNED_BY_TENANT',
  USER_ALREADY_MEMBER: 'USER_ALREADY_MEMBER',
  GUEST_ALREADY_ACCEPTED: 'GUEST_ALREADY_ACCEPTED',
  REDIRECT_URL_NOT_ALLOWED: 'REDIRECT_URL_NOT_ALLOWED',
  UNSUPPORTED_LANGUAGE: 'UNSUPPORTED_LANGUAGE',
  TOO_MANY_CC_RECIPIENTS: 'TOO_MANY_CC_RECIPIENTS',
  INVITATION_NOT_PENDING: 'INVITATION_NOT_PENDING',
  INVALID_REPLY_URL: 'INVALID_REPLY_URL',
  CANNOT_MODIFY_SELF: 'CANNOT_MODIFY_SELF',
  CSV_INVALID_FILE_TYPE: 'CSV_INVALID_FILE_TYPE',
  CSV_FILE_TOO_LARGE: 'CSV_FILE_TOO_LARGE',
  CSV_MALFORMED: 'CSV_MALFORMED',
  CSV_EMPTY: 'CSV_EMPTY',
  CSV_UNKNOWN_COLUMN: 'CSV_UNKNOWN_COLUMN',
  CSV_MISSING_COLUMN: 'CSV_MISSING_COLUMN',
  CSV_DUPLICATE_COLUMN: 'CSV_DUPLICATE_COLUMN',
  CSV_TOO_MANY_ROWS: 'CSV_TOO_MANY_ROWS',
  CSV_BAD_ROW: 'CSV_BAD_ROW',
  DUPLICATE_IN_FILE: 'DUPLICATE_IN_FILE',
  ALREADY_INVITED_BY_UPLOAD: 'ALREADY_INVITED_BY_UPLOAD',
  WRITE_FAILED: 'WRITE_FAILED',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  INVALID_CODE: 'INVALID_CODE',
  SIGN_UP_NOT_ALLOWED: 'SIGN_UP_NOT_ALLOWED',
  INVITATION_INVALID: 'INVITATION_INVALID',
  INVITATION_EXPIRED: 'INVITATION_EXPIRED',
  WRONG_ACCOUNT: 'WRONG_ACCOUNT',
  ACCESS_DENIED: 'ACCESS_DENIED',
  DOMAIN_NOT_ALLOWED: 'DOMAIN_NOT_ALLOWED',
  FEDERATION_FAILED: 'FEDERATION_FAILED',
  GRANT_NOT_ALLOWED: 'GRANT_NOT_ALLOWED',
  QUERY_TOO_LARGE: 'QUERY_TOO_LARGE',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  INVITATION_MAIL_LIMIT: 'INVITATION_MAIL_LIMIT',
  /** A form without this browser session's token (forged, or the session expired): src/http/browser.ts. */
  CSRF_TOKEN_INVALID: 'CSRF_TOKEN_INVALID',
  DOMAIN_NOT_VERIFIED: 'DOMAIN_NOT_VERIFIED',
  DOMAIN_HELD_BY_SELF_SERVICE_TENANT: 'DOMAIN_HELD_BY_SELF_SERVICE_TENANT',
  /** sendPasswordReset for a member whose organization's identity provider signs them in: reset it there. */
  FEDERATED_ACCOUNT: 'FEDERATED_ACCOUNT',
  /** sendPasswordReset for a guest (its password belongs to its home account) or a member without a password. */
  NO_PASSWORD_HERE: 'NO_PASSWORD_HERE',
  /** A member's address must be on one of the tenant's verified domains. */
  EMAIL_DOMAIN_NOT_VERIFIED: 'EMAIL_DOMAIN_NOT_VERIFIED',
  /** Resending activation to a user who is not a member waiting for it. */
  ACTIVATION_NOT_PENDING: 'ACTIVATION_NOT_PENDING',
  /** An activation link that is unknown, used or expired (a page offers a new one). */
  ACTIVATION_LINK_INVALID: 'ACTIVATION_LINK_INVALID',
  /** A time range whose start is after its end (the `auditEvents` filter). */
  INVALID_TIME_RANGE: 'INVALID_TIME_RANGE',
  /** updateSecurityPolicy with a value out of range (`details.field`): src/policies/policy-input.ts. */
  INVALID_SECURITY_POLICY: 'INVALID_SECURITY_POLICY',
  /** A second-factor code (authenticator app or recovery code) that is wrong, used already, or replayed. */
  MFA_CODE_INVALID: 'MFA_CODE_INVALID',
  /** Managing sign-in methods needs a second factor in this browser first (step-up at /mfa). */
  MFA_REQUIRED: 'MFA_REQUIRED',
  /** Changing sign-in methods of an account without one needs a sign-in in the last ten minutes (MfaService.proofOwed). */
  REAUTHENTICATION_REQUIRED: 'REAUTHENTICATION_REQUIRED',
  /** Removing the last sign-in method while a policy requires multi-factor sign-in. */
  MFA_LAST_METHOD: 'MFA_LAST_METHOD',
  /** resetUserMfa for a guest: its methods belong to its home account, reset in the home tenant. */
  MFA_HOME_ACCOUNT_ELSEWHERE: 'MFA_HOME_ACCOUNT_ELSEWHERE',
  /** A passkey ceremony that did not hold: wrong origin or RP id, an expired, used or foreign challenge, another person's key, a counter that went back. */
  PASSKEY_FAILED: 'PASSKEY_FAILED',
  /** Deleting the admin console's own app: the console would register it again; revoke its API grant instead. */
  APPLICATION_PROTECTED: 'APPLICATION_PROTECTED',
  /** An invitation giving an app no person signs in to (a client-credentials-only client, the console's app). */
  APPLICATION_NOT_FOR_PEOPLE: 'APPLICATION_NOT_FOR_PEOPLE',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Coarse class of each code, so clients can also branch on a handful of categories. */
const CATEGORY: Record<ErrorCode, 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT'> = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  INVALID_EMAIL: 'BAD_USER_INPUT',
  CONSUMER_EMAIL_NOT_SUPPORTED: 'BAD_USER_INPUT',
  EMAIL_DOMAIN_OWNED_BY_TENANT: 'BAD_USER_INPUT',
  USER_ALREADY_MEMBER: 'CONFLICT',
  GUEST_ALREADY_ACCEPTED: 'CONFLICT',
  REDIRECT_URL_NOT_ALLOWED: 'BAD_USER_INPUT',
  UNSUPPORTED_LANGUAGE: 'BAD_USER_INPUT',
  TOO_MANY_CC_RECIPIENTS: 'BAD_USER_INPUT',
  INVITATION_NOT_PENDING: 'CONFLICT',
  INVALID_REPLY_URL: 'BAD_USER_INPUT',
  CANNOT_MODIFY_SELF: 'CONFLICT',
  CSV_INVALID_FILE_TYPE: 'BAD_USER_INPUT',
  CSV_FILE_TOO_LARGE: 'BAD_USER_INPUT',
  CSV_MALFORMED: 'BAD_USER_INPUT',
  CSV_EMPTY: 'BAD_USER_INPUT',
  CSV_UNKNOWN_COLUMN: 'BAD_USER_INPUT',
  CSV_MISSING_COLUMN: 'BAD_USER_INPUT',
  CSV_DUPLICATE_COLUMN: 'BAD_USER_INPUT',
  CSV_TOO_MANY_ROWS: 'BAD_USER_INPUT',
  CSV_BAD_ROW: 'BAD_USER_INPUT',
  DUPLICATE_IN_FILE: 'CONFLICT',
  ALREADY_INVITED_BY_UPLOAD: 'CONFLICT',
  WRITE_FAILED: 'CONFLICT',
  WEAK_PASSWORD: 'BAD_USER_INPUT',
  INVALID_CREDENTIALS: 'UNAUTHENTICATED',
  TOO_MANY_ATTEMPTS: 'FORBIDDEN',
  INVALID_CODE: 'BAD_USER_INPUT',
  SIGN_UP_NOT_ALLOWED: 'FORBIDDEN',
  INVITATION_INVALID: 'NOT_FOUND',
  INVITATION_EXPIRED: 'CONFLICT',
  WRONG_ACCOUNT: 'CONFLICT',
  ACCESS_DENIED: 'FORBIDDEN',
  DOMAIN_NOT_ALLOWED: 'BAD_USER_INPUT',
  FEDERATION_FAILED: 'FORBIDDEN',
  GRANT_NOT_ALLOWED: 'FORBIDDEN',
  QUERY_TOO_LARGE: 'BAD_USER_INPUT',
  QUERY_TOO_DEEP: 'BAD_USER_INPUT',
  TOO_MANY_ALIASES: 'BAD_USER_INPUT',
  TOO_MANY_DIRECTIVES: 'BAD_USER_INPUT',
  QUERY_TOO_COMPLEX: 'BAD_USER_INPUT',
  INVITATION_MAIL_LIMIT: 'FORBIDDEN',
  CSRF_TOKEN_INVALID: 'FORBIDDEN',
  DOMAIN_NOT_VERIFIED: 'CONFLICT',
  DOMAIN_HELD_BY_SELF_SERVICE_TENANT: 'CONFLICT',
  FEDERATED_ACCOUNT: 'CONFLICT',
  NO_PASSWORD_HERE: 'CONFLICT',
  EMAIL_DOMAIN_NOT_VERIFIED: 'BAD_USER_INPUT',
  ACTIVATION_NOT_PENDING: 'CONFLICT',
  ACTIVATION_LINK_INVALID: 'NOT_FOUND',
  INVALID_TIME_RANGE: 'BAD_USER_INPUT',
  INVALID_SECURITY_POLICY: 'BAD_USER_INPUT',
  MFA_CODE_INVALID: 'BAD_USER_INPUT',
  MFA_REQUIRED: 'FORBIDDEN',
  REAUTHENTICATION_REQUIRED: 'UNAUTHENTICATED',
  MFA_LAST_METHOD: 'CONFLICT',
  MFA_HOME_ACCOUNT_ELSEWHERE: 'CONFLICT',
  PASSKEY_FAILED: 'BAD_USER_INPUT',
  APPLICATION_PROTECTED: 'CONFLICT',
  APPLICATION_NOT_FOR_PEOPLE: 'BAD_USER_INPUT',
};

export type ErrorCategory = (typeof CATEGORY)[ErrorCode];

export function errorCategory(code: ErrorCode): ErrorCategory {
  return CATEGORY[code];
}

/** An expected failure with a code from the catalog; safe to show to the caller. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function notFound(entity: string, id: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `${entity} ${id} was not found`, { entity, id });
}
