import { QueryFailedError } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database as SqliteConnection } from 'better-sqlite3';
import { statementRunner } from '../../src/db/raw-statements.js';
import { withWriteBatch, writeBatchOf } from '../../src/db/write-batch.js';
import { failInserts } from '../helpers/failing-inserts.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';

/**
 * sqliteWriteAll (src/db/sqlite-turns.ts), attacked on the gateway's own connection: a write failing
 * in the middle of a batch, a batch holding statements that return rows, two batches at once, and a
 * batch inside its caller's transaction. A batch is all or none, leaves no transaction open behind
 * it, and never takes another request's writes along. The table is the test's own.
 */
describe('SQLite: held writes written all or none', () => {
  const suite = useGatewaySuite('sqlite');
  const db = () => suite.t.gateway.db;
  const connection = () => (db().dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
  const insert = `INSERT INTO "wa_test" ("id", "v") VALUES (?, ?)`;
  const rows = async () =>
    ((await db().manager.query(`SELECT "id", "v" FROM "wa_test" ORDER BY "id"`)) as { id: string; v: string }[]).map(
      (r) => `${r.id}=${r.v}`,
    );

  beforeAll(async () => {
    await db().manager.query(`CREATE TABLE "wa_test" ("id" varchar PRIMARY KEY, "v" varchar NOT NULL)`);
  });

  /** Runs `writes` (statements and their values) as one request's held writes. */
  const batch = (owner: object, writes: [string, unknown[]][]) =>
    withWriteBatch(owner, async () => {
      const runner = statementRunner(db().dataSource);
      for (const [sql, parameters] of writes) await writeBatchOf(owner)!.add({ runner, sql, parameters });
    });

  it('a write failing in the middle undoes the batch, names itself, and leaves no transaction open', async () => {
    const restore = await failInserts(db(), 'wa_test', `NEW."id" = 'm2'`);
    try {
      const failed = await batch({}, [
        [insert, ['m1', '1']],
        [insert, ['m2', '1']],
        [insert, ['m3', '1']],
      ]).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(QueryFailedError);
      expect((failed as QueryFailedError).parameters).toEqual(['m2', '1']);
    } finally {
      await restore();
    }
    expect(connection().inTransaction).toBe(false);
    expect(await rows()).toEqual([]);
    await batch({}, [
      [insert, ['m1', '2']],
      [insert, ['m3', '2']],
    ]);
    expect(await rows()).toEqual(['m1=2', 'm3=2']);
  });

  it('writes a batch holding statements that return rows, in order', async () => {
    await batch({}, [
      [`${insert} RETURNING "id"`, ['r1', '1']],
      [`SELECT "v" FROM "wa_test" WHERE "id" = ?`, ['r1']],
      [`UPDATE "wa_test" SET "v" = ? WHERE "id" = ? RETURNING "v"`, ['2', 'r1']],
      [insert, ['r2', '1']],
    ]);
    expect((await rows()).filter((r) => r.startsWith('r'))).toEqual(['r1=2', 'r2=1']);
  });

  it('two batches at once: the one that fails takes none of the other along', async () => {
    const restore = await failInserts(db(), 'wa_test', `NEW."id" = 't2b'`);
    try {
      const [one, two] = await Promise.allSettled([
        batch({}, [
          [insert, ['t1a', '1']],
          [insert, ['t1b', '1']],
        ]),
        batch({}, [
          [insert, ['t2a', '1']],
          [insert, ['t2b', '1']],
        ]),
      ]);
      expect([one.status, two.status]).toEqual(['fulfilled', 'rejected']);
    } finally {
      await restore();
    }
    expect((await rows()).filter((r) => r.startsWith('t'))).toEqual(['t1a=1', 't1b=1']);
  });

  it("inside its caller's transaction, a failed batch undoes only itself", async () => {
    const restore = await failInserts(db(), 'wa_test', `NEW."id" = 'c3'`);
    try {
      await db().transaction(async (em) => {
        await em.query(insert, ['c1', '1']);
        await expect(
          batch({}, [
            [insert, ['c2', '1']],
            [insert, ['c3', '1']],
          ]),
        ).rejects.toBeInstanceOf(QueryFailedError);
        await em.query(insert, ['c4', '1']);
      });
    } finally {
      await restore();
    }
    expect((await rows()).filter((r) => r.startsWith('c'))).toEqual(['c1=1', 'c4=1']);
    expect(connection().inTransaction).toBe(false);
  });
});
