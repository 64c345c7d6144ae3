import { createHmac } from 'node:crypto';
import { type EntityManager, MoreThan } from 'typeorm';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { operatorActor, PrincipalKind } from '../directory/actor.js';
import { Tenant } from '../directory/tenant.entity.js';
import { User, UserType } from '../directory/user.entity.js';
import { completeActivation } from '../directory/user.rows.js';
import { DEFAULT_LANGUAGE, type Language, SUPPORTED_LANGUAGES } from '../i18n/index.js';
import { renderActivationMessage } from '../mail/activation-message.js';
import type { OutboxService } from '../mail/outbox.service.js';
import type { Clock } from '../shared/clock.js';
import { canonicalEmail } from '../shared/email.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { deriveKey, randomToken } from '../shared/secrets.js';
import { afterAnswer } from '../shared/after-answer.js';
import type { Logger } from '../logging/logger.js';
import { MemberActivation } from './member-activation.entity.js';
import { checkPasswordStrength, type PasswordHasher } from './password.js';
import type { RateLimits } from './rate-limits.js';

/** How long an activation link works. */
export const ACTIVATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** How long an administrator waits before a member gets another link (each one is a system mail). */
export const ACTIVATION_RESEND_AFTER_MS = 60 * 1000;

export type ActivationPurpose = 'activate' | 'reset';

/** What the activation page shows of a valid link. */
export interface OpenedActivation {
  user: User;
  tenant: Tenant;
}

const invalid = () =>
  new DomainError(
    ErrorCode.ACTIVATION_LINK_INVALID,
    'This activation link does not work any more: it was used already, replaced by a newer one, or it expired.',
  );

/**
 * Activation links for members an administrator created (or whose password an administrator reset):
 * random, single use, valid 7 days, one live link per member (a new one replaces it), stored as a
 * keyed hash; the mail is system mail (never a tenant's to read), in the member's language.
 */
export class ActivationService {
  private readonly key: Buffer;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly limits: RateLimits,
    private readonly passwords: PasswordHasher,
    private readonly publicUrl: string,
    gatewaySecret: string,
    private readonly logger: Logger,
  ) {
    this.key = deriveKey(gatewaySecret, 'member-activation');
  }

  /** Replaces the member's link with a new one and queues its mail, in the caller's transaction. Returns the link. */
  async issue(em: EntityManager, user: User, tenant: Tenant, purpose: ActivationPurpose): Promise<string> {
    const token = randomToken(32);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ACTIVATION_TTL_MS);
    await em.delete(MemberActivation, { userId: user.id });
    await em.insert(MemberActivation, { userId: user.id, tenantId: user.tenantId, tokenHash: this.hash(token), expiresAt, createdAt: now });
    const url = `${this.publicUrl}/activate?token=${encodeURIComponent(token)}`;
    const language = languageOf(user);
    await this.outbox.queueSystemMessage(em, {
      tenant,
      to: user.mail,
      rendered: renderActivationMessage({
        tenantName: tenant.name,
        displayName: user.displayName,
        email: user.mail,
        url,
        expiresAt,
        language,
        purpose,
      }),
    });
    return url;
  }

  /**
   * An administrator's resend or password reset mails the member at most once a minute (like
   * sendPasswordReset's one code a minute): without it, an admin app could flood an address with
   * system mail. Counted from the member's live link, whoever asked for it.
   * @throws TOO_MANY_ATTEMPTS with the seconds to wait
   */
  async requireResendAllowed(em: EntityManager, userId: string): Promise<void> {
    const latest = await em.findOneBy(MemberActivation, { userId });
    const elapsed = latest ? this.clock.now().getTime() - latest.createdAt.getTime() : Infinity;
    if (elapsed >= ACTIVATION_RESEND_AFTER_MS) return;
    const retryAfterSeconds = Math.ceil((ACTIVATION_RESEND_AFTER_MS - elapsed) / 1000);
    throw new DomainError(
      ErrorCode.TOO_MANY_ATTEMPTS,
      `A link was mailed to this user a moment ago; try again in ${retryAfterSeconds} seconds`,
      { retryAfterSeconds },
    );
  }

  /** The member and tenant of a live link. @throws ACTIVATION_LINK_INVALID */
  async open(token: string): Promise<OpenedActivation> {
    const row =
      token && token.length <= 100
        ? await this.db.manager.findOneBy(MemberActivation, { tokenHash: this.hash(token), expiresAt: MoreThan(this.clock.now()) })
        : null;
    const user = row ? await this.db.manager.findOneBy(User, { id: row.userId, tenantId: row.tenantId, userType: UserType.Member }) : null;
    // A disabled member's link does not work (re-enabling it makes it work again, while it lives).
    if (!row || !user?.activationPending || !user.accountEnabled) throw invalid();
    return { user, tenant: await this.db.manager.findOneByOrFail(Tenant, { id: user.tenantId }) };
  }

  /**
   * Sets the member's password (the password rules of sign-up) and spends the link; the member may
   * sign in from then on. Two submissions of one link: exactly one wins.
   * @throws ACTIVATION_LINK_INVALID, WEAK_PASSWORD, TOO_MANY_ATTEMPTS
   */
  async activate(token: string, password: string, ip: string): Promise<User> {
    await this.limits.consume('activationCheckPerIp', ip);
    const { user } = await this.open(token);
    checkPasswordStrength(password, user.mail);
    const passwordHash = await this.passwords.hashForSignUp(password, ip);
    return this.db.transaction(async (em) => {
      const spent = await em.delete(MemberActivation, {
        tokenHash: this.hash(token),
        userId: user.id,
        expiresAt: MoreThan(this.clock.now()),
      });
      if (!spent.affected) throw invalid();
      const now = this.clock.now();
      await completeActivation(em, user.id, passwordHash, now);
      await this.audit.record(
        em,
        { ...operatorActor(user.tenantId), kind: PrincipalKind.User, id: user.id, displayName: user.displayName },
        AuditAction.ActivateUser,
        { type: 'User', id: user.id },
      );
      return Object.assign(user, { passwordHash, emailVerified: true, activationPending: false, updatedAt: now });
    });
  }

  /**
   * "Send me a new link" from the page of a dead link: mails a new one to every enabled member
   * waiting for activation at that address, after the answer was written. Says nothing about whether
   * there was one.
   * @throws TOO_MANY_ATTEMPTS
   */
  async requestNew(email: string, ip: string): Promise<void> {
    const address = canonicalEmail(email).slice(0, 320);
    await this.limits.takeBudgets('activationSend', address, ip);
    // Looked up and mailed after the answer was written: its time says nothing about the address.
    afterAnswer(this.logger, 'activation link not queued', async () => {
      const waiting = await this.db.manager.findBy(User, {
        mail: address,
        userType: UserType.Member,
        activationPending: true,
        accountEnabled: true,
      });
      for (const user of waiting) {
        await this.db.transaction(async (em) => {
          const tenant = await em.findOneByOrFail(Tenant, { id: user.tenantId });
          await this.issue(em, user, tenant, user.passwordHash === null && !user.emailVerified ? 'activate' : 'reset');
        });
      }
    });
  }

  private hash(token: string): string {
    return createHmac('sha256', this.key).update(token).digest('hex');
  }
}

function languageOf(user: User): Language {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(user.preferredLanguage ?? '')
    ? (user.preferredLanguage as Language)
    : DEFAULT_LANGUAGE;
}
