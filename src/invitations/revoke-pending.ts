import type { EntityManager } from 'typeorm';
import type { OutboxService } from '../mail/outbox.service.js';
import { Invitation, InvitationStatus } from './invitation.entity.js';

/**
 * Revokes every pending invitation of a guest and cancels their unsent emails, inside the caller's
 * transaction. Used when a guest is re-invited (only the newest link works) and when it is removed.
 * Returns the revoked invitation ids.
 */
export async function revokePendingInvitationsOf(em: EntityManager, outbox: OutboxService, userId: string, now: Date): Promise<string[]> {
  const pending = await em.find(Invitation, { where: { invitedUserId: userId, status: InvitationStatus.PendingAcceptance }, select: { id: true } });
  const ids = pending.map((p) => p.id);
  if (ids.length === 0) return ids;
  await em.update(Invitation, ids, { status: InvitationStatus.Revoked, revokedAt: now, updatedAt: now });
  await outbox.cancelForInvitations(em, ids);
  return ids;
}
