import { type EntityManager, IsNull, Not } from 'typeorm';
import { AuditAction } from '../audit/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import { type Database, isUniqueViolation } from '../db/database.js';
import { operatorActor, PrincipalKind } from '../directory/actor.js';
import { normalizeDomain } from '../directory/domains.js';
import { TenantDomain } from '../directory/tenant-domain.entity.js';
import { Tenant, TenantKind } from '../directory/tenant.entity.js';
import { User, UserType } from '../directory/user.entity.js';
import { emailDomain, normalizeDisplayName } from '../invitations/invitation.policy.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password.js';
import type { RateLimits } from './rate-limits.js';
import type { Metrics } from '../observability/metrics.js';

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
    const member = await this.db.manager.findOne(User, { where: { mail: email, userType: UserType.Member, passwordHash: Not(IsNull()) }, order: { createdAt: 'ASC' } });
    if (member) return { kind: 'account', user: member };
    return { kind: 'signUp' };
  }

  /**
   * Checks a password, rate-limited per account and per IP. The error never says whether the
   * account exists.
   * @throws INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS
   */
  async signIn(email: string, password: string, ip: string): Promise<User> {
    const address = email.trim().toLowerCase();
    await this.limits.consume('signInPerIp', ip);
    await this.limits.consume('signInPerAccount', address);
    const realm = await this.discover(address).catch(() => ({ kind: 'signUp' as const }));
    const user = realm.kind === 'account' ? realm.user : null;
    const valid = await verifyPassword(password, user?.passwordHash ?? null);
    if (!user || !valid || !user.accountEnabled) {
      this.metrics.signIns.inc({ method: 'password', outcome: 'failure' });
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'The email address or password is not correct');
    }
    this.metrics.signIns.inc({ method: 'password', outcome: 'success' });
    await this.limits.reset('signInPerAccount', address);
    return user;
  }

  /**
   * Creates an email-verified home account (the caller proved the address with a code).
   * @throws SIGN_UP_NOT_ALLOWED (the domain belongs to a managed tenant), WEAK_PASSWORD, CONFLICT
   */
  async signUp(email: string, displayName: string, password: string): Promise<User> {
    checkPasswordStrength(password, email);
    const realm = await this.discover(email);
    if (realm.kind !== 'signUp') {
      throw realm.kind === 'account'
        ? accountExists()
        : new DomainError(ErrorCode.SIGN_UP_NOT_ALLOWED, 'Your organization manages this domain; sign in with your work account');
    }
    const passwordHash = await hashPassword(password);
    try {
      return await this.createHomeAccount(email, displayName, passwordHash);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent sign-up won: for this address (its account exists now), or the first one of this
      // domain (its self-service tenant exists now, so this one can go on).
      if ((await this.discover(email)).kind !== 'signUp') throw accountExists();
      return this.createHomeAccount(email, displayName, passwordHash);
    }
  }

  private async createHomeAccount(email: string, displayName: string, passwordHash: string): Promise<User> {
    return this.db.transaction(async (em) => {
      const tenant = await this.selfServiceTenant(em, emailDomain(email));
      const now = this.clock.now();
      const user = em.create(User, {
        id: newId(), tenantId: tenant.id, userType: UserType.Member, displayName: normalizeDisplayName(displayName, email), mail: email,
        userPrincipalName: email, creationType: null, externalUserState: null, externalUserStateChangedAt: null, signInName: email,
        altSecId: null, accountEnabled: true, passwordHash, emailVerified: true, homeUserId: null, createdAt: now, updatedAt: now,
      });
      await em.insert(User, user);
      await this.audit.record(em, { ...operatorActor(tenant.id), kind: PrincipalKind.User, id: user.id, displayName: user.displayName },
        AuditAction.ViralUserCreation, { type: 'User', id: user.id }, { email });
      return user;
    });
  }

  /** Gives a member a password (operators, seeding; members normally come from sign-up or an upstream IdP). */
  async setPassword(userId: string, password: string): Promise<void> {
    const user = await this.db.manager.findOneByOrFail(User, { id: userId, userType: UserType.Member });
    checkPasswordStrength(password, user.mail);
    await this.db.manager.update(User, { id: userId }, { passwordHash: await hashPassword(password), emailVerified: true, updatedAt: this.clock.now() });
  }

  async findUser(id: string): Promise<User | null> {
    return this.db.manager.findOneBy(User, { id });
  }

  /** The self-service tenant of a domain, created on first use ("Viral tenant creation."). */
  private async selfServiceTenant(em: EntityManager, rawDomain: string): Promise<Tenant> {
    const domain = normalizeDomain(rawDomain);
    const owner = await em.findOneBy(TenantDomain, { domain });
    if (owner) return em.findOneByOrFail(Tenant, { id: owner.tenantId });
    const now = this.clock.now();
    const tenant = em.create(Tenant, {
      id: newId(), name: domain, kind: TenantKind.SelfService, defaultDomain: domain, allowedRedirectHosts: [], invitationTtlDays: null,
      privacyUrl: null, contactUrl: null, logoUrl: null, brandColor: null, createdAt: now,
    });
    await em.insert(Tenant, tenant);
    await em.insert(TenantDomain, { domain, tenantId: tenant.id, createdAt: now });
    await this.audit.record(em, operatorActor(tenant.id), AuditAction.ViralTenantCreation, { type: 'Tenant', id: tenant.id }, { domain });
    return tenant;
  }
}

function accountExists(): DomainError {
  return new DomainError(ErrorCode.SIGN_UP_NOT_ALLOWED, 'An account with this address exists already; sign in instead');
}
