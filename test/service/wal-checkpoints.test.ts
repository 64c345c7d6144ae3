import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { BACKSTOP_PAGES, CHECKPOINT_EVERY_MS } from '../../src/db/wal-checkpoints.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';

/**
 * src/db/wal-checkpoints.ts: on SQLite a large commit leaves its pages in the WAL (no checkpoint, no
 * sync on the event loop); a worker thread copies them into the database file soon after.
 */
describe('SQLite WAL checkpoints', () => {
  let tdb: TestDatabase;
  let db: Database;
  let path: string;
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    if (tdb.database.kind !== 'sqlite') throw new TypeError('sqlite only');
    path = tdb.database.path;
    db = new Database(await openDatabase(tdb.database));
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  it('leaves checkpoints to the worker: the committing connection checkpoints only as a backstop', async () => {
    // Read off the connection rather than timed against the worker, which may run at any moment.
    expect(await db.manager.query('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: BACKSTOP_PAGES }]);
  });

  it('copies a large commit into the database file soon after, off the committing connection', async () => {
    await db.manager.query('CREATE TABLE wal_test (v TEXT)');
    await sleep(CHECKPOINT_EVERY_MS * 2);
    const before = fs.statSync(path).size;
    // About 2000 pages: twice what made a commit checkpoint on the committing connection.
    await db.transaction(async (em) => {
      for (let i = 0; i < 80; i++) await em.query('INSERT INTO wal_test (v) VALUES (?)', ['x'.repeat(100_000) + i]);
    });
    const until = Date.now() + CHECKPOINT_EVERY_MS * 40; // generous: CI runs many suites at once
    // The worker copies the pages over while this reads the size: wait for all of them.
    while (fs.statSync(path).size < before + 4_000_000 && Date.now() < until) await sleep(50);
    expect(fs.statSync(path).size).toBeGreaterThan(before + 4_000_000);
  });
});
