import { type EntityManager, In, LessThan } from 'typeorm';
import type { Database } from '../db/database.js';
import { storageId } from './adapter.js';
import { OidcPayload } from './oidc-payload.entity.js';

// The provider's artefacts as the rest of the gateway removes them (the adapter in ./adapter.ts
// writes them for the provider): expiry, a browser signing out, access ending.

/** Deletes expired artefacts of every tenant; returns how many went. */
export async function sweepExpiredPayloads(db: Database, now: Date): Promise<number> {
  const result = await db.manager.getRepository(OidcPayload).delete({ expiresAt: LessThan(now) });
  return result.affected ?? 0;
}

/** Deletes provider sessions by id, in any tenant (a browser signing out; the ids come from its cookies). */
export async function destroySessionPayloads(em: EntityManager, ids: string[]): Promise<void> {
  if (ids.length) await em.delete(OidcPayload, { model: 'Session', id: In(ids.map(storageId)) });
}

/**
 * Ends access at once: deletes the sessions, grants, codes and tokens the provider stored for these
 * accounts (optionally only those of one client), inside the caller's transaction.
 */
export async function revokeOidcArtefacts(em: EntityManager, tenantId: string, accountIds: string[], clientId?: string): Promise<void> {
  if (accountIds.length === 0) return;
  await em.delete(OidcPayload, { tenantId, accountId: In(accountIds), ...(clientId ? { clientId } : {}) });
}
