import type { EntityManager } from 'typeorm';
import type { Tenant } from '../directory/tenant.entity.js';
import { User } from '../directory/user.entity.js';
import { insertUsers, newInvitedGuest } from '../directory/user.rows.js';
import { guestUserPrincipalName, type ValidatedInvite } from './invitation.policy.js';

// The guest accounts invitations create (through the directory's row owner, user.rows.ts); the
// invitation writer (invitation.writer.ts) calls this inside its transaction.

/** The guest of each write: the existing pending guest, or a new one created now. */
export async function ensureGuests(
  em: EntityManager,
  tenant: Tenant,
  writes: readonly { invite: ValidatedInvite; guest: User | null }[],
  now: Date,
): Promise<User[]> {
  const created: User[] = [];
  const guests = writes.map(({ guest, invite }) => {
    if (guest) return guest;
    const user = newInvitedGuest(
      {
        tenantId: tenant.id,
        displayName: invite.displayName,
        mail: invite.email,
        userPrincipalName: guestUserPrincipalName(invite.email, tenant.defaultDomain),
        accessExpiresAt: invite.accessExpiresAt,
      },
      now,
    );
    created.push(user);
    return user;
  });
  await ensureUniquePrincipalNames(em, tenant, created);
  await insertUsers(em, created);
  return guests;
}

/**
 * A guest whose redemption was reset keeps its UPN, so a new guest for the original address would
 * collide: it gets the next free numbered form (`alias_domain2#EXT#@…`), as the directory does.
 */
async function ensureUniquePrincipalNames(em: EntityManager, tenant: Tenant, created: User[]): Promise<void> {
  if (created.length === 0) return;
  const taken = new Set<string>();
  for (let i = 0; i < created.length; i += 500) {
    const names = created.slice(i, i + 500).map((u) => u.userPrincipalName);
    // Written out: TypeORM's builder rewrote and escaped the 500-name statement at more cost than SQLite ran it.
    const rows = (await em.query(
      `SELECT "userPrincipalName" AS "upn" FROM "directory_user" WHERE "tenantId" = ${param(em, 1)} ` +
        `AND "userPrincipalName" IN (${names.map((_, n) => param(em, n + 2)).join(', ')})`,
      [tenant.id, ...names],
    )) as { upn: string }[];
    for (const row of rows) taken.add(row.upn);
  }
  for (const user of created) {
    if (!taken.has(user.userPrincipalName)) continue;
    for (let n = 2; ; n += 1) {
      const candidate = guestUserPrincipalName(user.mail, tenant.defaultDomain, String(n));
      if (taken.has(candidate) || (await em.countBy(User, { tenantId: tenant.id, userPrincipalName: candidate }))) continue;
      user.userPrincipalName = candidate;
      taken.add(candidate);
      break;
    }
  }
}

/** The dialect's placeholder for the n-th parameter (1-based). */
function param(em: EntityManager, n: number): string {
  return em.connection.options.type === 'postgres' ? `$${n}` : '?';
}
