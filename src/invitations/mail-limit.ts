import { DomainError, ErrorCode } from '../shared/errors.js';

const LIMIT = 'invitationMailPerTenant';

/**
 * The part of the shared rate-limit store (src/accounts/rate-limits.ts, RateLimits) this budget
 * spends. Accounts build on invitations, so the composition root hands the store in.
 */
export interface MailBudgetStore {
  takeUpTo(name: typeof LIMIT, key: string, wanted: number): Promise<{ granted: number; retryAfterSeconds: number }>;
  refund(name: typeof LIMIT, key: string, points: number): Promise<void>;
}

/**
 * Invitation email per tenant and hour (INVITATION_MAIL_PER_HOUR), counted in the shared rate-limit
 * store so every process spends one budget. Only messages that are queued count: an invitation
 * without email, or a row refused for any other reason, costs nothing. Without it, re-uploading a
 * file re-sent hundreds of tenant-written messages within seconds: a phishing relay.
 */
export class InvitationMailLimit {
  constructor(private readonly limits: MailBudgetStore) {}

  /** Runs `work` with `mails` messages reserved, refunded if it fails. @throws INVITATION_MAIL_LIMIT */
  async reserving<T>(tenantId: string, mails: number, work: () => Promise<T>): Promise<T> {
    const { granted, retryAfterSeconds } = await this.limits.takeUpTo(LIMIT, tenantId, mails);
    if (granted < mails) {
      await this.limits.refund(LIMIT, tenantId, granted);
      throw limitReached(retryAfterSeconds);
    }
    try {
      return await work();
    } catch (error) {
      await this.limits.refund(LIMIT, tenantId, granted);
      throw error;
    }
  }

  /**
   * Reserves mail for as many of `items` as the budget allows, in order (CSV rows). The others are
   * returned refused with the error to report; `refund` gives back the reservation of the given items
   * (all by default) when their write fails. One reservation per upload: each is a store write.
   */
  async reserveFor<T>(
    tenantId: string,
    items: T[],
    sendsMail: (item: T) => boolean,
  ): Promise<{ refused: Map<T, DomainError>; refund: (some?: readonly T[]) => Promise<void> }> {
    const mailing = items.filter(sendsMail);
    const { granted, retryAfterSeconds } = await this.limits.takeUpTo(LIMIT, tenantId, mailing.length);
    const error = limitReached(retryAfterSeconds);
    const reserved = new Set(mailing.slice(0, granted));
    return {
      refused: new Map(mailing.slice(granted).map((item) => [item, error])),
      refund: async (some = [...reserved]) => {
        const back = some.filter((item) => reserved.delete(item)).length;
        await this.limits.refund(LIMIT, tenantId, back);
      },
    };
  }
}

function limitReached(retryAfterSeconds: number): DomainError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new DomainError(
    ErrorCode.INVITATION_MAIL_LIMIT,
    `This tenant has sent all the invitation email it may send this hour; try again in ${minutes} minutes`,
    {
      retryAfterSeconds,
    },
  );
}
