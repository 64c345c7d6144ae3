import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { takeTransactionYields } from '../helpers/transaction-yields.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * src/db/database.ts: an SQLite transaction must run to its COMMIT without the event loop turning,
 * or other requests' statements land inside it. One that awaits more than the database is reported
 * (a process warning), and test/helpers/setup.ts fails any test that saw one.
 */
describe('an SQLite transaction that lets the event loop turn', () => {
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

  it('is reported when its body awaits a timer', async () => {
    await db.transaction(async (em) => {
      await em.query('SELECT 1');
      await new Promise((resolve) => setTimeout(resolve, 5));
      await em.query('SELECT 1');
    });
    await nextTurn();
    expect(takeTransactionYields()).toHaveLength(1);
  });

  it('is not reported when its body awaits only the database', async () => {
    await db.transaction(async (em) => {
      for (let i = 0; i < 20; i++) await em.query('SELECT ?', [i]);
    });
    await nextTurn();
    await nextTurn();
    expect(takeTransactionYields()).toEqual([]);
  });
});
