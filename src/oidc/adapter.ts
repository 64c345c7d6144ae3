import type { Adapter, AdapterPayload } from 'oidc-provider';
import { type EntityManager, In, LessThan } from 'typeorm';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { sha256Hex } from '../shared/secrets.js';
import { OidcPayload } from './oidc-payload.entity.js';
import { RawReader } from '../db/raw-read.js';
import { SQLITE_SHA256_HEX } from '../db/data-source.js';
import { stashForRequest, takeStashed } from './request-memo.js';

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
  const sql = payloadStatements(db);

  return class TypeOrmAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      this.dropStashedGrant(id);
      const expiresAt = expiresIn ? sql.date(new Date(clock.now().getTime() + expiresIn * 1000)) : null;
      await sql.run(sql.upsert, [
        this.model,
        storageId(id),
        tenantId,
        JSON.stringify(withoutBearerValues(payload)),
        payload.grantId ?? null,
        payload.userCode ?? null,
        payload.uid ?? null,
        payload.accountId ?? null,
        payload.clientId ?? null,
        expiresAt,
      ]);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') return deps.findClient(id);
      if (this.model === 'Grant') {
        const stashed = takeStashed<AdapterPayload | null>(grantKey(id));
        if (stashed !== undefined) return stashed ?? undefined;
      }
      const payload = WITH_GRANT.has(this.model) ? await this.findWithGrant(storageId(id)) : await this.findBy('id', storageId(id));
      return payload && { ...payload, jti: id };
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.findBy('userCode', userCode);
    }

    /** Read-only lookups (session binding checks): the payload comes without its id. */
    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.findBy('uid', uid);
    }

    async consume(id: string): Promise<void> {
      this.dropStashedGrant(id);
      await sql.run(sql.consume, [sql.date(clock.now()), this.model, storageId(id), tenantId]);
    }

    async destroy(id: string): Promise<void> {
      this.dropStashedGrant(id);
      await sql.run(sql.destroy, [this.model, storageId(id), tenantId]);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      takeStashed(grantKey(grantId));
      await sql.run(sql.revokeByGrant, [this.model, grantId, tenantId]);
    }

    /** A write to a grant drops what a read with its token stashed: it never answers after the write. */
    private dropStashedGrant(id: string): void {
      if (this.model === 'Grant') takeStashed(grantKey(id));
    }

    private async findBy(key: 'id' | 'uid' | 'userCode', value: string): Promise<AdapterPayload | undefined> {
      const [row] = await sql.reader.query(sql.findBy[key], [this.model, value, tenantId]);
      return live(row);
    }

    /**
     * The artefact and, on the side, its grant, which the provider reads next (a refresh token or a
     * code: one statement instead of two). The grant waits in the request's stash for Grant.find.
     */
    private async findWithGrant(key: string): Promise<AdapterPayload | undefined> {
      const [row] = await sql.run(sql.findWithGrant, [this.model, key, tenantId]);
      const payload = row && live(sql.reader.map(row));
      const grantId = row?.grantId;
      if (payload && typeof grantId === 'string') {
        const grant = live(sql.reader.mapAs(row, 'g') ?? undefined);
        stashForRequest(grantKey(grantId), grant ? { ...grant, jti: grantId } : null);
      }
      return payload;
    }
  };

  /** A stored artefact's payload, unless it has expired. */
  function live(row: PayloadRow | undefined): AdapterPayload | undefined {
    if (!row || (row.expiresAt && row.expiresAt <= clock.now())) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
  }

  function grantKey(grantId: string): string {
    return `${tenantId}:Grant:${grantId}`;
  }
}

type PayloadRow = Pick<OidcPayload, 'payload' | 'expiresAt' | 'consumedAt'>;

/** Artefacts whose grant the provider reads right after them: read together (findWithGrant). */
const WITH_GRANT = new Set(['RefreshToken', 'AuthorizationCode']);

/**
 * The adapter's statements, written once per provider build: the provider stores or reads an artefact
 * several times per request (a code flow about 20), and TypeORM's query building and entity hydration
 * cost more CPU than SQLite's own work on these one-row statements (bench/oidc-profile.ts).
 */
function payloadStatements(db: Database) {
  const reader = new RawReader(db.dataSource, OidcPayload, ['payload', 'expiresAt', 'consumedAt']);
  const p = (n: number) => reader.param(n);
  // Every text here is fixed: each runs prepared on PostgreSQL (src/db/raw-statements.ts).
  const prepared = (text: string) => reader.runner.prepared(text);
  const row = `"model" = ${p(1)} AND "id" = ${p(2)} AND "tenantId" = ${p(3)}`;
  const select = (key: string) =>
    `SELECT ${reader.columns} FROM "oidc_payload" WHERE "model" = ${p(1)} AND "${key}" = ${p(2)} AND "tenantId" = ${p(3)} LIMIT 1`;
  const columns = ['model', 'id', 'tenantId', 'payload', 'grantId', 'userCode', 'uid', 'accountId', 'clientId', 'expiresAt'];
  return {
    reader,
    run: (text: string, parameters: unknown[]) => reader.runner.rows(text, parameters),
    date: (value: Date) => reader.date(value),
    // A stored artefact is replaced whole (consumedAt too), as the provider's contract asks.
    upsert: prepared(
      `INSERT INTO "oidc_payload" (${columns.map((c) => `"${c}"`).join(', ')}, "consumedAt") ` +
        `VALUES (${columns.map((_, i) => p(i + 1)).join(', ')}, NULL) ON CONFLICT ("model", "id") DO UPDATE SET ` +
        [...columns.slice(2), 'consumedAt'].map((c) => `"${c}" = excluded."${c}"`).join(', '),
    ),
    findBy: { id: prepared(select('id')), uid: prepared(select('uid')), userCode: prepared(select('userCode')) },
    // A grant's row key is the SHA-256 of its id (storageId), computed by the database to join on it.
    findWithGrant: prepared(
      `SELECT r."payload", r."expiresAt", r."consumedAt", r."grantId", ${reader.columnsAs('g')} FROM "oidc_payload" r ` +
        `LEFT JOIN "oidc_payload" g ON g."model" = 'Grant' AND g."tenantId" = r."tenantId" AND g."id" = ${sha256Sql(db, 'r."grantId"')} ` +
        `WHERE r."model" = ${p(1)} AND r."id" = ${p(2)} AND r."tenantId" = ${p(3)} LIMIT 1`,
    ),
    consume: prepared(
      `UPDATE "oidc_payload" SET "consumedAt" = ${p(1)} WHERE "model" = ${p(2)} AND "id" = ${p(3)} AND "tenantId" = ${p(4)}`,
    ),
    destroy: prepared(`DELETE FROM "oidc_payload" WHERE ${row}`),
    revokeByGrant: prepared(`DELETE FROM "oidc_payload" WHERE "model" = ${p(1)} AND "grantId" = ${p(2)} AND "tenantId" = ${p(3)}`),
  };
}

/** SQL for `sha256Hex(<text>)` (on SQLite a function src/db/data-source.ts registers). */
function sha256Sql(db: Database, text: string): string {
  return db.isPostgres ? `encode(sha256(convert_to(${text}, 'UTF8')), 'hex')` : `${SQLITE_SHA256_HEX}(${text})`;
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
