import type { Adapter, AdapterPayload } from 'oidc-provider';
import { type EntityManager, In, LessThan } from 'typeorm';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { sha256Hex } from '../shared/secrets.js';
import { OidcPayload } from './oidc-payload.entity.js';

export interface AdapterDeps {
  db: Database;
  clock: Clock;
  tenantId: string;
  /** Client metadata comes from the directory's applications, not from stored payloads. */
  findClient: (clientId: string) => Promise<AdapterPayload | undefined>;
}

/**
 * oidc-provider's storage contract (see its example/my_adapter.js) over TypeORM: one row per
 * artefact in `oidc_payload`, scoped to a tenant, so several gateway processes share all state.
 *
 * An artefact's id is often the bearer value itself (access and refresh tokens, codes, the session
 * cookie), so rows are keyed by its SHA-256 and the payload keeps no copy of it (`jti`, and the
 * session cookie an interaction remembers): a read of the database yields no usable token. The ids
 * are 126+ random bits, so an unkeyed hash cannot be reversed, and it survives GATEWAY_SECRET changes.
 */
export function createAdapterClass(deps: AdapterDeps) {
  const { db, clock, tenantId } = deps;
  const repo = () => db.manager.getRepository(OidcPayload);

  return class TypeOrmAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      await repo().upsert(
        {
          model: this.model,
          id: storageId(id),
          tenantId,
          payload: JSON.stringify(withoutBearerValues(payload)),
          grantId: payload.grantId ?? null,
          userCode: payload.userCode ?? null,
          uid: payload.uid ?? null,
          accountId: payload.accountId ?? null,
          clientId: payload.clientId ?? null,
          expiresAt: expiresIn ? new Date(clock.now().getTime() + expiresIn * 1000) : null,
          consumedAt: null,
        },
        ['model', 'id'],
      );
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') return deps.findClient(id);
      const payload = await this.findBy({ id: storageId(id) });
      return payload && { ...payload, jti: id };
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.findBy({ userCode });
    }

    /** Read-only lookups (session binding checks): the payload comes without its id. */
    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.findBy({ uid });
    }

    async consume(id: string): Promise<void> {
      await repo().update({ model: this.model, id: storageId(id), tenantId }, { consumedAt: clock.now() });
    }

    async destroy(id: string): Promise<void> {
      await repo().delete({ model: this.model, id: storageId(id), tenantId });
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await repo().delete({ model: this.model, grantId, tenantId });
    }

    private async findBy(where: { id: string } | { uid: string } | { userCode: string }): Promise<AdapterPayload | undefined> {
      const row = await repo().findOneBy({ ...where, model: this.model, tenantId });
      if (!row || (row.expiresAt && row.expiresAt <= clock.now())) return undefined;
      const payload = JSON.parse(row.payload) as AdapterPayload;
      return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
    }
  };
}

/** The row key of an artefact id. */
export function storageId(id: string): string {
  return sha256Hex(id);
}

function withoutBearerValues(payload: AdapterPayload): AdapterPayload {
  const { jti: _jti, ...rest } = payload;
  const session = rest.session as Record<string, unknown> | undefined;
  if (session && typeof session === 'object' && 'cookie' in session) {
    const { cookie: _cookie, ...kept } = session;
    return { ...rest, session: kept } as AdapterPayload;
  }
  return rest;
}

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
