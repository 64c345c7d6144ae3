import { type ErrorCode, type ErrorCategory, errorCategory } from './errors.js';

/**
 * The HTTP status of a refusal, for every transport that answers with one (pages, the OIDC
 * interaction pages, the federation callback). One map from an error's category to a status, and
 * the few codes whose status says more than their category's.
 */
const BY_CATEGORY: Record<ErrorCategory, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
};

const BY_CODE: Partial<Record<ErrorCode, number>> = {
  INVITATION_EXPIRED: 410,
  TOO_MANY_ATTEMPTS: 429,
};

export function httpStatus(code: ErrorCode): number {
  return BY_CODE[code] ?? BY_CATEGORY[errorCategory(code)];
}
