import { DomainError, ErrorCode } from '../shared/errors.js';

/** What `auditEvents` narrows the log to; every field is optional and they combine with AND. */
export interface AuditFilter {
  /** Any of these actions (the documented names, e.g. "Viral user creation."). */
  actions?: string[] | null;
  targetId?: string | null;
  actorId?: string | null;
  /** Events at or after this moment. */
  from?: Date | null;
  /** Events at or before this moment. */
  to?: Date | null;
}

export const MAX_FILTER_ACTIONS = 50;
/** The width of `audit_event.action` (and of an actor id, 36): longer values cannot match. */
const MAX_VALUE_LENGTH = 128;
/** The width of `audit_event.targetId`: a domain target is its name, up to 253 characters. */
const MAX_TARGET_LENGTH = 255;

/**
 * Checks a filter before it reaches the database, so a bad one gets a stable code rather than an
 * empty page: a range that ends before it starts is INVALID_TIME_RANGE, anything else malformed
 * BAD_USER_INPUT naming the argument.
 * @throws INVALID_TIME_RANGE, BAD_USER_INPUT
 */
export function checkAuditFilter(filter: AuditFilter): AuditFilter {
  const { actions, targetId, actorId, from, to } = filter;
  if (actions) {
    if (actions.length === 0 || actions.length > MAX_FILTER_ACTIONS) {
      throw badInput('filter.actions', `actions must list 1 to ${MAX_FILTER_ACTIONS} actions (omit it for all)`);
    }
    if (actions.some((a) => a.trim() === '' || a.length > MAX_VALUE_LENGTH))
      throw badInput('filter.actions', 'actions must not be empty or longer than 128 characters');
  }
  for (const [argument, value, max] of [
    ['filter.targetId', targetId, MAX_TARGET_LENGTH],
    ['filter.actorId', actorId, MAX_VALUE_LENGTH],
  ] as const) {
    if (value != null && (value.trim() === '' || value.length > max))
      throw badInput(argument, `${argument.slice(7)} must not be empty or longer than ${max} characters`);
  }
  checkTimeRange(from, to);
  return filter;
}

/**
 * A `filter.from` / `filter.to` pair of a log listing (the audit log, the sign-in log): valid dates,
 * and a range that does not end before it starts.
 * @throws INVALID_TIME_RANGE, BAD_USER_INPUT
 */
export function checkTimeRange(from: Date | null | undefined, to: Date | null | undefined): void {
  for (const [argument, value] of [
    ['filter.from', from],
    ['filter.to', to],
  ] as const) {
    if (value != null && Number.isNaN(value.getTime())) throw badInput(argument, `${argument.slice(7)} is not a valid date and time`);
  }
  if (from && to && from.getTime() > to.getTime()) {
    throw new DomainError(
      ErrorCode.INVALID_TIME_RANGE,
      `The time range ends (${to.toISOString()}) before it starts (${from.toISOString()})`,
      {
        argument: 'filter.from',
        from: from.toISOString(),
        to: to.toISOString(),
      },
    );
  }
}

function badInput(argument: string, message: string): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, message, { argument });
}
