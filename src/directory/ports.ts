import type { EntityManager } from 'typeorm';
import type { AuditAction, AuditDetails } from '../shared/audit-actions.js';
import type { Actor } from './actor.js';
import type { User } from './user.entity.js';

/**
 * What the directory needs from the modules built on it. Their tables have their own owners (OIDC
 * artefacts: src/oidc/adapter.ts; browser sessions: src/accounts/browser-session.service.ts; codes:
 * src/accounts/verification-code.service.ts;
 * invitations: src/invitations/), and those modules import the directory, so the directory takes
 * these functions from the composition root (src/services.ts) instead of importing them.
 * Every function works inside the caller's transaction.
 */
export interface AccessEnds {
  /** Deletes the sessions, grants, codes and tokens the provider stored for these accounts (optionally only one client's). */
  revokeOidcArtefacts(em: EntityManager, tenantId: string, accountIds: string[], clientId?: string): Promise<void>;
  /** Signs every browser of a home account out of the gateway (but the one named, if any). */
  endBrowserSessions(em: EntityManager, userId: string, exceptIdHash?: string): Promise<void>;
  /** Deletes the password-reset codes mailed to a home account (src/accounts/verification-code.service.ts). */
  endPasswordResets(em: EntityManager, userId: string): Promise<void>;
}

export interface PendingInvitations {
  /** Revokes the users' pending invitations and cancels their unsent emails; returns the revoked ids. */
  revokeFor(em: EntityManager, userIds: string[], now: Date): Promise<string[]>;
}

/**
 * The audit trail (src/audit/audit.service.ts). Audit builds on the directory (actors, the
 * permission to read the log), so directory services take it through this port.
 */
export interface AuditTrail {
  /** Writes an event through `em`, so it commits or rolls back with the change it describes. */
  record(
    em: EntityManager,
    actor: Pick<Actor, 'tenantId' | 'kind' | 'id' | 'displayName'>,
    action: AuditAction,
    target: { type: string; id: string } | null,
    details?: AuditDetails,
  ): Promise<void>;
}

/**
 * What the directory needs from applications (src/apps/, which owns their tables and builds on the
 * directory). Every function works inside the caller's transaction.
 */
export interface AppLinks {
  /** Whether the tenant has an application with this id (its object id, not its client id). */
  applicationExists(em: EntityManager, tenantId: string, id: string): Promise<boolean>;
  /** The client ids of the applications a group is assigned to. */
  clientIdsAssignedToGroup(em: EntityManager, groupId: string): Promise<string[]>;
  /** Deletes every app assignment of a user. */
  deleteUserAssignments(em: EntityManager, userId: string): Promise<void>;
}

/**
 * The partner rows (src/partners/partner.rows.ts, their only writer): every change to what a
 * partner is made of (a guest, its home account, its mail domain's owner, its last sign-in) calls
 * one of these inside the transaction that makes it, so the rows commit with the change.
 */
export interface PartnerRowsPort {
  /**
   * Guests just invited (new or again, one at a time or from a CSV file), as written, after their
   * invitations are. `created`: the guests created by this write, with their invitation's expiry
   * (nothing of theirs needs reading back).
   */
  guestsInvited(em: EntityManager, guests: readonly User[], created?: ReadonlyMap<string, Date | null>): Promise<void>;
  /**
   * These users changed or are gone (redeemed, reset, removed, moved tenant, an invitation of theirs
   * revoked or re-issued): guests among them and guests bound to them follow.
   */
  usersChanged(em: EntityManager, userIds: readonly string[]): Promise<void>;
  /** These domains were verified, released or transferred: the guests still bound by them follow. */
  domainsChanged(em: EntityManager, domains: readonly string[]): Promise<void>;
  /** A user signed in at `at`. */
  signedIn(em: EntityManager, userId: string, at: Date): Promise<void>;
}
