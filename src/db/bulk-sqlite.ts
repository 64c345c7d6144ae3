import type { Statement } from 'better-sqlite3';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver.js';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';

// insertMany on SQLite (see bulk.ts): the caller's transaction applies, as SQLite has one connection.

type Binder = (value: unknown, memo: Map<object, unknown>) => unknown;

/** A table's columns as insertMany binds them, worked out once per table. */
interface TableInsert {
  table: string;
  names: string;
  columns: ColumnMetadata[];
  properties: (string | null)[];
  bind: Binder[];
  statements: Map<string, Statement>;
}

/** Rows per statement: a call per row cost about as much as SQLite's own work for it. */
const ROWS_PER_STATEMENT = 50;

const tables = new WeakMap<object, Map<string, TableInsert>>();

/**
 * Inserts rows ROWS_PER_STATEMENT at a time through a prepared multi-row INSERT, the rest one by one.
 * A column with the same value in every row (the tenant, the actor, `now`, a null) is bound once per
 * statement, as one numbered parameter every row names.
 */
export function insertWithStatements<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
): void {
  const driver = em.connection.driver as BetterSqlite3Driver;
  const insert = tableInsert(driver, em.connection.getMetadata(target).tableName, em.connection.getMetadata(target).columns);
  const { columns, properties, bind } = insert;
  // Rows of one call mostly share their Date objects (a write's `now`) and some their JSON values (an
  // upload's audit details of one group), each converted to text once.
  const memo = new Map<object, unknown>();
  const valueAt = (row: object, n: number) => {
    const property = properties[n];
    return bind[n]!(property === null ? columns[n]!.getEntityValue(row) : (row as Record<string, unknown>)[property!], memo);
  };
  let done = 0;
  if (rows.length >= ROWS_PER_STATEMENT) {
    const first = columns.map((_, n) => valueAt(rows[0]!, n));
    const constant = first.map((v, n) => rows.every((row) => valueAt(row, n) === v));
    const varying = columns.flatMap((_, n) => (constant[n] ? [] : [n]));
    const many = statement(driver, insert, constant, ROWS_PER_STATEMENT);
    const named = Object.fromEntries(columns.flatMap((_, n) => (constant[n] ? [[`c${n}`, first[n]]] : [])));
    // One array of values, refilled per statement (better-sqlite3 copies what it binds).
    const values: unknown[] = new Array(varying.length * ROWS_PER_STATEMENT);
    for (; done + ROWS_PER_STATEMENT <= rows.length; done += ROWS_PER_STATEMENT) {
      let at = 0;
      for (let r = done; r < done + ROWS_PER_STATEMENT; r++) for (const n of varying) values[at++] = valueAt(rows[r]!, n);
      many.run(values, named);
    }
  }
  const one = statement(driver, insert, null, 1);
  const values: unknown[] = new Array(columns.length);
  for (; done < rows.length; done++) {
    for (let n = 0; n < columns.length; n++) values[n] = valueAt(rows[done]!, n);
    one.run(values);
  }
}

function tableInsert(driver: BetterSqlite3Driver, table: string, columns: ColumnMetadata[]): TableInsert {
  let cache = tables.get(driver);
  if (!cache) tables.set(driver, (cache = new Map()));
  let insert = cache.get(table);
  if (!insert) {
    insert = {
      table,
      names: columns.map((c) => `"${c.databaseName}"`).join(', '),
      columns,
      properties: columns.map((c) => (c.embeddedMetadata || c.relationMetadata ? null : c.propertyName)),
      bind: columns.map((c) => binder(driver, c)),
      statements: new Map(),
    };
    cache.set(table, insert);
  }
  return insert;
}

/**
 * The INSERT of `rows` rows where each `constant` column (none when null) is one named parameter
 * (`@c` and its index) every row names, and the others are anonymous, row after row. Prepared once
 * per shape.
 */
function statement(driver: BetterSqlite3Driver, insert: TableInsert, constant: boolean[] | null, rows: number): Statement {
  const key = `${rows}:${constant?.map((c) => (c ? 1 : 0)).join('') ?? ''}`;
  let prepared = insert.statements.get(key);
  if (!prepared) {
    const tuple = `(${insert.columns.map((_, n) => (constant?.[n] ? `@c${n}` : '?')).join(', ')})`;
    const tuples = Array.from({ length: rows }, () => tuple);
    prepared = driver.databaseConnection.prepare(
      `INSERT INTO "${insert.table}" (${insert.names}) VALUES ${tuples.join(', ')}`,
    ) as Statement;
    insert.statements.set(key, prepared);
  }
  return prepared;
}

/**
 * How a column's value is bound, decided once per table: what TypeORM's preparePersistentValue would
 * return, without its walk through the column types for every value. An omitted value takes the
 * column default, as a multi-row INSERT … DEFAULT would.
 */
function binder(driver: BetterSqlite3Driver, c: ColumnMetadata): Binder {
  const general = (value: unknown) => driver.preparePersistentValue(value === undefined ? c.default : value, c) ?? null;
  if (c.transformer) return general;
  if (c.type === Date || c.type === 'datetime') {
    return (value, memo) => {
      if (!(value instanceof Date)) return general(value);
      let text = memo.get(value);
      if (text === undefined) memo.set(value, (text = general(value)));
      return text;
    };
  }
  if (c.type === 'simple-json') {
    // TypeORM's simple-json is JSON.stringify, reached after its walk through the column types.
    return (value, memo) => {
      if (value === null || value === undefined || typeof value !== 'object') return general(value);
      let text = memo.get(value);
      if (text === undefined) memo.set(value, (text = JSON.stringify(value)));
      return text;
    };
  }
  if (PLAIN_TYPES.has(c.type as string)) {
    return (value) => (typeof value === 'string' || typeof value === 'number' ? value : general(value));
  }
  return general;
}

/** Column types whose strings and numbers TypeORM binds as they are on SQLite. */
const PLAIN_TYPES = new Set(['varchar', 'text', 'character varying', 'nvarchar', 'integer', 'int', 'bigint', 'real', 'float', 'double']);
