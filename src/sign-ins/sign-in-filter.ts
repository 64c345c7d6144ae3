import { checkTimeRange } from '../audit/audit-filter.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import type { SignInKind, SignInResult } from './sign-in-event.entity.js';

/** What `signIns` narrows the log to; every field is optional and they combine with AND. */
export interface SignInFilter {
  /** Entries of this account of the tenant (a member or a guest). */
  userId?: string | null;
  applicationId?: string | null;
  kind?: SignInKind | null;
  result?: SignInResult | null;
  /** Entries at or after this moment. */
  from?: Date | null;
  /** Entries at or before this moment. */
  to?: Date | null;
}

/** Ids are 36 characters; a longer value cannot match. */
const MAX_ID_LENGTH = 64;

/**
 * Checks a filter before it reaches the database: a range that ends before it starts is
 * INVALID_TIME_RANGE (as in the audit log), an empty or overlong id BAD_USER_INPUT naming the argument.
 * @throws INVALID_TIME_RANGE, BAD_USER_INPUT
 */
export function checkSignInFilter(filter: SignInFilter): SignInFilter {
  for (const [argument, value] of [
    ['filter.userId', filter.userId],
    ['filter.applicationId', filter.applicationId],
  ] as const) {
    if (value != null && (value.trim() === '' || value.length > MAX_ID_LENGTH))
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `${argument.slice(7)} must not be empty or longer than ${MAX_ID_LENGTH} characters`, {
        argument,
      });
  }
  checkTimeRange(filter.from, filter.to);
  return filter;
}
