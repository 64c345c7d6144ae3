import { type EntityManager, In } from 'typeorm';
import type { OutboxService } from '../mail/outbox.service.js';
import { Invitation, InvitationStatus } from './invitation.entity.js';

/*
 * Writes to `invitation` that modules outside src/invitations/ need (the directory when a user is
 * removed, redemption), so those modules never touch the table themselves. Each works in the
 * caller's transaction.
 */

/**
 * Revokes every pending invitation of the given guests and cancels their unsent emails, inside the
 * caller's transaction. Used when a guest is re-invited (only the newest link works) and when it is
 * removed. Returns the revoked invitation ids.
 */
export async function revokePendingInvitationsOf(
  em: EntityManager,
  outbox: OutboxService,
  userIds: string[],
  now: Date,
): Promise<string[]> {
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

/**
 * Marks an invitation accepted if it is still pending with the same ticket; false when another
 * request won (each link is redeemed once, even by parallel requests).
 */
export async function claimInvitation(em: EntityManager, invitation: Pick<Invitation, 'id' | 'ticketHash'>, now: Date): Promise<boolean> {
  const won = await em
    .createQueryBuilder()
    .update(Invitation)
    .set({ status: InvitationStatus.Accepted, redeemedAt: now, updatedAt: now })
    .where('id = :id AND status = :pending AND "ticketHash" = :hash', {
      id: invitation.id,
      pending: InvitationStatus.PendingAcceptance,
      hash: invitation.ticketHash,
    })
    .execute();
  return Boolean(won.affected);
}
