import type { Statement } from 'better-sqlite3';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver.js';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';

/**
 * Inserts many rows without reloading them. On SQLite (one connection, so the caller's transaction
 * applies) rows go through one prepared statement, several times faster than building SQL text; on
 * PostgreSQL as multi-row INSERTs with numbered parameters, written here rather than by TypeORM's
 * query builder, whose per-value work cost more than the database (a profile of a 2000-row CSV
 * upload). TypeORM's own `insert(array)` reloads the rows, which is slow and, on SQLite, fails for
 * large arrays with "Expression tree is too large". `chunkSize` is the most rows per statement on
 * PostgreSQL, itself bounded by its 65535 parameters.
 */
export async function insertMany<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
  chunkSize = 200,
): Promise<void> {
  if (rows.length === 0) return;
  if (em.connection.options.type === 'better-sqlite3') {
    insertWithStatement(em, target, rows);
    return;
  }
  await insertWithUnnest(em, target, rows, chunkSize);
}

/**
 * PostgreSQL: `INSERT … SELECT … FROM unnest($1::text[], …)`, one array parameter per column, each
 * cast to its column's type. PostgreSQL parses and plans that once per statement instead of once per
 * value (a 250-row chunk of the CSV upload spent most of its time binding multi-row VALUES). Columns
 * no row sets are left to their defaults.
 */
async function insertWithUnnest<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
  chunkSize: number,
): Promise<void> {
  const metadata = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const perStatement = Math.max(chunkSize, 1000);
  const valueOf = valueReader(metadata.columns);
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const set = metadata.columns.map((c, n) => chunk.filter((row) => valueOf(row, n) !== undefined).length);
    if (set.some((n) => n > 0 && n < chunk.length)) {
      // A column some rows leave to its default: TypeORM's INSERT writes DEFAULT per row.
      await em.createQueryBuilder().insert().into(target).values(chunk).updateEntity(false).execute();
      continue;
    }
    const kept = metadata.columns.flatMap((c, n) => (set[n] === chunk.length ? [{ c, n }] : []));
    const columns = kept.map(({ c }) => c);
    const params = kept.map(({ c, n }) => chunk.map((row) => toText(driver.preparePersistentValue(valueOf(row, n), c))));
    const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
    const casts = columns.map((c, n) => `u.c${n}::${driver.normalizeType(c)}`).join(', ');
    const arrays = columns.map((_, n) => `$${n + 1}::text[]`).join(', ');
    const aliases = columns.map((_, n) => `c${n}`).join(', ');
    await em.query(`INSERT INTO "${metadata.tableName}" (${names}) SELECT ${casts} FROM unnest(${arrays}) AS u(${aliases})`, params);
  }
}

/**
 * A value as PostgreSQL's text input reads it for the column's type. Dates stay Dates: node-postgres
 * writes them into the array as it writes a single Date parameter, so stored times read back the same.
 */
function toText(value: unknown): string | Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new TypeError(`insertMany: no text form for ${typeof value}`);
}

/**
 * Reads column `n` of a row: a plain column (not embedded, not a relation) is its property, read
 * directly (getEntityValue's checks, per value, allocated a tenth of an upload's garbage).
 */
function valueReader(columns: ColumnMetadata[]): (row: object, n: number) => unknown {
  const plain = columns.map((c) => (c.embeddedMetadata || c.relationMetadata ? null : c.propertyName));
  return (row, n) => {
    const property = plain[n];
    return property == null ? columns[n]!.getEntityValue(row) : (row as Record<string, unknown>)[property];
  };
}

const statements = new WeakMap<object, Map<string, Statement>>();

function insertWithStatement<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, rows: QueryDeepPartialEntity<T>[]): void {
  const metadata = em.connection.getMetadata(target);
  const driver = em.connection.driver as BetterSqlite3Driver;
  const columns = metadata.columns;
  let cache = statements.get(driver);
  if (!cache) statements.set(driver, (cache = new Map()));
  let statement = cache.get(metadata.tableName);
  if (!statement) {
    const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
    statement = driver.databaseConnection.prepare(
      `INSERT INTO "${metadata.tableName}" (${names}) VALUES (${columns.map(() => '?').join(', ')})`,
    ) as Statement;
    cache.set(metadata.tableName, statement);
  }
  // One array of values, refilled per row (better-sqlite3 copies what it binds); rows of one call
  // mostly share their Date objects (a write's `now`), each converted to text once.
  const values: unknown[] = new Array(columns.length);
  const dates = new Map<Date, unknown>();
  const datetime = columns.map((c) => !c.transformer && (c.type === Date || c.type === 'datetime'));
  const valueOf = valueReader(columns);
  for (const row of rows) {
    for (let n = 0; n < columns.length; n++) {
      const c = columns[n]!;
      let value = valueOf(row, n);
      // An omitted value takes the column default, as a multi-row INSERT … DEFAULT would.
      if (value === undefined) value = c.default;
      if (datetime[n] && value instanceof Date) {
        let text = dates.get(value);
        if (text === undefined) dates.set(value, (text = driver.preparePersistentValue(value, c)));
        values[n] = text;
      } else {
        values[n] = driver.preparePersistentValue(value, c) ?? null;
      }
    }
    statement.run(values);
  }
}
