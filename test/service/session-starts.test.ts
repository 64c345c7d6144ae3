import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/data-source.js';
import { SessionStarts } from '../../src/policies/session-starts.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';
import { raceAgainstHeldRow } from '../helpers/held-row.js';
import { TestClock } from '../helpers/test-clock.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 6, 12, minutes));

/** The session start behind each sign-in (SessionStarts) on a real database. */
describe.each(testDatabases())('SessionStarts on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let starts: SessionStarts;
  const clock = new TestClock();
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    starts = new SessionStarts(db, clock);
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  it('keeps the earliest start recorded for one sign-in, whatever the order; a sign-in is named by its second', async () => {
    const signIn = new Date(at(30).getTime() + 400);
    await starts.record('account-1', signIn, at(20));
    await starts.record('account-1', signIn, at(25));
    expect(await starts.startOf('account-1', Math.floor(signIn.getTime() / 1000))).toEqual(at(20));
    await starts.record('account-1', at(30), at(10));
    expect(await starts.startOf('account-1', Math.floor(signIn.getTime() / 1000))).toEqual(at(10));
    expect(await starts.startOf('account-2', Math.floor(signIn.getTime() / 1000))).toBeNull();
  });

  it('keeps the earliest of two records racing for the same sign-in', async () => {
    const signIn = at(40);
    await Promise.all([starts.record('account-3', signIn, at(35)), starts.record('account-3', signIn, at(5))]);
    expect(await starts.startOf('account-3', signIn.getTime() / 1000)).toEqual(at(5));
  });

  // Certain on PostgreSQL: the other record's row is uncommitted when this one looks, so its insert meets the key.
  it.runIf(kind === 'postgres')('a record whose insert meets a concurrent one keeps the earlier start, without an error', async () => {
    const signIn = at(50);
    const held =
      'INSERT INTO "sign_in_session_start" ("accountId", "authTime", "sessionStartedAt", "createdAt") VALUES ($1, $2, $3, now())';
    const key = ['account-4', signIn.getTime() / 1000] as const;
    const earlier = await raceAgainstHeldRow(
      db,
      (em) => em.query(held, [...key, at(45)]),
      () => starts.record('account-4', signIn, at(15)),
    );
    expect(earlier.status).toBe('fulfilled');
    expect(await starts.startOf(...key)).toEqual(at(15));
    const later = await raceAgainstHeldRow(
      db,
      (em) => em.query(held, ['account-5', key[1], at(15)]),
      () => starts.record('account-5', signIn, at(45)),
    );
    expect(later.status).toBe('fulfilled');
    expect(await starts.startOf('account-5', key[1])).toEqual(at(15));
  });

  it('sweeps records older than fifteen days, and only those', async () => {
    clock.advance(-16 * 86_400_000);
    await starts.record('old', at(1), at(0));
    clock.offsetMs = 0;
    await starts.record('new', at(1), at(0));
    await starts.sweep();
    expect(await starts.startOf('old', at(1).getTime() / 1000)).toBeNull();
    expect(await starts.startOf('new', at(1).getTime() / 1000)).toEqual(at(0));
  });
});
