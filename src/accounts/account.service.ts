import { type EntityManager, IsNull, Not } from 'typeorm';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { operatorActor, PrincipalKind } from '../directory/actor.js';
import { normalizeDomain } from '../directory/domains.js';
import { TenantDomain } from '../directory/tenant-domain.entity.js';
import { Tenant, TenantKind } from '../directory/tenant.entity.js';
import { User, UserType } from '../directory/user.entity.js';
import { insertUser, newMember, setPasswordHash } from '../directory/user.rows.js';
import type { PartnerRowsPort } from '../directory/ports.js';
import { insertTenant } from '../directory/tenant.rows.js';
import { normalizeDisplayName } from '../invitations/invitation-fields.js';
import { canonicalEmail, emailDomain } from '../shared/email.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import type { FamiliarCheck } from './familiar-device.js';
import { checkPasswordStrength, type PasswordHasher } from './password.js';
import type { RateLimits } from './rate-limits.js';
import type { Metrics } from '../observability/metrics.js';

/** The invitation a sign-up redeems: its tenant's audit log records the viral creations. */
export interface SignUpOrigin {
  tenantId: string;
  invitationId: string;
}

/** How a person with a given address can prove who they are. */
export type HomeRealm =
  | { kind: 'account'; user: User }
  /** A managed tenant owns the domain but has no gateway account for this address: ask that company. */
  | { kind: 'managedWithoutAccount'; tenant: Tenant }
  | { kind: 'signUp' };

/**
 * Home accounts: members of a gateway tenant who sign in with a password. Sign-up creates them in
 * the self-service tenant of their mail domain (created on first use: the docs' viral tenant).
 */
export class AccountService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly limits: RateLimits,
    private readonly metrics: Metrics,
    private readonly passwords: PasswordHasher,
    private readonly partners: PartnerRowsPort,
  ) {}

  /** Home-realm discovery by address: the managed tenant owning the domain first, then self-service tenants. */
  async discover(email: string): Promise<HomeRealm> {
    const domain = emailDomain(email);
    const owner = await this.db.manager.findOneBy(TenantDomain, { domain });
    if (owner) {
      const user = await this.db.manager.findOneBy(User, { tenantId: owner.tenantId, mail: email, userType: UserType.Member });
      if (user?.passwordHash) return { kind: 'account', user };
      const tenant = await this.db.manager.findOneByOrFail(Tenant, { id: owner.tenantId });
      if (tenant.kind === TenantKind.Managed) return { kind: 'managedWithoutAccount', tenant };
    }
    // A member whose domain no tenant verified (created by an operator, or signed up before).
    const member = await this.db.manager.findOne(User, {
      where: { mail: email, userType: UserType.Member, passwordHash: Not(IsNull()) },
      order: { createdAt: 'ASC' },
    });
    if (member) return { kind: 'account', user: member };
    return { kind: 'signUp' };
  }

  /**
   * Checks a password, rate-limited per IP, then per account and IP, then per account, all before
   * any hashing; the hashing itself is bounded in flight. The error never says whether the account
   * exists. `familiar`: the browser's device tokens (FamiliarDevices), when it sent any; a token for
   * this account and its current password makes the device's own budget stand in for the
   * account-wide one, so the account is then looked up before that last budget is chosen.
   * @throws INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS
   */
  async signIn(email: string, password: string, ip: string, familiar: FamiliarCheck | null = null): Promise<User> {
    const address = canonicalEmail(email);
    let account: Promise<User | null> | undefined;
    const lookUp = () => (account ??= this.passwordAccount(address));
    const deviceOf = familiar && (() => lookUp().then((user) => (user ? familiar(user) : null)));
    const familiarDevice = await this.limits.takeBudgets('signIn', address, ip, deviceOf);
    const user = await lookUp();
    const valid = await this.passwords.verify(password, user?.passwordHash ?? null, ip);
    if (!user || !valid || !user.accountEnabled) {
      this.metrics.credentialChecks.inc({ method: 'password', outcome: 'failure' });
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'The email address or password is not correct');
    }
    this.metrics.credentialChecks.inc({ method: 'password', outcome: 'success' });
    await this.limits.forgiveSubject('signIn', address, ip, familiarDevice);
    return user;
  }

  /** The account a password for `address` would prove, or null. */
  private async passwordAccount(address: string): Promise<User | null> {
    const realm = await this.discover(address).catch(() => ({ kind: 'signUp' as const }));
    return realm.kind === 'account' ? realm.user : null;
  }

  /**
   * Whether an address may get a new account: not when one exists, nor when a managed tenant owns its domain.
   * @throws SIGN_UP_NOT_ALLOWED
   */
  async requireSignUpAllowed(email: string): Promise<void> {
    const realm = await this.discover(email);
    if (realm.kind === 'account')
      throw new DomainError(ErrorCode.SIGN_UP_NOT_ALLOWED, 'An account with this address exists already; sign in instead.');
    if (realm.kind === 'managedWithoutAccount') {
      throw new DomainError(
        ErrorCode.SIGN_UP_NOT_ALLOWED,
        `${realm.tenant.name} manages addresses like ${email}. Ask its administrator for an account, then open the link again.`,
      );
    }
  }

  /**
   * Creates an email-verified home account (the caller proved the address with a code) while it
   * redeems an invitation of `origin.tenantId`.
   * @throws SIGN_UP_NOT_ALLOWED (an account exists, or a managed tenant owns the domain), WEAK_PASSWORD
   */
  async signUp(email: string, displayName: string, password: string, origin: SignUpOrigin): Promise<User> {
    checkPasswordStrength(password, email);
    await this.requireSignUpAllowed(email);
    const passwordHash = await this.passwords.hashForSignUp(password, email);
    // Parallel sign-ups for one address all pass the check above: the unique index on (tenantId,
    // userPrincipalName) lets exactly one commit, and the others learn that the account exists. Two
    // first sign-ups of a new domain can collide on its tenant instead: that is retried once.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.insertAccount(email, displayName, passwordHash, origin);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await this.requireSignUpAllowed(email);
        if (attempt > 0) throw new DomainError(ErrorCode.CONFLICT, 'The account could not be created; please try again.');
      }
    }
  }

  private insertAccount(email: string, displayName: string, passwordHash: string, origin: SignUpOrigin): Promise<User> {
    return this.db.transaction(async (em) => {
      const domain = normalizeDomain(emailDomain(email), 'email');
      const { tenant, created } = await this.selfServiceTenant(em, domain);
      const now = this.clock.now();
      const user = newMember(
        {
          tenantId: tenant.id,
          displayName: normalizeDisplayName(displayName, email),
          mail: email,
          signInName: email,
          passwordHash,
          emailVerified: true,
        },
        now,
      );
      await insertUser(em, user);
      // Recorded in the inviting tenant's log, the one an administrator reads: a self-service
      // tenant has no administrator, so events in its own log would be read by no one.
      const actor = { ...operatorActor(origin.tenantId), kind: PrincipalKind.User, id: user.id, displayName: email };
      await this.audit.recordMany(em, actor, [
        ...(created
          ? [
              {
                action: AuditAction.ViralTenantCreation,
                target: { type: 'Tenant', id: tenant.id },
                details: { domain, invitationId: origin.invitationId },
              },
            ]
          : []),
        {
          action: AuditAction.ViralUserCreation,
          target: { type: 'User', id: user.id },
          details: { email, homeTenantId: tenant.id, invitationId: origin.invitationId },
        },
      ]);
      return user;
    });
  }

  /** Gives a member a password (operators, seeding; members normally come from sign-up or an upstream IdP). */
  async setPassword(userId: string, password: string): Promise<void> {
    const user = await this.db.manager.findOneByOrFail(User, { id: userId, userType: UserType.Member });
    checkPasswordStrength(password, user.mail);
    await setPasswordHash(this.db.manager, userId, await this.passwords.hash(password), this.clock.now());
  }

  async findUser(id: string): Promise<User | null> {
    return this.db.manager.findOneBy(User, { id });
  }

  /** The self-service tenant of a domain, created on first use (the docs' "Viral tenant creation."). */
  private async selfServiceTenant(em: EntityManager, domain: string): Promise<{ tenant: Tenant; created: boolean }> {
    const owner = await em.findOneBy(TenantDomain, { domain });
    if (owner) return { tenant: await em.findOneByOrFail(Tenant, { id: owner.tenantId }), created: false };
    const tenant = await insertTenant(em, { name: domain, kind: TenantKind.SelfService }, [domain], this.clock.now());
    await this.partners.domainsChanged(em, [domain]);
    return { tenant, created: true };
  }
}
