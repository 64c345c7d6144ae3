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

/**
 * The same rule for a query over invitations aliased `alias`, with parameters `:pending` (set to
 * PendingAcceptance) and `:now`: still pending, and pending but expired.
 */
export const pendingSql = {
  live: (alias: string) => `${alias}.status = :pending AND (${alias}.expiresAt IS NULL OR ${alias}.expiresAt > :now)`,
  expired: (alias: string) => `${alias}.status = :pending AND ${alias}.expiresAt <= :now`,
};
