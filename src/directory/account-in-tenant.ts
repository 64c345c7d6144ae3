import type { EntityManager } from 'typeorm';
import { User, UserType } from './user.entity.js';

/**
 * The account a home identity uses in a tenant: itself when it is a member there, else the guest
 * bound to it (a guest gets its `homeUserId` when it is redeemed). Access decisions and the sign-in
 * log both name the account this way.
 */
export async function accountInTenant(em: EntityManager, tenantId: string, home: User): Promise<User | null> {
  if (home.tenantId === tenantId) return home;
  return em.findOneBy(User, { tenantId, homeUserId: home.id, userType: UserType.Guest });
}
