import type { AccessService } from '../access/access.service.js';
import type { Application } from '../apps/application.entity.js';
import type { Database } from '../db/database.js';
import { PrincipalKind } from '../directory/actor.js';
import type { AuditTrail } from '../directory/ports.js';
import { AuditAction } from '../shared/audit-actions.js';
import { Tenant, TenantKind } from '../directory/tenant.entity.js';
import { User, UserType } from '../directory/user.entity.js';
import { setNames, setPasswordHash } from '../directory/user.rows.js';
import type { OwnAccountService } from '../directory/own-account.service.js';
import type { UserService } from '../directory/user.service.js';
import { normalizeDisplayName } from '../invitations/invitation-fields.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import type { BrowserSession } from './browser-session.entity.js';
import type { BrowserSessionService } from './browser-session.service.js';
import { optionalName } from './member.service.js';
import { checkPasswordStrength, type PasswordHasher } from './password.js';
import type { RateLimits } from './rate-limits.js';

/** A tenant where the person is a guest, with the apps it gives them (the access panel's list). */
export interface Organization {
  guest: User;
  tenant: Tenant;
  apps: Application[];
}

/** What the account page shows of a signed-in home account. */
export interface AccountOverview {
  home: User;
  homeTenant: Tenant;
  /** A self-service account (sign-up): its owner may delete it. A managed tenant's member may not. */
  selfService: boolean;
  browsers: BrowserSession[];
  organizations: Organization[];
}

export interface NamesInput {
  displayName: string;
  givenName: string;
  familyName: string;
}

/**
 * The account page's rules (Entra's My Account): names, password, signed-in browsers, the
 * organizations where the person is a guest, leaving one, and deleting a self-service account.
 * Every form spends the person's budget first; every password check spends a smaller one.
 */
export class AccountProfileService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly limits: RateLimits,
    private readonly passwords: PasswordHasher,
    private readonly sessions: BrowserSessionService,
    private readonly access: AccessService,
    private readonly users: UserService,
    private readonly ownAccount: OwnAccountService,
    private readonly audit: AuditTrail,
  ) {}

  /** The signed-in home account, or null when the browser's sign-in no longer counts. */
  async signedIn(userId: string | null): Promise<User | null> {
    if (!userId) return null;
    const home = await this.db.manager.findOneBy(User, { id: userId, userType: UserType.Member });
    return home?.accountEnabled ? home : null;
  }

  async overview(home: User): Promise<AccountOverview> {
    const homeTenant = await this.db.manager.findOneByOrFail(Tenant, { id: home.tenantId });
    const organizations = (await this.access.organizationsOf(home))
      .filter(({ account }) => account.id !== home.id)
      .map(({ account, tenant, apps }) => ({ guest: account, tenant, apps }));
    return {
      home,
      homeTenant,
      selfService: homeTenant.kind === TenantKind.SelfService,
      browsers: await this.sessions.signedInBrowsers(home.id),
      organizations,
    };
  }

  /** Spends one form of the person's budget. @throws TOO_MANY_ATTEMPTS */
  async spendForm(home: User): Promise<void> {
    await this.limits.consume('accountFormPerUser', home.id);
  }

  /** @throws BAD_USER_INPUT (a display name is required; no name longer than its column) */
  async updateNames(home: User, input: NamesInput): Promise<void> {
    // The same rules as an administrator's: a display name as an invitation's, given and family names as a member's.
    const names = {
      displayName: normalizeDisplayName(input.displayName, ''),
      givenName: optionalName(input.givenName, 'givenName'),
      familyName: optionalName(input.familyName, 'familyName'),
    };
    if (!names.displayName) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Enter a display name.', { field: 'displayName' });
    await setNames(this.db.manager, home.id, names, this.clock.now());
  }

  /**
   * Changes the password once the current one is proven. Every other sign-in ends (other browsers,
   * provider sessions, refresh tokens in every tenant), as after a password change in Entra; this
   * browser stays signed in.
   * @throws INVALID_CREDENTIALS, WEAK_PASSWORD, TOO_MANY_ATTEMPTS, BAD_USER_INPUT (no gateway password)
   */
  async changePassword(home: User, current: string, next: string, ip: string, keepBrowser: string): Promise<void> {
    if (!home.passwordHash)
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'This account signs in at its organization: change the password there.');
    await this.provePassword(home, current, ip);
    checkPasswordStrength(next, home.mail);
    const hash = await this.passwords.hash(next);
    await this.db.transaction(async (em) => {
      await setPasswordHash(em, home.id, hash, this.clock.now());
      await this.users.endSignIns(em, home, keepBrowser);
      const self = { tenantId: home.tenantId, kind: PrincipalKind.User, id: home.id, displayName: home.displayName };
      await this.audit.record(em, self, AuditAction.ChangeOwnPassword, { type: 'User', id: home.id });
    });
  }

  /**
   * Signs out everywhere: every gateway browser session of the account, and everything the
   * provider holds for it and its guests (sessions, grants, refresh tokens), as Entra's "sign out
   * everywhere" revokes refresh tokens. Access tokens already issued live out their short life.
   */
  async signOutEverywhere(home: User): Promise<void> {
    await this.db.transaction((em) => this.users.endSignIns(em, home));
  }

  /** The tenant a Leave organization form names, for its confirmation. @throws NOT_FOUND when that guest is not the person's */
  async organizationToLeave(home: User, guestId: string): Promise<Tenant> {
    const guest = await this.ownAccount.boundGuest(home.id, guestId);
    return this.db.manager.findOneByOrFail(Tenant, { id: guest.tenantId });
  }

  /** @throws NOT_FOUND when that guest is not the person's */
  async leave(home: User, guestId: string): Promise<Tenant> {
    const guest = await this.ownAccount.leave(home.id, guestId);
    return this.db.manager.findOneByOrFail(Tenant, { id: guest.tenantId });
  }

  /**
   * Deletes a self-service account, confirmed by its password (or, for an account without one, by
   * typing its address).
   * @throws FORBIDDEN (managed), INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS
   */
  async deleteAccount(home: User, confirmation: { password: string; email: string }, ip: string): Promise<void> {
    if (home.passwordHash) await this.provePassword(home, confirmation.password, ip);
    else if (confirmation.email.trim().toLowerCase() !== home.mail) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Type your email address to confirm.');
    }
    await this.ownAccount.deleteOwnAccount(home.id);
  }

  /** @throws INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS */
  private async provePassword(home: User, password: string, ip: string): Promise<void> {
    await this.limits.consume('accountPasswordPerUser', home.id);
    if (!(await this.passwords.verify(password, home.passwordHash, ip))) {
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'The current password is not correct.');
    }
  }
}
