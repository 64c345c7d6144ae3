import { type EntityManager, LessThanOrEqual } from 'typeorm';
import { AuditAction } from '../shared/audit-actions.js';
import type { Database } from '../db/database.js';
import { entityReader } from '../db/entity-reader.js';
import { type Clock, systemClock } from '../shared/clock.js';
import { canonicalEmail } from '../shared/email.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { type Page, type PageArgs, paginate } from '../shared/pagination.js';
import { type Actor, isActor, operatorActor } from './actor.js';
import { GroupMember } from './group.entity.js';
import { DirectoryRole, PrincipalKind } from './role-assignment.entity.js';
import type { RoleService } from './role.service.js';
import { type ExternalUserState, User, UserType } from './user.entity.js';
import { deleteUser, endSignInsBefore, insertUser, newMember, setUserEnabled } from './user.rows.js';
import { type ListedUser, listedUsersInTenant } from './user.reads.js';
import type { AccessEnds, AppLinks, AuditTrail, PartnerRowsPort, PendingInvitations } from './ports.js';
import { authorize, authorizeOnUser, Permission } from './permissions.js';

export interface UserFilter {
  userType?: UserType | null;
  externalUserState?: ExternalUserState | null;
  /** Case-insensitive prefix of the display name, mail or UPN. */
  search?: string | null;
}

export class UserService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly roles: RoleService,
    private readonly audit: AuditTrail,
    private readonly pendingInvitations: PendingInvitations,
    private readonly accessEnds: AccessEnds,
    private readonly apps: AppLinks,
    private readonly partners: PartnerRowsPort,
  ) {}

  async list(actor: Actor, filter: UserFilter, page: PageArgs): Promise<Page<User>> {
    authorize(actor, Permission.ReadDirectory);
    const query = this.db.manager.getRepository(User).createQueryBuilder('u').where('u.tenantId = :tenantId', { tenantId: actor.tenantId });
    if (filter.userType) query.andWhere('u.userType = :userType', { userType: filter.userType });
    if (filter.externalUserState) query.andWhere('u.externalUserState = :state', { state: filter.externalUserState });
    if (filter.search) {
      const like = `${filter.search
        .trim()
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(
        "(LOWER(u.displayName) LIKE :like ESCAPE '\\' OR u.mail LIKE :like ESCAPE '\\' OR LOWER(u.userPrincipalName) LIKE :like ESCAPE '\\')",
        { like },
      );
    }
    return paginate(query, page);
  }

  /** @throws NOT_FOUND also for another tenant's user, so ids of other tenants cannot be probed. */
  async get(actor: Actor, id: string): Promise<User> {
    authorize(actor, Permission.ReadDirectory);
    return this.getInTenant(actor.tenantId, id);
  }

  /**
   * A user of the caller's tenant that the caller may manage: a UserAdministrator acts only on users
   * without a directory role (Entra's privileged users).
   * @throws NOT_FOUND, FORBIDDEN
   */
  async getManageable(actor: Actor, id: string, em: EntityManager = this.db.manager): Promise<User> {
    const user = await this.getInTenant(actor.tenantId, id, em);
    authorizeOnUser(actor, Permission.ManageUsers, await this.roles.rolesWithin(em, actor.tenantId, PrincipalKind.User, id));
    return user;
  }

  async getInTenant(tenantId: string, id: string, em: EntityManager = this.db.manager): Promise<User> {
    const user = await em.findOneBy(User, { id, tenantId });
    if (!user) throw notFound('User', id);
    return user;
  }

  async findById(id: string): Promise<User | null> {
    // Every OIDC request reads its account: one statement written once (src/db/raw-read.ts).
    const users = entityReader(this.db.dataSource, User);
    return users.one(
      users.statement('byId', (r) => `${r.select(`"id" = ${r.param(1)}`)} LIMIT 1`),
      [id],
    );
  }

  /** The users of `tenantId` among `ids`, in one query; another tenant's ids find nothing. */
  async findInTenant(tenantId: string, ids: readonly string[]): Promise<ListedUser[]> {
    return listedUsersInTenant(this.db.dataSource, tenantId, ids);
  }

  async rolesOf(user: User): Promise<DirectoryRole[]> {
    return this.roles.rolesOf(user.tenantId, PrincipalKind.User, user.id);
  }

  /** Creates a member with credentials elsewhere (seeding and operators; sign-up is the redemption issue). */
  async createMember(tenantId: string, input: { displayName: string; mail: string; roles?: DirectoryRole[] }): Promise<User> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const mail = canonicalEmail(input.mail);
      const user = newMember({ tenantId, displayName: input.displayName, mail }, now);
      await insertUser(em, user);
      for (const role of input.roles ?? []) await this.roles.grant(tenantId, PrincipalKind.User, user.id, role, em);
      return user;
    });
  }

  /**
   * Deletes a user with its memberships, app assignments and roles; pending invitations
   * for it are revoked (kept for the record). Access ends at once.
   * @throws NOT_FOUND, FORBIDDEN, CANNOT_MODIFY_SELF
   */
  async remove(actor: Actor, id: string): Promise<User> {
    authorize(actor, Permission.ManageUsers);
    this.refuseSelf(actor, id, 'remove');
    return this.db.transaction(async (em) => {
      const user = await this.getInTenant(actor.tenantId, id, em);
      authorizeOnUser(actor, Permission.ManageUsers, await this.roles.rolesWithin(em, actor.tenantId, PrincipalKind.User, id));
      await this.purge(em, user);
      await this.audit.record(
        em,
        actor,
        AuditAction.DeleteUser,
        { type: 'User', id },
        {
          userPrincipalName: user.userPrincipalName,
          userType: user.userType,
        },
      );
      return user;
    });
  }

  /**
   * Deletes a user with everything that names it, its access ending at once: an administrator's
   * removal here, a person's own leaving or account deletion in own-account.service.ts.
   */
  async purge(em: EntityManager, user: User): Promise<void> {
    await this.pendingInvitations.revokeFor(em, [user.id], this.clock.now());
    await this.endSignIns(em, user);
    await em.delete(GroupMember, { userId: user.id });
    await this.apps.deleteUserAssignments(em, user.id);
    await this.roles.revokeAll(em, user.tenantId, PrincipalKind.User, user.id);
    await deleteUser(em, user.id);
    await this.partners.usersChanged(em, [user.id]);
  }

  /** @throws NOT_FOUND, FORBIDDEN, CANNOT_MODIFY_SELF */
  async setEnabled(actor: Actor, id: string, enabled: boolean): Promise<User> {
    authorize(actor, Permission.ManageUsers);
    this.refuseSelf(actor, id, 'disable');
    return this.db.transaction(async (em) => {
      const user = await this.getInTenant(actor.tenantId, id, em);
      authorizeOnUser(actor, Permission.ManageUsers, await this.roles.rolesWithin(em, actor.tenantId, PrincipalKind.User, id));
      if (user.accountEnabled === enabled) return user;
      user.accountEnabled = enabled;
      user.updatedAt = this.clock.now();
      await setUserEnabled(em, id, enabled, user.updatedAt);
      if (!enabled) {
        await this.endSignIns(em, user);
        await this.accessEnds.endPasswordResets(em, user.id);
      }
      await this.audit.record(em, actor, enabled ? AuditAction.EnableAccount : AuditAction.DisableAccount, { type: 'User', id });
      return user;
    });
  }

  /**
   * Disables guests whose access end has passed and ends their sign-ins (run periodically; sign-in
   * checks refuse them from that moment anyway). Returns how many were disabled.
   */
  async disableExpiredGuests(): Promise<number> {
    const now = this.clock.now();
    const expired = await this.db.manager.find(User, {
      where: { userType: UserType.Guest, accountEnabled: true, accessExpiresAt: LessThanOrEqual(now) },
    });
    for (const guest of expired) {
      await this.db.transaction(async (em) => {
        await setUserEnabled(em, guest.id, false, now);
        await this.endSignIns(em, guest);
        const details = { accessExpiresAt: guest.accessExpiresAt!.toISOString() };
        await this.audit.record(em, operatorActor(guest.tenantId), AuditAction.AccessExpired, { type: 'User', id: guest.id }, details);
      });
    }
    return expired.length;
  }

  /**
   * Microsoft Graph's revokeSignInSessions: signs the user out everywhere at once (see endSignIns). For
   * a member that is its sessions and tokens here, its browsers' gateway sessions and those of the
   * guests it redeemed in other tenants; for a guest, its sessions and tokens in this tenant only (its
   * home account and its other invitations are not this tenant's to end).
   * @throws NOT_FOUND (also for another tenant's user), FORBIDDEN
   */
  async revokeSignInSessions(actor: Actor, id: string): Promise<User> {
    authorize(actor, Permission.ManageUsers);
    return this.db.transaction(async (em) => {
      const user = await this.getManageable(actor, id, em);
      await this.endSignIns(em, user);
      await this.audit.record(em, actor, AuditAction.RevokeSignInSessions, { type: 'User', id }, { userType: user.userType });
      return user;
    });
  }

  /**
   * Ends every sign-in of the user at once: its provider sessions, grants and tokens, the gateway
   * browser sessions of a home account, and those of the guests it redeemed in other tenants. Also
   * run by a password reset (src/accounts/password-reset.service.ts) and the account page
   * (src/accounts/account-profile.service.ts), in their transactions; a password change there keeps
   * the browser that made it (`keepBrowser`, its session's id hash). API access tokens are JWTs the
   * provider does not keep: `signInSessionsValidFrom` refuses those issued before this moment (in
   * AccessService.mayUseTokens; a guest's tokens die with its home account's value too). It is read
   * on the system clock, the clock of the tokens' `iat`.
   */
  async endSignIns(em: EntityManager, user: User, keepBrowser?: string): Promise<void> {
    const now = systemClock.now();
    await endSignInsBefore(em, user.id, now);
    user.signInSessionsValidFrom = now;
    await this.accessEnds.revokeOidcArtefacts(em, user.tenantId, [user.id]);
    const guests = await em.find(User, { where: { homeUserId: user.id } });
    for (const guest of guests) await this.accessEnds.revokeOidcArtefacts(em, guest.tenantId, [guest.id]);
    await this.accessEnds.endBrowserSessions(em, user.id, keepBrowser);
  }

  private refuseSelf(actor: Actor, id: string, verb: string): void {
    if (isActor(actor, PrincipalKind.User, id)) {
      throw new DomainError(ErrorCode.CANNOT_MODIFY_SELF, `You cannot ${verb} your own account`);
    }
  }
}
