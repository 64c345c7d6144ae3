import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { insertWithStatements } from './bulk-sqlite.js';

/**
 * Inserts many rows without reloading them. On SQLite (one connection, so the caller's transaction
 * applies) rows go through one prepared statement, several times faster than building SQL text; on
 * PostgreSQL as `INSERT … SELECT … FROM unnest(…)`, written here rather than by TypeORM's query
 * builder, whose per-value work cost more than the database (a profile of a 2000-row CSV upload).
 * TypeORM's own `insert(array)` reloads the rows, which is slow and, on SQLite, fails for large
 * arrays with "Expression tree is too large". `chunkSize` is the most rows per statement on PostgreSQL.
 */
export async function insertMany<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
  chunkSize = UNNEST_ROWS,
): Promise<void> {
  if (rows.length === 0) return;
  if (em.connection.options.type === 'better-sqlite3') {
    insertWithStatements(em, target, rows);
    return;
  }
  await insertWithUnnest(em, target, rows, chunkSize);
}

/** Rows per unnest statement: a 2000-row upload's 3000 audit events per transaction in one. */
const UNNEST_ROWS = 5000;

/**
 * PostgreSQL: `INSERT … SELECT … FROM unnest($1::text[], …)`, one array parameter per column, each
 * cast to its column's type: PostgreSQL parses and plans that once per statement instead of once per
 * value. A column with one value in every row (the tenant, the actor, `now`, a null) is one scalar
 * parameter instead of an array, and arrays are written as text here: node-postgres escaped each
 * element through several calls, a sixth of an upload's write phase on the client. Columns no row
 * sets are left to their defaults.
 */
async function insertWithUnnest<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
  chunkSize: number,
): Promise<void> {
  const metadata = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const valueOf = valueReader(metadata.columns);
  for (let i = 0; i < rows.length; i += chunkSize) {
    const chunk = rows.slice(i, i + chunkSize);
    const set = metadata.columns.map((c, n) => chunk.filter((row) => valueOf(row, n) !== undefined).length);
    if (set.some((n) => n > 0 && n < chunk.length)) {
      // A column some rows leave to its default: TypeORM's INSERT writes DEFAULT per row.
      await em.createQueryBuilder().insert().into(target).values(chunk).updateEntity(false).execute();
      continue;
    }
    const names: string[] = [];
    const selected: string[] = [];
    const arrays: string[] = [];
    const params: unknown[] = [];
    metadata.columns.forEach((c, n) => {
      if (set[n] !== chunk.length) return;
      names.push(`"${c.databaseName}"`);
      const values = chunk.map((row) => toText(driver.preparePersistentValue(valueOf(row, n), c)));
      // Through text, as an array element is: the same input function reads both.
      const type = driver.normalizeType(c);
      if (values.every((v) => sameValue(v, values[0]))) {
        selected.push(`$${params.push(values[0])}::text::${type}`);
      } else {
        selected.push(`u.c${arrays.length}::${type}`);
        arrays.push(`$${params.push(arrayLiteral(values))}::text[]`);
      }
    });
    const from = arrays.length ? ` FROM unnest(${arrays.join(', ')}) AS u(${arrays.map((_, n) => `c${n}`).join(', ')})` : '';
    const select = arrays.length
      ? `SELECT ${selected.join(', ')}`
      : `SELECT ${selected.join(', ')} FROM generate_series(1, ${chunk.length})`;
    await em.query(`INSERT INTO "${metadata.tableName}" (${names.join(', ')}) ${select}${from}`, params);
  }
}

function sameValue(a: string | Date | null, b: string | Date | null | undefined): boolean {
  return a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());
}

/**
 * A text[] literal as node-postgres writes one (elements quoted, `\` and `"` escaped). Dates, which
 * node-postgres writes in the process's time zone, are left to it: the whole array is then passed.
 */
function arrayLiteral(values: (string | Date | null)[]): string | (string | Date | null)[] {
  let text = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (i > 0) text += ',';
    if (v === null) text += 'NULL';
    else if (typeof v !== 'string') return values;
    else text += ESCAPED.test(v) ? `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `"${v}"`;
  }
  return `${text}}`;
}
const ESCAPED = /["\\]/;

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
