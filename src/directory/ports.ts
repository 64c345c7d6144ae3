import type { EntityManager } from 'typeorm';

/**
 * What the directory needs from the modules built on it. Their tables have their own owners (OIDC
 * artefacts: src/oidc/adapter.ts; browser sessions: src/accounts/browser-session.service.ts;
 * invitations: src/invitations/), and those modules import the directory, so the directory takes
 * these functions from the composition root (src/services.ts) instead of importing them.
 * Every function works inside the caller's transaction.
 */
export interface AccessEnds {
  /** Deletes the sessions, grants, codes and tokens the provider stored for these accounts (optionally only one client's). */
  revokeOidcArtefacts(em: EntityManager, tenantId: string, accountIds: string[], clientId?: string): Promise<void>;
  /** Signs every browser of a home account out of the gateway. */
  endBrowserSessions(em: EntityManager, userId: string): Promise<void>;
}

export interface PendingInvitations {
  /** Revokes the users' pending invitations and cancels their unsent emails; returns the revoked ids. */
  revokeFor(em: EntityManager, userIds: string[], now: Date): Promise<string[]>;
}
