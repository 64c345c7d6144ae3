import { type EntityManager, IsNull, Not } from 'typeorm';
import type { RateLimits } from '../accounts/rate-limits.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { PrincipalKind } from '../directory/role-assignment.entity.js';
import { User } from '../directory/user.entity.js';
import { hasOwnMfa, parseAmr } from '../shared/amr.js';
import { AuditAction, type AuditDetails } from '../shared/audit-actions.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { MfaMethod, MfaMethodKind } from './mfa-method.entity.js';
import type { MfaRequirement } from './ports.js';
import type { RecoveryCodes } from './recovery-codes.js';
import type { TotpEnrolment, TotpMethods } from './totp.js';

/** A confirmed method as the account page lists it. */
export interface MethodSummary {
  id: string;
  kind: MfaMethodKind;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

type Home = Pick<User, 'id' | 'tenantId' | 'displayName' | 'mail'>;

/** What a browser session proved and when (the browser session's own fields fit). */
export interface SessionProof {
  amr: string | null;
  authenticatedAt: Date | null;
  mfaAt: Date | null;
}
/** Changing sign-in methods needs a proof this recent. */
export const RECENT_PROOF_MS = 10 * 60 * 1000;
/** What a browser must prove again before changing sign-in methods: a second factor, or a sign-in. */
export type ProofOwed = 'mfa' | 'signIn' | null;
const confirmed = (userId: string) => ({ userId, confirmedAt: Not(IsNull()) });

/**
 * The second factors of a home account (one person, one set of methods, used in every tenant where
 * it is a guest): sign-in checks, enrolment and management (an admin's reset: MfaResetService). Only confirmed
 * methods count; every attempt spends the per-IP and per-account budgets.
 */
export class MfaService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly limits: RateLimits,
    private readonly audit: AuditService,
    private readonly totp: TotpMethods,
    private readonly recovery: RecoveryCodes,
    private readonly requirement: MfaRequirement,
  ) {}

  /** Whether the account holds a confirmed second factor (then every sign-in asks for it). */
  async hasMethods(userId: string): Promise<boolean> {
    return (await this.db.manager.countBy(MfaMethod, confirmed(userId))) > 0;
  }

  async list(userId: string): Promise<MethodSummary[]> {
    const rows = await this.db.manager.find(MfaMethod, { where: confirmed(userId), order: { createdAt: 'ASC' } });
    return rows.map(({ id, kind, label, createdAt, lastUsedAt }) => ({ id, kind, label, createdAt, lastUsedAt }));
  }

  async remainingRecoveryCodes(userId: string): Promise<number> {
    return this.recovery.remaining(this.db.manager, userId);
  }

  /**
   * What a browser must prove again before changing sign-in methods, or null: an account holding a
   * method, a second factor the gateway verified in the last ten minutes (a partner's `mfa` does not
   * count here, whatever the tenant trusts); an account without one, a first factor in the last ten
   * minutes. So a stolen session cookie can neither add its own authenticator nor remove the owner's.
   */
  async proofOwed(home: Home, proof: SessionProof): Promise<ProofOwed> {
    const recent = (at: Date | null) => at !== null && this.clock.now().getTime() - at.getTime() <= RECENT_PROOF_MS;
    if (await this.hasMethods(home.id)) return hasOwnMfa(parseAmr(proof.amr)) && recent(proof.mfaAt) ? null : 'mfa';
    return recent(proof.authenticatedAt) ? null : 'signIn';
  }

  /**
   * Managing methods needs a recent proof in this browser (proofOwed).
   * @throws MFA_REQUIRED, REAUTHENTICATION_REQUIRED
   */
  async requireStepUp(home: Home, proof: SessionProof): Promise<void> {
    const owed = await this.proofOwed(home, proof);
    if (owed === 'mfa') throw new DomainError(ErrorCode.MFA_REQUIRED, 'Confirm it is you with your second factor first.');
    if (owed === 'signIn') throw new DomainError(ErrorCode.REAUTHENTICATION_REQUIRED, 'Sign in again to change your sign-in methods.');
  }

  /** Starts adding an authenticator app: an unconfirmed method, which counts only once confirmed. */
  async enrolTotp(home: Home, proof: SessionProof): Promise<TotpEnrolment> {
    await this.requireStepUp(home, proof);
    return this.db.transaction((em) => this.totp.enrol(em, home, 'Authenticator app'));
  }

  /** The account's unconfirmed enrolment `methodId` again (after a mistyped code), or a new one. */
  async pendingTotp(home: Home, proof: SessionProof, methodId: string): Promise<TotpEnrolment> {
    const method = await this.db.manager.findOneBy(MfaMethod, {
      id: methodId,
      userId: home.id,
      kind: MfaMethodKind.Totp,
      confirmedAt: IsNull(),
    });
    return method ? this.totp.shown(method, home.mail) : this.enrolTotp(home, proof);
  }

  /**
   * Confirms an enrolment with one code from the app. The account's first method also gets its ten
   * recovery codes, returned in plain this once (null otherwise). Step-up as to start one: an enrolment
   * begun before the account had a method must not be finished by a browser that proved only a password.
   * @throws MFA_REQUIRED, MFA_CODE_INVALID, TOO_MANY_ATTEMPTS, NOT_FOUND (no such enrolment of this account)
   */
  async confirmTotp(
    home: Home,
    proof: SessionProof,
    confirmation: { methodId: string; code: string; ip: string; label: string },
  ): Promise<{ recoveryCodes: string[] | null }> {
    const { methodId, code, ip, label } = confirmation;
    await this.requireStepUp(home, proof);
    await this.spend(home.id, ip);
    const result = await this.db.transaction(async (em) => {
      const method = await em.findOneBy(MfaMethod, { id: methodId, userId: home.id, kind: MfaMethodKind.Totp, confirmedAt: IsNull() });
      if (!method) throw notFound('Sign-in method', methodId);
      const name = cleanLabel(label, method.label);
      if (!(await this.totp.accept(em, method, code, { label: name }))) return null;
      return { recoveryCodes: await this.added(em, home, { id: method.id, kind: method.kind, label: name }) };
    });
    return this.settle(home.id, ip, result);
  }

  /**
   * A confirmed method joined the account in `em` (an authenticator app, or a passkey from
   * src/mfa/passkey.service.ts): audited, and the account's first method brings its ten recovery
   * codes, returned in plain this once (null otherwise).
   */
  async added(em: EntityManager, home: Home, method: Pick<MfaMethod, 'id' | 'kind' | 'label'>): Promise<string[] | null> {
    const first = (await em.countBy(MfaMethod, { ...confirmed(home.id), id: Not(method.id) })) === 0;
    const recoveryCodes = first ? await this.recovery.replace(em, home.id) : null;
    await this.record(em, home, AuditAction.RegisterSecurityInfo, { kind: method.kind, label: method.label });
    return recoveryCodes;
  }

  /**
   * A sign-in's second step with an authenticator app's code (`otp`).
   * @throws MFA_CODE_INVALID, TOO_MANY_ATTEMPTS
   */
  async verifyTotp(userId: string, code: string, ip: string): Promise<void> {
    await this.spend(userId, ip);
    const methods = await this.db.manager.findBy(MfaMethod, { ...confirmed(userId), kind: MfaMethodKind.Totp });
    let accepted = false;
    for (const method of methods) if (!accepted) accepted = await this.totp.accept(this.db.manager, method, code);
    await this.settle(userId, ip, accepted || null);
  }

  /**
   * The lost-device path: one of the account's unused recovery codes, used up; audited.
   * @throws MFA_CODE_INVALID, TOO_MANY_ATTEMPTS
   */
  async useRecoveryCode(userId: string, code: string, ip: string): Promise<void> {
    await this.spend(userId, ip);
    const used = await this.db.transaction(async (em) => {
      if (!(await this.recovery.use(em, userId, code))) return null;
      const home = await em.findOneByOrFail(User, { id: userId });
      const left = await this.recovery.remaining(em, userId);
      await this.record(em, home, AuditAction.UseRecoveryCode, { remaining: left });
      return true;
    });
    await this.settle(userId, ip, used);
  }

  /** @throws MFA_REQUIRED, NOT_FOUND, BAD_USER_INPUT */
  async rename(home: Home, proof: SessionProof, methodId: string, label: string): Promise<void> {
    await this.requireStepUp(home, proof);
    const name = cleanLabel(label, '');
    if (!name) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Enter a name.', { field: 'label' });
    await this.db.transaction(async (em) => {
      const method = await this.owned(em, home, methodId);
      await em.update(MfaMethod, { id: method.id }, { label: name });
      await this.record(em, home, AuditAction.UpdateSecurityInfo, { kind: method.kind, label: name });
    });
  }

  /**
   * Removes a method; removing the last one also removes the recovery codes. Refused for the last
   * one while a policy requires multi-factor sign-in.
   * @throws MFA_REQUIRED, MFA_LAST_METHOD, NOT_FOUND
   */
  async remove(home: Home, proof: SessionProof, methodId: string): Promise<void> {
    await this.requireStepUp(home, proof);
    const required = await this.requirement.requiredFor(home.id);
    await this.db.transaction(async (em) => {
      // The person's methods, locked on PostgreSQL (SQLite runs one write at a time): two removals at
      // once would otherwise each see two methods left and remove both while a policy requires one.
      const lock = this.db.isPostgres ? { mode: 'pessimistic_write' as const } : undefined;
      const methods = await em.find(MfaMethod, { where: confirmed(home.id), lock });
      const method = methods.find((m) => m.id === methodId);
      if (!method) throw notFound('Sign-in method', methodId);
      const last = methods.length === 1;
      if (last && required) {
        throw new DomainError(
          ErrorCode.MFA_LAST_METHOD,
          'Your organization requires a second factor: add another method before you remove this one.',
        );
      }
      await em.delete(MfaMethod, { id: method.id });
      if (last) await this.recovery.deleteAll(em, home.id);
      await this.record(em, home, AuditAction.DeleteSecurityInfo, { kind: method.kind, label: method.label });
    });
  }

  /** New recovery codes (the old ones stop working), returned in plain this once. @throws MFA_REQUIRED, CONFLICT */
  async regenerateRecoveryCodes(home: Home, proof: SessionProof): Promise<string[]> {
    await this.requireStepUp(home, proof);
    if (!(await this.hasMethods(home.id))) throw new DomainError(ErrorCode.CONFLICT, 'Add a sign-in method first.');
    return this.db.transaction(async (em) => {
      const codes = await this.recovery.replace(em, home.id);
      await this.record(em, home, AuditAction.RegenerateRecoveryCodes);
      return codes;
    });
  }

  async sweep(): Promise<void> {
    await this.totp.sweep(this.db.manager);
  }

  private async owned(em: EntityManager, home: Home, methodId: string): Promise<MfaMethod> {
    const method = await em.findOneBy(MfaMethod, { id: methodId, ...confirmed(home.id) });
    if (!method) throw notFound('Sign-in method', methodId);
    return method;
  }

  /** Per IP, per account-and-IP, per account, as sign-ins (the order: `RateLimits.takeBudgets`). */
  private async spend(userId: string, ip: string): Promise<void> {
    await this.limits.takeBudgets('mfa', userId, ip);
  }

  /** A success forgets the account's failures; a failure (null) is MFA_CODE_INVALID. */
  private async settle<T>(userId: string, ip: string, result: T | null): Promise<T> {
    if (result === null)
      throw new DomainError(ErrorCode.MFA_CODE_INVALID, 'That code is not right, or it was used already. Try the next one.');
    await this.limits.forgiveSubject('mfa', userId, ip);
    return result;
  }

  /** Self-service changes are audited in the home tenant, by the person. */
  private async record(em: EntityManager, home: Home, action: AuditAction, details: AuditDetails = {}): Promise<void> {
    const self = { tenantId: home.tenantId, kind: PrincipalKind.User, id: home.id, displayName: home.displayName };
    await this.audit.record(em, self, action, { type: 'User', id: home.id }, details);
  }
}

/** A method's name: trimmed, at most 64 characters, `fallback` when empty. */
function cleanLabel(label: string, fallback: string): string {
  return label.trim().slice(0, 64) || fallback;
}
