import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { statementRunner } from '../../src/db/raw-statements.js';
import { withWriteBatch, writeBatchOf } from '../../src/db/write-batch.js';
import { createTestDatabase, type TestDatabase, testDatabases } from '../helpers/databases.js';
import { StatementCounter } from '../helpers/statement-counter.js';

/**
 * src/db/write-batch.ts: a request's held writes reach the database before withWriteBatch returns, in
 * order, in one statement on PostgreSQL (all or none), and a failed write fails the caller. The table
 * is the test's own: the batch is what is tested, not an owner's rows.
 */
describe.each(testDatabases())('write batch on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let counter: StatementCounter;
  const p = (n: number) => (kind === 'postgres' ? `$${n}` : '?');
  const upsert = () => `INSERT INTO "wb_test" ("id", "v") VALUES (${p(1)}, ${p(2)}) ON CONFLICT ("id") DO UPDATE SET "v" = excluded."v"`;
  const insert = () => `INSERT INTO "wb_test" ("id", "v") VALUES (${p(1)}, ${p(2)})`;
  const rows = async () =>
    ((await db.manager.query(`SELECT "id", "v" FROM "wb_test" ORDER BY "id"`)) as { id: string; v: string }[]).map((r) => `${r.id}=${r.v}`);

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    await db.manager.query(`CREATE TABLE "wb_test" ("id" varchar PRIMARY KEY, "v" varchar NOT NULL)`);
    counter = new StatementCounter(db);
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  const request = {};

  it('holds writes until the work is done, then writes them in order', async () => {
    const statements = await counter.record(() =>
      withWriteBatch(request, async () => {
        const batch = writeBatchOf(request)!;
        await batch.add({ runner: statementRunner(db.dataSource), sql: upsert(), parameters: ['a', '1'], key: 'a' });
        await batch.add({ runner: statementRunner(db.dataSource), sql: upsert(), parameters: ['b', '1'], key: 'b' });
        expect(await rows()).toEqual([]);
        // A second write to a held row sends what is held first.
        await batch.add({ runner: statementRunner(db.dataSource), sql: upsert(), parameters: ['a', '2'], key: 'a' });
        await batch.add({ runner: statementRunner(db.dataSource), sql: upsert(), parameters: ['c', '1'] });
        expect(await rows()).toEqual(['a=1', 'b=1']);
      }),
    );
    expect(await rows()).toEqual(['a=2', 'b=1', 'c=1']);
    // Two reads, and the writes: two statements on PostgreSQL, one each on SQLite.
    expect(statements.length).toBe(kind === 'postgres' ? 4 : 6);
    expect(writeBatchOf(request)).toBeUndefined();
  });

  it('fails the caller when a held write fails, and on PostgreSQL writes none of the batch', async () => {
    await expect(
      withWriteBatch(request, async () => {
        const batch = writeBatchOf(request)!;
        await batch.add({ runner: statementRunner(db.dataSource), sql: upsert(), parameters: ['d', '1'] });
        await batch.add({ runner: statementRunner(db.dataSource), sql: insert(), parameters: ['b', 'duplicate'] });
        return 'answered';
      }),
    ).rejects.toThrow();
    const after = await rows();
    expect(after).not.toContain('b=duplicate');
    if (kind === 'postgres') expect(after).not.toContain('d=1');
  });
});
