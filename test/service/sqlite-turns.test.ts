import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { User } from '../../src/directory/user.entity.js';
import { SQLITE_SLICE_MS, sqliteRowArrays, sqliteRows } from '../../src/db/sqlite-turns.js';
import { StatementCounter } from '../helpers/statement-counter.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { takeTransactionYields } from '../helpers/transaction-yields.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Holds the event loop for longer than SQLite statements may before they let it turn. */
function holdTheLoop(): void {
  const until = performance.now() + SQLITE_SLICE_MS + 1;
  while (performance.now() < until);
}

/**
 * src/db/sqlite-turns.ts: on SQLite (synchronous statements) the event loop takes its turn before a
 * statement once it has been held for SQLITE_SLICE_MS, as it does while a PostgreSQL statement is on
 * the wire, but never inside a transaction.
 */
describe('SQLite statements and the event loop', () => {
  let tdb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    db = new Database(await openDatabase(tdb.database));
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  it('lets work waiting for the loop run before a statement outside a transaction once the loop was held', async () => {
    const order: string[] = [];
    await db.manager.query('SELECT 1');
    holdTheLoop();
    setImmediate(() => order.push('waiting work'));
    await db.manager.findOneBy(User, { id: '00000000-0000-4000-8000-000000000000' });
    order.push('statement');
    expect(order).toEqual(['waiting work', 'statement']);
  });

  it('gives no turn inside a transaction: no other request runs between its statements', async () => {
    const order: string[] = [];
    await db.transaction(async (em) => {
      holdTheLoop();
      setImmediate(() => order.push('waiting work'));
      await em.findOneBy(User, { id: '00000000-0000-4000-8000-000000000000' });
      await em.query('SELECT 1');
      order.push('transaction');
    });
    expect(order[0]).toBe('transaction');
  });

  it('reads rows as arrays in SELECT order, logged and after the same turn as any statement', async () => {
    const counter = new StatementCounter(db);
    const sql = `SELECT 'b' AS "x", ? AS "a", NULL AS "n" UNION ALL SELECT 'd', ?, 1`;
    const statements = await counter.record(async () => {
      expect(await sqliteRowArrays(db.dataSource, sql, ['c', 'e'])).toEqual([
        ['b', 'c', null],
        ['d', 'e', 1],
      ]);
    });
    expect(statements).toEqual([sql]);
    // TypeORM's own statements still answer objects: raw mode stays on the statement read as arrays.
    expect(await db.manager.query(sql, ['c', 'e'])).toEqual([
      { x: 'b', a: 'c', n: null },
      { x: 'd', a: 'e', n: 1 },
    ]);
    const order: string[] = [];
    holdTheLoop();
    setImmediate(() => order.push('waiting work'));
    await sqliteRowArrays(db.dataSource, sql, ['c', 'e']);
    order.push('statement');
    expect(order).toEqual(['waiting work', 'statement']);
  });

  it('answers a failed statement as TypeORM would: logged as failed, a QueryFailedError naming it', async () => {
    const logger = db.dataSource.logger;
    const failures: string[] = [];
    const logQueryError = logger.logQueryError.bind(logger);
    logger.logQueryError = (error, query, parameters, runner) => {
      failures.push(query);
      return logQueryError(error, query, parameters, runner);
    };
    try {
      const sql = 'SELECT * FROM "no_such_table" WHERE "a" = ?';
      for (const read of [sqliteRowArrays, sqliteRows]) {
        await expect(read(db.dataSource, sql, [1])).rejects.toMatchObject({ name: 'QueryFailedError', query: sql, parameters: [1] });
        await expect(read(db.dataSource, sql, [1])).rejects.toThrow(/no such table/);
      }
      expect(failures).toEqual([sql, sql, sql, sql]);
    } finally {
      logger.logQueryError = logQueryError;
    }
  });

  // src/db/database.ts: a transaction must run to its COMMIT without the loop turning, or other
  // requests' statements land inside it. One that awaits more is reported (a process warning), and
  // test/helpers/setup.ts fails any test that saw one.
  it('reports a transaction whose body awaits a timer', async () => {
    await db.transaction(async (em) => {
      await em.query('SELECT 1');
      await new Promise((resolve) => setTimeout(resolve, 5));
      await em.query('SELECT 1');
    });
    await nextTurn();
    expect(takeTransactionYields()).toHaveLength(1);
  });

  it('does not report a transaction whose body awaits only the database', async () => {
    await db.transaction(async (em) => {
      for (let i = 0; i < 20; i++) await em.query('SELECT ?', [i]);
    });
    await nextTurn();
    await nextTurn();
    expect(takeTransactionYields()).toEqual([]);
  });
});
