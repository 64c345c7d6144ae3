import type { EntityManager } from 'typeorm';
import type { Database } from '../db/database.js';
import { AuditAction } from '../shared/audit-actions.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import type { Actor } from './actor.js';
import type { AuditTrail } from './ports.js';
import { PrincipalKind } from './role-assignment.entity.js';
import { Tenant, TenantKind } from './tenant.entity.js';
import { User, UserType } from './user.entity.js';
import type { UserService } from './user.service.js';

/**
 * What a person does to its own directory objects from the account page (My Account): leave a tenant
 * where it is a guest, delete its self-service home account. No role is involved: the home account
 * signed in is the whole authority, so every lookup is bound to it.
 */
export class OwnAccountService {
  constructor(
    private readonly db: Database,
    private readonly users: UserService,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * The person signed in with `homeUserId` leaves a tenant where it is a guest (the account page's
   * Leave organization, as in Entra's My Account): the guest object goes as an administrator's
   * removal would, its access ends at once, and the tenant's log names the guest itself.
   * @throws NOT_FOUND when that guest is not bound to this home account
   */
  async leave(homeUserId: string, guestId: string): Promise<User> {
    return this.db.transaction(async (em) => {
      const guest = await this.boundGuest(homeUserId, guestId, em);
      await this.users.purge(em, guest);
      await this.audit.record(
        em,
        selfActor(guest),
        AuditAction.LeaveOrganization,
        { type: 'User', id: guest.id },
        {
          userPrincipalName: guest.userPrincipalName,
        },
      );
      return guest;
    });
  }

  /**
   * A guest bound to the home account `homeUserId`: the only guests its owner may act on.
   * @throws NOT_FOUND for any other id, so another person's guests cannot be probed
   */
  async boundGuest(homeUserId: string, guestId: string, em: EntityManager = this.db.manager): Promise<User> {
    const guest = await em.findOneBy(User, { id: guestId, homeUserId, userType: UserType.Guest });
    if (!guest) throw notFound('User', guestId);
    return guest;
  }

  /**
   * The owner deletes a self-service home account: every guest bound to it loses access at once
   * (the guest objects stay for their tenants' administrators, refused at sign-in since their home
   * account is gone, as Entra keeps a guest whose home account was deleted), each tenant's log says
   * so, and the account goes. A managed tenant's member is deleted by its administrator instead.
   * @throws NOT_FOUND, FORBIDDEN (a managed tenant's member)
   */
  async deleteOwnAccount(homeUserId: string): Promise<User> {
    return this.db.transaction(async (em) => {
      const home = await em.findOneBy(User, { id: homeUserId, userType: UserType.Member });
      if (!home) throw notFound('User', homeUserId);
      const tenant = await em.findOneByOrFail(Tenant, { id: home.tenantId });
      if (tenant.kind !== TenantKind.SelfService) {
        throw new DomainError(ErrorCode.FORBIDDEN, `${tenant.name} manages your account: ask its administrator to delete it.`);
      }
      const guests = await em.find(User, { where: { homeUserId: home.id, userType: UserType.Guest } });
      await this.users.purge(em, home);
      for (const guest of guests) {
        await this.audit.record(
          em,
          selfActor(guest),
          AuditAction.HomeAccountDeleted,
          { type: 'User', id: guest.id },
          { homeUserId: home.id },
        );
      }
      await this.audit.record(
        em,
        selfActor(home),
        AuditAction.DeleteOwnAccount,
        { type: 'User', id: home.id },
        {
          userPrincipalName: home.userPrincipalName,
          guestsEnded: guests.length,
        },
      );
      return home;
    });
  }
}

/** A person acting on its own account (the account page), as the audit log names it. */
function selfActor(user: User): Actor {
  return { tenantId: user.tenantId, kind: PrincipalKind.User, id: user.id, displayName: user.displayName, roles: [], scopes: null };
}
