import { type EntityManager, In } from 'typeorm';
import type { OutboxService } from '../mail/outbox.service.js';
import { Invitation, InvitationStatus } from './invitation.entity.js';

/**
 * Revokes every pending invitation of the given guests and cancels their unsent emails, inside the
 * caller's transaction. Used when a guest is re-invited (only the newest link works) and when it is
 * removed. Returns the revoked invitation ids.
 */
export async function revokePendingInvitationsOf(em: EntityManager, outbox: OutboxService, userIds: string[], now: Date): Promise<string[]> {
  if (userIds.length === 0) return [];
  const pending = await em.find(Invitation, {
    where: { invitedUserId: In(userIds), status: InvitationStatus.PendingAcceptance },
    select: { id: true },
  });
  const ids = pending.map((p) => p.id);
  if (ids.length === 0) return ids;
  await em.update(Invitation, ids, { status: InvitationStatus.Revoked, revokedAt: now, updatedAt: now });
  await outbox.cancelForInvitations(em, ids);
  return ids;
}
