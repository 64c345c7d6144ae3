import type { Request } from 'express';
import { DomainError, ErrorCode } from '../shared/errors.js';

/** The HTTP status of a page that explains a refusal: one table for every page. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  NOT_FOUND: 404, INVITATION_INVALID: 404, INVITATION_EXPIRED: 410, FORBIDDEN: 403, ACCESS_DENIED: 403, SIGN_UP_NOT_ALLOWED: 403,
  FEDERATION_FAILED: 403, INVALID_CREDENTIALS: 401, TOO_MANY_ATTEMPTS: 429, WRONG_ACCOUNT: 409,
};

export function pageStatus(error: DomainError): number {
  return STATUS[error.code] ?? 400;
}

/**
 * Pages read each query parameter once; a repeated one (`?ticket=a&ticket=b`) or a nested one
 * (`?a[b]=c`) is a malformed link, refused before any handler sees a non-string value.
 * @throws BAD_USER_INPUT
 */
export function checkQuery(req: Request): void {
  for (const [name, value] of Object.entries(req.query)) {
    if (typeof value !== 'string') throw new DomainError(ErrorCode.BAD_USER_INPUT, `This link is malformed: the parameter "${name}" appears more than once.`);
  }
}
