import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { type Actor, PrincipalKind } from '../directory/actor.js';
import { authorize, Permission } from '../directory/permissions.js';
import { Tenant } from '../directory/tenant.entity.js';
import { type User, UserType } from '../directory/user.entity.js';
import { setPasswordHash } from '../directory/user.rows.js';
import type { UserService } from '../directory/user.service.js';
import type { FederationService } from '../federation/federation.service.js';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/index.js';
import type { Logger } from '../logging/logger.js';
import { renderPasswordResetMessage } from '../mail/password-reset-message.js';
import { AuditAction } from '../shared/audit-actions.js';
import type { Clock } from '../shared/clock.js';
import { canonicalEmail, normalizeEmail } from '../shared/email.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { afterAnswer } from '../shared/after-answer.js';
import type { AccountService } from './account.service.js';
import { checkPasswordStrength, type PasswordHasher } from './password.js';
import type { RateLimits } from './rate-limits.js';
import type { VerificationCodeService } from './verification-code.service.js';

/** What "Forgot your password?" answers: the same for every address, unless its company's own provider holds its password. */
export type ResetRequestOutcome = { kind: 'codeSentIfAccountExists'; email: string } | { kind: 'federated'; organization: string };

/** One answer for every failed reset, so a guess learns nothing about the address or its code. */
const RESET_REFUSED = 'That code is not right, has expired or was used already. Check it, or ask for a new one.';

/**
 * Password reset of home accounts: a six-digit code (the sign-up code machinery, under the account's
 * own key) mailed as system mail, then a new password with the usual rules. A reset ends every
 * sign-in of the account (UserService.endSignIns). Nothing here tells a stranger whether an address
 * has an account: the same budgets are spent, the same answer given and the same hashing done.
 */
export class PasswordResetService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly limits: RateLimits,
    private readonly accounts: AccountService,
    private readonly codes: VerificationCodeService,
    private readonly users: UserService,
    private readonly federation: FederationService,
    private readonly passwords: PasswordHasher,
    private readonly logger: Logger,
    private readonly publicUrl: string,
  ) {}

  /**
   * "Forgot your password?". The account is looked up and its code mailed after the answer was
   * written (afterAnswer), so the answer takes as long whether or not an account exists.
   * @throws INVALID_EMAIL, TOO_MANY_ATTEMPTS (per IP and per address: the same for every address)
   */
  async request(rawEmail: string, language: Language, ip: string): Promise<ResetRequestOutcome> {
    const email = normalizeEmail(rawEmail);
    await this.limits.takeBudgets('passwordReset', email, ip);
    // Whose domain a partner federated is no secret (the sign-in page sends its people there too).
    const provider = await this.federation.forEmail(email);
    if (provider) {
      const organization = await this.db.manager.findOneBy(Tenant, { id: provider.tenantId });
      return { kind: 'federated', organization: organization?.name ?? provider.issuer };
    }
    // Looked up and mailed after the answer was written: its time says nothing about the account.
    afterAnswer(this.logger, 'password reset mail not queued', async () => {
      const realm = await this.accounts.discover(email);
      if (realm.kind === 'account' && realm.user.accountEnabled) await this.mail(realm.user, language);
    });
    return { kind: 'codeSentIfAccountExists', email };
  }

  /**
   * Sets a new password with a mailed code; ends every session, grant and refresh token of the
   * account (in every tenant where it is a guest too) in the same transaction.
   * @throws INVALID_CODE (one answer for a wrong, expired or used code and for an unknown address), WEAK_PASSWORD, TOO_MANY_ATTEMPTS
   */
  async complete(rawEmail: string, code: string, newPassword: string, ip: string): Promise<void> {
    const email = canonicalEmail(rawEmail);
    await this.limits.consume('codeCheckPerIp', ip);
    checkPasswordStrength(newPassword, email);
    const realm = email ? await this.accounts.discover(email) : null;
    const user = realm?.kind === 'account' ? realm.user : null;
    // Hashed before the code is checked, for every address: a refused hash must not use up the code,
    // and an unknown address must take as long as a known one.
    const passwordHash = await this.passwords.hashForReset(newPassword, ip);
    // A code mailed before the account was disabled does not set its password (disabling also deletes it).
    if (!user?.accountEnabled) throw new DomainError(ErrorCode.INVALID_CODE, RESET_REFUSED);
    try {
      await this.codes.verifyPasswordReset(user.id, email, code);
    } catch (error) {
      if (error instanceof DomainError && (error.code === ErrorCode.INVALID_CODE || error.code === ErrorCode.TOO_MANY_ATTEMPTS)) {
        throw new DomainError(ErrorCode.INVALID_CODE, RESET_REFUSED);
      }
      throw error;
    }
    await this.db.transaction(async (em) => {
      await setPasswordHash(em, user.id, passwordHash, this.clock.now());
      await this.users.endSignIns(em, user);
      await this.audit.record(em, selfActor(user), AuditAction.ResetPasswordSelfService, { type: 'User', id: user.id }, { email });
    });
  }

  /**
   * An admin mails a reset code to a member of its tenant (Entra's "Reset password" sends the user on
   * the self-service path here: the admin never learns the password).
   * @throws NOT_FOUND (also for another tenant's user), FORBIDDEN, FEDERATED_ACCOUNT, NO_PASSWORD_HERE, TOO_MANY_ATTEMPTS
   */
  async sendByAdmin(actor: Actor, userId: string): Promise<User> {
    authorize(actor, Permission.ManageUsers);
    const user = await this.users.getManageable(actor, userId);
    if (user.upstreamIssuer) {
      throw new DomainError(
        ErrorCode.FEDERATED_ACCOUNT,
        'This user signs in at their organization’s identity provider; their password is reset there.',
      );
    }
    if (user.userType === UserType.Guest) {
      throw new DomainError(
        ErrorCode.NO_PASSWORD_HERE,
        'A guest’s password belongs to their home account; they reset it with "Forgot your password?" on the sign-in page.',
      );
    }
    if (!user.passwordHash) throw new DomainError(ErrorCode.NO_PASSWORD_HERE, 'This user has no password in the gateway.');
    // One code a minute per account (the code machinery's own wait) is the admin's limit.
    if (!(await this.mail(user, DEFAULT_LANGUAGE))) {
      throw new DomainError(ErrorCode.TOO_MANY_ATTEMPTS, 'A reset code was sent to this user a moment ago; try again in a minute.', {
        retryAfterSeconds: 60,
      });
    }
    await this.db.transaction((em) =>
      this.audit.record(em, actor, AuditAction.SendPasswordReset, { type: 'User', id: user.id }, { email: user.mail }),
    );
    return user;
  }

  /** Queues the code as system mail from the account's home tenant; false when one went out a minute ago. */
  private async mail(user: User, language: Language): Promise<boolean> {
    const tenant = await this.db.manager.findOneByOrFail(Tenant, { id: user.tenantId });
    const resetUrl = `${this.publicUrl}/password/reset?email=${encodeURIComponent(user.mail)}`;
    return this.codes.sendPasswordReset(user.id, user.mail, tenant, (code) =>
      renderPasswordResetMessage(tenant.name, code, resetUrl, language),
    );
  }
}

/** The account itself, acting on its own home tenant. */
function selfActor(user: User): Actor {
  return { tenantId: user.tenantId, kind: PrincipalKind.User, id: user.id, displayName: user.displayName, roles: [], scopes: null };
}
