import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../src/db/data-source.js';
import { MAX_PREPARED_TEXTS, statementRunner } from '../../src/db/raw-statements.js';

import { listingTypes } from '../../src/db/pg-timestamps.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';

/** A listing's rows as arrays on PostgreSQL (RawReader.arrays goes here). */
const pgRowArrays = (dataSource: DataSource, sql: string, parameters: unknown[]) => statementRunner(dataSource).arrays(sql, parameters);

const pgParse = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (text: string) => unknown;
const asText = (value: unknown) => (value instanceof Date ? `${value.getTime()}` : String(value));

/**
 * StatementRunner.arrays (src/db/raw-statements.ts) and pg-timestamps.ts on a real PostgreSQL: listing rows as arrays, their
 * timestamps read as pg reads them in whatever time zone the session prints them, their texts
 * prepared up to a bound.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL row arrays', () => {
  let tdb: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    dataSource = await openDatabase(tdb.database);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await tdb.drop();
  });

  it('reads timestamptz as pg does in any session time zone, to the microsecond, early years, BC and infinity too', async () => {
    const client = new pg.Client({ connectionString: (tdb.database as { url: string }).url });
    await client.connect();
    try {
      const fixed = [
        '2026-12-07 14:06:57.123456+00',
        '2026-12-07 14:06:57.1+00',
        '1969-12-31 23:59:59.999999+00',
        '1900-01-01 00:00:00+00',
        '2026-03-29 01:30:00+00',
        '2026-11-01 09:30:00.000001+00',
        '0050-06-01 12:00:00+00',
        '0044-03-15 12:00:00+00 BC',
        '9999-12-31 23:59:59.999999+00',
        'infinity',
        '-infinity',
      ];
      const sql =
        `SELECT v, v::text FROM (SELECT unnest($1::timestamptz[]) AS v UNION ALL ` +
        `SELECT timestamptz '1900-01-01 00:00:00+00' + random() * interval '150 years' FROM generate_series(1, 300)) t`;
      for (const zone of [
        'UTC',
        'Europe/Amsterdam',
        'America/Los_Angeles',
        'Asia/Kolkata',
        'Asia/Kathmandu',
        'America/St_Johns',
        'Pacific/Chatham',
      ]) {
        await client.query(`SET TimeZone TO '${zone}'`);
        const { rows } = await client.query<[unknown, string]>({ text: sql, values: [fixed], rowMode: 'array', types: listingTypes });
        expect(rows.length).toBe(fixed.length + 300);
        for (const [value, text] of rows) expect(asText(value), `${zone}: ${text}`).toBe(asText(pgParse(text)));
        expect(rows.map(([value]) => value).filter((v) => v instanceof Date).length).toBeGreaterThan(300);
      }
    } finally {
      await client.end();
    }
  });

  it('runs each text as a prepared statement, up to MAX_PREPARED_TEXTS texts, later ones unnamed', async () => {
    const prepared = async () =>
      (await pgRowArrays(dataSource, `SELECT "name", "statement" FROM pg_prepared_statements WHERE "name" LIKE 'gw_rows_%'`, [])).map(
        ([, statement]) => statement,
      );
    // One at a time, every statement gets the pool's last connection back: its prepared statements are those seen here.
    expect(await pgRowArrays(dataSource, 'SELECT $1::int AS "n", now() AS "at"', [7])).toEqual([[7, expect.any(Date)]]);
    expect(await prepared()).toContain('SELECT $1::int AS "n", now() AS "at"');
    for (let i = 0; i < MAX_PREPARED_TEXTS + 10; i++) {
      expect(await pgRowArrays(dataSource, `SELECT $1::int + ${i} AS "n"`, [1])).toEqual([[1 + i]]);
    }
    const statements = await prepared();
    expect(statements.length).toBeLessThanOrEqual(MAX_PREPARED_TEXTS);
    expect(statements).toContain('SELECT $1::int + 0 AS "n"');
    expect(statements).not.toContain(`SELECT $1::int + ${MAX_PREPARED_TEXTS + 9} AS "n"`);
  });

  it('prepares a statement afresh once its columns changed type under it', async () => {
    // A data source of its own: the test above used up this one's prepared texts, so its reads run unnamed.
    const fresh = await openDatabase(tdb.database);
    onTestFinished(() => fresh.destroy());
    await fresh.query('CREATE TABLE "row_arrays_probe" ("a" int)');
    await fresh.query('INSERT INTO "row_arrays_probe" VALUES (1)');
    const read = () => pgRowArrays(fresh, 'SELECT "a" FROM "row_arrays_probe" WHERE $1::int = 1', [1]);
    expect(await read()).toEqual([[1]]);
    await fresh.query('ALTER TABLE "row_arrays_probe" ALTER COLUMN "a" TYPE text');
    // The connection that prepared it fails once (PostgreSQL: cached plan must not change result type)
    // and is dropped. pg's pool hands out its most recently released connection, and the test runs one
    // statement at a time, so the read after the ALTER gets the connection that prepared it.
    await expect(read()).rejects.toThrow(/cached plan/);
    expect(await read()).toEqual([['1']]);
    expect(await read()).toEqual([['1']]);
  });

  it('prepares a hand-written statement (StatementRunner.rows) afresh too', async () => {
    await dataSource.query('CREATE TABLE "rows_probe" ("a" int)');
    await dataSource.query('INSERT INTO "rows_probe" VALUES (1)');
    const runner = statementRunner(dataSource);
    const read = () => runner.rows(runner.prepared('SELECT "a" FROM "rows_probe" WHERE $1::int = 1'), [1]);
    expect(await read()).toEqual([{ a: 1 }]);
    await dataSource.query('ALTER TABLE "rows_probe" ALTER COLUMN "a" TYPE text');
    await expect(read()).rejects.toThrow(/cached plan/);
    expect(await read()).toEqual([{ a: '1' }]);
    expect(await read()).toEqual([{ a: '1' }]);
  });

  it('fails as TypeORM statements do, and the connection stays usable', async () => {
    await expect(pgRowArrays(dataSource, 'SELECT 1 / $1::int AS "n"', [0])).rejects.toMatchObject({ name: 'QueryFailedError' });
    expect(await pgRowArrays(dataSource, 'SELECT 1 / $1::int AS "n"', [1])).toEqual([[1]]);
  });
});
