import { type Invitation, InvitationStatus } from './invitation.entity.js';

/**
 * "Pending but expired": the one definition. An invitation is stored as PendingAcceptance until it
 * is redeemed or revoked; past `expiresAt` (if it has one) every reader sees it as Expired.
 */
export function pendingButExpired(invitation: Pick<Invitation, 'status' | 'expiresAt'>, now: Date): boolean {
  return invitation.status === InvitationStatus.PendingAcceptance && invitation.expiresAt !== null && invitation.expiresAt <= now;
}

/** The status a reader sees: a pending invitation past its expiry is Expired. */
export function effectiveStatus(invitation: Pick<Invitation, 'status' | 'expiresAt'>, now: Date): InvitationStatus {
  return pendingButExpired(invitation, now) ? InvitationStatus.Expired : invitation.status;
}

const live = (status: string, expiresAt: string, pending: string, now: string) =>
  `${status} = ${pending} AND (${expiresAt} IS NULL OR ${expiresAt} > ${now})`;
const expired = (status: string, expiresAt: string, pending: string, now: string) => `${status} = ${pending} AND ${expiresAt} <= ${now}`;

/**
 * The same rule in SQL over the invitation table, given the placeholders of the PendingAcceptance
 * status and of now: still pending, and pending but expired.
 */
export const pendingSql = {
  live: (pending: string, now: string) => live('"status"', '"expiresAt"', pending, now),
  expired: (pending: string, now: string) => expired('"status"', '"expiresAt"', pending, now),
};
