import type { Database } from '../db/database.js';
import { SQLITE_SHA256_HEX } from '../db/data-source.js';
import { entityReader } from '../db/entity-reader.js';
import { RawReader } from '../db/raw-read.js';
import { User } from '../directory/user.entity.js';
import { OidcPayload } from './oidc-payload.entity.js';

/**
 * The adapter's statements, written once per provider build: the provider stores or reads an artefact
 * several times per request (a code flow about 20), and TypeORM's query building and entity hydration
 * cost more CPU than SQLite's own work on these one-row statements (bench/oidc-profile.ts).
 */
export function payloadStatements(db: Database) {
  const reader = new RawReader(db.dataSource, OidcPayload, ['payload', 'expiresAt', 'consumedAt']);
  const p = (n: number) => reader.param(n);
  // Every text here is fixed: each runs prepared on PostgreSQL (src/db/raw-statements.ts).
  const prepared = (text: string) => reader.runner.prepared(text);
  const row = `"model" = ${p(1)} AND "id" = ${p(2)} AND "tenantId" = ${p(3)}`;
  const select = (key: string) =>
    `SELECT ${reader.columns} FROM "oidc_payload" WHERE "model" = ${p(1)} AND "${key}" = ${p(2)} AND "tenantId" = ${p(3)} LIMIT 1`;
  // The account an artefact names, in the artefact's tenant only.
  const users = entityReader(db.dataSource, User);
  const accountJoin = `LEFT JOIN ${users.table} u ON u."id" = r."accountId" AND u."tenantId" = r."tenantId"`;
  const columns = ['model', 'id', 'tenantId', 'payload', 'grantId', 'userCode', 'uid', 'accountId', 'clientId', 'expiresAt'];
  return {
    reader,
    users,
    runner: reader.runner,
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
      `SELECT r."payload", r."expiresAt", r."consumedAt", r."grantId", ${reader.columnsAs('g')}, ${users.columnsAs('u')} FROM "oidc_payload" r ` +
        `LEFT JOIN "oidc_payload" g ON g."model" = 'Grant' AND g."tenantId" = r."tenantId" AND g."id" = ${sha256Sql(db, 'r."grantId"')} ` +
        `${accountJoin} WHERE r."model" = ${p(1)} AND r."id" = ${p(2)} AND r."tenantId" = ${p(3)} LIMIT 1`,
    ),
    findWithAccount: prepared(
      `SELECT r."payload", r."expiresAt", r."consumedAt", ${users.columnsAs('u')} FROM "oidc_payload" r ` +
        `${accountJoin} WHERE r."model" = ${p(1)} AND r."id" = ${p(2)} AND r."tenantId" = ${p(3)} LIMIT 1`,
    ),
    // Single use, claimed in the statement itself: of two requests that both read the artefact
    // unconsumed, only one gets a row back (adapter.ts, consume).
    consume: prepared(
      `UPDATE "oidc_payload" SET "consumedAt" = ${p(1)} WHERE "model" = ${p(2)} AND "id" = ${p(3)} AND "tenantId" = ${p(4)} ` +
        `AND "consumedAt" IS NULL RETURNING "id"`,
    ),
    // Gives a claim back (the request that made it could not write what it paid for), unless the
    // artefact was claimed or removed since.
    release: prepared(
      `UPDATE "oidc_payload" SET "consumedAt" = NULL WHERE "model" = ${p(1)} AND "id" = ${p(2)} AND "tenantId" = ${p(3)} ` +
        `AND "consumedAt" = ${p(4)}`,
    ),
    grantIdOf: prepared(`SELECT "grantId" FROM "oidc_payload" WHERE ${row}`),
    // Every artefact of a grant, and the grant itself (whose row key is its id's SHA-256).
    revokeGrant: prepared(
      `DELETE FROM "oidc_payload" WHERE "tenantId" = ${p(2)} AND ("grantId" = ${p(1)} OR ("model" = 'Grant' AND "id" = ${p(3)}))`,
    ),
    destroy: prepared(`DELETE FROM "oidc_payload" WHERE ${row}`),
    revokeByGrant: prepared(`DELETE FROM "oidc_payload" WHERE "model" = ${p(1)} AND "grantId" = ${p(2)} AND "tenantId" = ${p(3)}`),
  };
}

/** SQL for `sha256Hex(<text>)` (on SQLite a function src/db/data-source.ts registers). */
function sha256Sql(db: Database, text: string): string {
  return db.isPostgres ? `encode(sha256(convert_to(${text}, 'UTF8')), 'hex')` : `${SQLITE_SHA256_HEX}(${text})`;
}
