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
};

export function errorCategory(code: ErrorCode) {
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
