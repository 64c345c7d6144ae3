import type { Adapter, AdapterPayload } from 'oidc-provider';
import { type EntityManager, In, LessThan } from 'typeorm';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
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
          id,
          tenantId,
          payload: JSON.stringify(payload),
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
      return this.findBy({ id });
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.findBy({ userCode });
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.findBy({ uid });
    }

    async consume(id: string): Promise<void> {
      await repo().update({ model: this.model, id, tenantId }, { consumedAt: clock.now() });
    }

    async destroy(id: string): Promise<void> {
      await repo().delete({ model: this.model, id, tenantId });
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

/** Deletes expired artefacts of every tenant; returns how many went. */
export async function sweepExpiredPayloads(db: Database, now: Date): Promise<number> {
  const result = await db.manager.getRepository(OidcPayload).delete({ expiresAt: LessThan(now) });
  return result.affected ?? 0;
}

/** Deletes provider sessions by id, in any tenant (a browser signing out; the ids come from its cookies). */
export async function destroySessionPayloads(em: EntityManager, ids: string[]): Promise<void> {
  if (ids.length) await em.delete(OidcPayload, { model: 'Session', id: In(ids) });
}
