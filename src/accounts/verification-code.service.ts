import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/database.js';
import { type EntityManager, IsNull } from 'typeorm';
import { renderCodeMessage, type RenderedMessage } from '../mail/invitation-message.js';
import type { OutboxService } from '../mail/outbox.service.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { deriveKey } from '../shared/secrets.js';
import type { Language } from '../i18n/languages.js';
import type { Tenant } from '../directory/tenant.entity.js';
import type { RateLimits } from './rate-limits.js';
import { VerificationCode } from './verification-code.entity.js';

export const CODE_TTL_MS = 10 * 60 * 1000;
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_RESEND_AFTER_MS = 60 * 1000;

/**
 * Codes of each purpose live under their own key: sign-up's is the redemption's browser session
 * (a SHA-256 hex), a password reset's names the account, so neither can answer for the other.
 */
function passwordResetKey(userId: string): string {
  return `password-reset:${userId}`;
}

/**
 * Six-digit one-time codes that prove an address: valid 10 minutes, 5 attempts, one send per minute
 * per redemption, and rate limits per address and per IP. Only an HMAC of the code is stored; the
 * mail carrying it is system mail (sealed, never listed to a tenant, erased once sent).
 */
export class VerificationCodeService {
  private readonly key: Buffer;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly limits: RateLimits,
    gatewaySecret: string,
  ) {
    this.key = deriveKey(gatewaySecret, 'verification-codes');
  }

  /** Mails a new code (the previous one stops working). @throws TOO_MANY_ATTEMPTS */
  async send(redemptionId: string, email: string, language: Language, tenant: Tenant, ip: string): Promise<void> {
    const wait = await this.secondsBeforeResend(redemptionId);
    if (wait > 0) {
      throw new DomainError(ErrorCode.TOO_MANY_ATTEMPTS, `A code was sent a moment ago; you can ask for another in ${wait} seconds`, {
        retryAfterSeconds: wait,
      });
    }
    await this.limits.consume('codeSendPerIp', ip);
    await this.limits.consume('codeSendPerEmail', email);
    await this.issue(redemptionId, email, tenant, (code) => renderCodeMessage(tenant.name, code, language));
  }

  /**
   * Mails a password-reset code for a home account (the caller spent its budgets before it looked the
   * account up, so a refusal says nothing about the account). Returns false, sending nothing, when a
   * code went out less than a minute ago.
   */
  async sendPasswordReset(userId: string, email: string, tenant: Tenant, render: (code: string) => RenderedMessage): Promise<boolean> {
    if ((await this.secondsBeforeResend(passwordResetKey(userId))) > 0) return false;
    await this.issue(passwordResetKey(userId), email, tenant, render);
    return true;
  }

  /**
   * Checks and uses up a password-reset code. The caller spent `codeCheckPerIp` before it looked the
   * account up, once for every address: spending it again here, only for an account that exists,
   * would let the budget tell known addresses from unknown ones.
   * @throws INVALID_CODE, TOO_MANY_ATTEMPTS
   */
  verifyPasswordReset(userId: string, email: string, code: string): Promise<void> {
    return this.check(passwordResetKey(userId), email, code);
  }

  private async secondsBeforeResend(key: string): Promise<number> {
    const latest = await this.latest(key);
    const elapsed = latest ? this.clock.now().getTime() - latest.createdAt.getTime() : Infinity;
    return elapsed < CODE_RESEND_AFTER_MS ? Math.ceil((CODE_RESEND_AFTER_MS - elapsed) / 1000) : 0;
  }

  /** Stores a new code under `key` (replacing the previous one) and queues its system mail, in one transaction. */
  private async issue(key: string, email: string, tenant: Tenant, render: (code: string) => RenderedMessage): Promise<void> {
    const now = this.clock.now();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = newId();
    await this.db.transaction(async (em) => {
      await em.delete(VerificationCode, { redemptionId: key });
      await em.insert(VerificationCode, {
        id,
        email,
        redemptionId: key,
        codeHash: this.hash(id, code),
        attempts: 0,
        expiresAt: new Date(now.getTime() + CODE_TTL_MS),
        verifiedAt: null,
        createdAt: now,
      });
      await this.outbox.queueSystemMessage(em, { tenant, to: email, rendered: render(code) });
    });
  }

  /**
   * Checks a sign-up code; after 5 wrong attempts the code is dead and a new one must be sent.
   * @throws INVALID_CODE, TOO_MANY_ATTEMPTS
   */
  async verify(redemptionId: string, email: string, code: string, ip: string): Promise<void> {
    await this.limits.consume('codeCheckPerIp', ip);
    await this.check(redemptionId, email, code);
  }

  private async check(redemptionId: string, email: string, code: string): Promise<void> {
    const current = await this.latest(redemptionId);
    const now = this.clock.now();
    if (!current || current.email !== email || current.verifiedAt || current.expiresAt <= now) {
      throw new DomainError(ErrorCode.INVALID_CODE, 'This code has expired; ask for a new one');
    }
    if (current.attempts >= CODE_MAX_ATTEMPTS) {
      throw new DomainError(ErrorCode.TOO_MANY_ATTEMPTS, 'Too many wrong codes; ask for a new one');
    }
    // Count the attempt first (atomically), so parallel guesses cannot exceed the budget.
    const counted = await this.db.manager
      .createQueryBuilder()
      .update(VerificationCode)
      .set({ attempts: () => 'attempts + 1' })
      .where('id = :id AND attempts < :max', { id: current.id, max: CODE_MAX_ATTEMPTS })
      .execute();
    if (!counted.affected) throw new DomainError(ErrorCode.TOO_MANY_ATTEMPTS, 'Too many wrong codes; ask for a new one');
    const expected = Buffer.from(current.codeHash, 'hex');
    const actual = Buffer.from(this.hash(current.id, code.trim()), 'hex');
    if (!timingSafeEqual(expected, actual)) {
      const left = CODE_MAX_ATTEMPTS - current.attempts - 1;
      throw new DomainError(
        ErrorCode.INVALID_CODE,
        left > 0 ? `That code is not right; ${left} attempts left` : 'Too many wrong codes; ask for a new one',
      );
    }
    // Used once: of two requests with the right code at the same moment, one wins (a backstop: in
    // practice the second reads verifiedAt above, so no test reaches this line's refusal).
    const used = await this.db.manager.update(VerificationCode, { id: current.id, verifiedAt: IsNull() }, { verifiedAt: now });
    if (!used.affected) throw new DomainError(ErrorCode.INVALID_CODE, 'This code has expired; ask for a new one');
  }

  private latest(key: string): Promise<VerificationCode | null> {
    return this.db.manager.findOne(VerificationCode, { where: { redemptionId: key }, order: { createdAt: 'DESC' } });
  }

  private hash(id: string, code: string): string {
    return createHmac('sha256', this.key).update(`${id}:${code}`).digest('hex');
  }
}

/** A disabled account's reset codes stop working (re-enabling it does not revive them), in the caller's transaction. */
export async function deletePasswordResetCodes(em: EntityManager, userId: string): Promise<void> {
  await em.delete(VerificationCode, { redemptionId: passwordResetKey(userId) });
}
