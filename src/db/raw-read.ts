import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { ApplyValueTransformers } from 'typeorm/util/ApplyValueTransformers.js';
import { type StatementRunner, statementRunner } from './raw-statements.js';
import { sqliteRowArrays } from './sqlite-turns.js';

/**
 * Reads rows of one entity's table as plain objects of chosen properties, for hot listing paths: one
 * hand-written SELECT of only the needed columns, each row mapped by a converter per column, without
 * TypeORM's query building or entity hydration (about a tenth of a listing's time in a profile, and
 * most of its garbage). Reads only: writes stay with the table's owning module.
 *
 * Values come back as TypeORM would hydrate them: dates as Date (SQLite stores UTC text), booleans as
 * booleans (SQLite stores 0/1), simple-json parsed.
 */
export class RawReader<T extends ObjectLiteral, K extends keyof T & string> {
  /** `"col1", "col2", …` for a SELECT list (the first property is the row's key). */
  readonly columns: string;
  readonly table: string;
  private readonly converters: { property: K; column: string; convert: (value: unknown) => unknown }[];
  private readonly postgres: boolean;
  /** Row keys of `columnsAs(alias)`, by alias. */
  private readonly aliased = new Map<string, string[]>();
  /** Readers of fewer columns (`narrowed`), by their properties. */
  private readonly narrower = new Map<string, RawReader<T, K>>();
  /** Runs the statements (src/db/raw-statements.ts). */
  readonly runner: StatementRunner;

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<T>,
    private readonly properties: readonly K[],
  ) {
    const metadata = dataSource.getMetadata(entity);
    this.postgres = dataSource.options.type === 'postgres';
    this.runner = statementRunner(dataSource);
    this.table = `"${metadata.tableName}"`;
    this.converters = properties.map((property) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new TypeError(`${metadata.name} has no column ${property}`);
      return { property, column: column.databaseName, convert: converterFor(column, this.postgres) };
    });
    this.columns = this.converters.map(({ column }) => `"${column}"`).join(', ');
  }

  /**
   * A reader of only those of this reader's properties that are in `wanted` or `always` (the first,
   * the key, is always read): each column read costs on every row, in the database and in mapping.
   * The rows it maps hold only these properties.
   */
  narrowed(wanted: ReadonlySet<string>, always: readonly K[] = []): RawReader<T, K> {
    const properties = this.properties.filter((p, i) => i === 0 || wanted.has(p) || always.includes(p));
    if (properties.length === this.properties.length) return this;
    const key = properties.join(',');
    let reader = this.narrower.get(key);
    if (!reader) {
      // Callers choose the sets (a query's selection): kept few, so that no client grows the map.
      if (this.narrower.size >= MAX_NARROWED) this.narrower.clear();
      this.narrower.set(key, (reader = new RawReader(this.dataSource, this.entity, properties)));
    }
    return reader;
  }

  /** The same columns of table alias `alias`, named `<alias>_<column>` (for joins: read with `mapAs`, or `arrays` and `mapAt`). */
  columnsAs(alias: string): string {
    return this.converters.map(({ column }) => `${alias}."${column}" AS "${alias}_${column}"`).join(', ');
  }

  /** The dialect's placeholder for the n-th parameter (1-based). */
  param(n: number): string {
    return this.postgres ? `$${n}` : '?';
  }

  /** `(p_from, …, p_from+count-1)` for an IN list. */
  params(from: number, count: number): string {
    return `(${Array.from({ length: count }, (_, i) => this.param(from + i)).join(', ')})`;
  }

  /** A date as a parameter: SQLite compares TypeORM's UTC text (`YYYY-MM-DD HH:MM:SS.SSS`). */
  date(value: Date): Date | string {
    return this.postgres ? value : value.toISOString().replace('T', ' ').replace('Z', '');
  }

  async query(sql: string, parameters: unknown[]): Promise<Pick<T, K>[]> {
    const rows = await this.runner.rows(sql, parameters);
    return rows.map((row) => this.map(row));
  }

  /**
   * A SELECT's rows as arrays of column values in SELECT order (read with `mapAt`), without an
   * object per row: see sqliteRowArrays and StatementRunner.arrays (which prepares the text on PostgreSQL).
   */
  async arrays(sql: string, parameters: unknown[]): Promise<unknown[][]> {
    return this.postgres ? this.runner.arrays(sql, parameters) : sqliteRowArrays(this.dataSource, sql, parameters);
  }

  /** How many columns `columns` and `columnsAs` list. */
  get width(): number {
    return this.converters.length;
  }

  /**
   * The row of this reader's columns at `offset` in an array row (`arrays`); with `joined`, null when
   * a join found nothing (its first column, the key, is null).
   */
  mapAt(values: readonly unknown[], offset: number, joined = false): Pick<T, K> | null {
    if (joined && values[offset] == null) return null;
    const plain: Record<string, unknown> = {};
    for (let i = 0; i < this.converters.length; i++) {
      const { property, convert } = this.converters[i]!;
      const value = values[offset + i];
      plain[property] = value === null || value === undefined ? null : convert(value);
    }
    return plain as Pick<T, K>;
  }

  /** A row of `columnsAs(alias)`; null when the join found nothing (its first column, the key, is null). */
  mapAs(row: Record<string, unknown>, alias: string): Pick<T, K> | null {
    let keys = this.aliased.get(alias);
    if (!keys) this.aliased.set(alias, (keys = this.converters.map(({ column }) => `${alias}_${column}`)));
    return row[keys[0]!] == null ? null : this.map(row, keys);
  }

  map(row: Record<string, unknown>, keys?: readonly string[]): Pick<T, K> {
    const plain: Record<string, unknown> = {};
    for (let i = 0; i < this.converters.length; i++) {
      const { property, column, convert } = this.converters[i]!;
      const value = row[keys ? keys[i]! : column];
      plain[property] = value === null || value === undefined ? null : convert(value);
    }
    return plain as Pick<T, K>;
  }
}

/** Narrowed readers kept per reader (each a few hundred bytes). */
const MAX_NARROWED = 64;

const same = (value: unknown) => value;

function converterFor(column: ColumnMetadata, postgres: boolean): (value: unknown) => unknown {
  const convert = typeConverterFor(column, postgres);
  // A transformer reads the hydrated value last, as TypeORM applies it (e.g. a bigint's text to a number).
  const transformer = column.transformer;
  if (!transformer) return convert;
  return (value) => ApplyValueTransformers.transformFrom(transformer, convert(value));
}

function typeConverterFor(column: ColumnMetadata, postgres: boolean): (value: unknown) => unknown {
  const type = column.type;
  if (type === Date || type === 'datetime' || type === 'timestamptz' || type === 'timestamp') return postgres ? toDate : sqliteDate;
  if (type === Boolean || type === 'boolean') return postgres ? same : Boolean;
  if (type === 'simple-json') return (value) => JSON.parse(value as string);
  if (type === Number || type === 'integer' || type === 'int') return (value) => (typeof value === 'string' ? Number(value) : value);
  return same;
}

/** A date column's value as read from either database (null stays null). */
export function readDate(value: unknown, postgres: boolean): Date | null {
  if (value === null || value === undefined) return null;
  return postgres ? toDate(value) : sqliteDate(value);
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string);
}

/** SQLite keeps `YYYY-MM-DD HH:MM:SS.SSS` in UTC (TypeORM's format); other forms are parsed as TypeORM would. */
function sqliteDate(value: unknown): Date {
  if (typeof value !== 'string') return toDate(value);
  if (value.length === 23 && value[10] === ' ') return typeormUtc(value) ?? new Date(`${value.slice(0, 10)}T${value.slice(11)}Z`);
  let text = /^\d\d\d\d-\d\d-\d\d \d\d:\d\d/.test(value) ? value.replace(' ', 'T') : value;
  if (/^\d\d\d\d-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d\d\d)?)?$/.test(text)) text += 'Z';
  return new Date(text);
}

/** The decimal digit at `i` of `text`; far below zero for any other character (so is any field it is in). */
function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1e6;
}

/**
 * `YYYY-MM-DD HH:MM:SS.SSS` (UTC) from its digits, without building an ISO string to parse: half the
 * cost, paid for each date of each row of a listing. Null for anything it does not answer exactly as
 * that string's parse would (a year below 100, which Date.UTC reads as 19xx; a field out of range,
 * which it would carry over), left to the parse. (Plain functions: a closure here doubled the cost.)
 */
function typeormUtc(t: string): Date | null {
  if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58 || t.charCodeAt(19) !== 46) {
    return null;
  }
  const year = digit(t, 0) * 1000 + digit(t, 1) * 100 + digit(t, 2) * 10 + digit(t, 3);
  const month = digit(t, 5) * 10 + digit(t, 6);
  const day = digit(t, 8) * 10 + digit(t, 9);
  const hours = digit(t, 11) * 10 + digit(t, 12);
  const minutes = digit(t, 14) * 10 + digit(t, 15);
  const seconds = digit(t, 17) * 10 + digit(t, 18);
  const ms = digit(t, 20) * 100 + digit(t, 21) * 10 + digit(t, 22);
  if (year < 100 || month < 1 || month > 12 || day < 1 || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return null;
  if (seconds < 0 || seconds > 59 || ms < 0) return null;
  const date = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds, ms));
  return date.getUTCDate() === day ? date : null;
}
