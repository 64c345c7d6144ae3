import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { RawReader } from './raw-read.js';

/**
 * Whole rows of one entity as instances of its class, for hot lookups by key (every OIDC request reads
 * its app, account and policy): the same entity TypeORM would hydrate, from one SELECT written once,
 * so callers may keep using or saving it. Reads only; writes stay with the table's owning module.
 */
export class EntityReader<T extends ObjectLiteral> {
  private readonly raw: RawReader<T, keyof T & string>;
  private readonly create: () => T;
  private readonly statements = new Map<string, string>();

  constructor(dataSource: DataSource, entity: EntityTarget<T>) {
    const metadata = dataSource.getMetadata(entity);
    this.raw = new RawReader(
      dataSource,
      entity,
      metadata.columns.map((column) => column.propertyName as keyof T & string),
    );
    this.create = () => metadata.create() as T;
  }

  /** The dialect's placeholder for the n-th parameter (1-based). */
  param(n: number): string {
    return this.raw.param(n);
  }

  /** A date as a parameter (see RawReader.date). */
  date(value: Date): Date | string {
    return this.raw.date(value);
  }

  /** `SELECT <all columns> FROM <table> WHERE <where>` (write `where` with `param`). */
  select(where: string): string {
    return `SELECT ${this.raw.columns} FROM ${this.raw.table} WHERE ${where}`;
  }

  /**
   * A statement built once per reader under `name` (its text never depends on values): on PostgreSQL
   * it runs prepared (src/db/raw-statements.ts).
   */
  statement(name: string, build: (reader: this) => string): string {
    let sql = this.statements.get(name);
    if (sql === undefined) this.statements.set(name, (sql = this.raw.runner.prepared(build(this))));
    return sql;
  }

  /** `"<table>"`, for joins. */
  get table(): string {
    return this.raw.table;
  }

  /** All columns of table alias `alias`, for a join of several entities (read back with `fromRow`). */
  columnsAs(alias: string): string {
    return this.raw.columnsAs(alias);
  }

  /** The entity in a joined row's `columnsAs(alias)`; null when the (outer) join found none. */
  fromRow(row: Record<string, unknown>, alias: string): T | null {
    const plain = this.raw.mapAs(row, alias);
    return plain && Object.assign(this.create(), plain);
  }

  /** The rows as the database returns them (for a join: map each with `fromRow`). */
  rows(sql: string, parameters: unknown[]): Promise<Record<string, unknown>[]> {
    return this.raw.runner.rows(sql, parameters);
  }

  async many(sql: string, parameters: unknown[]): Promise<T[]> {
    return (await this.raw.query(sql, parameters)).map((row) => Object.assign(this.create(), row));
  }

  async one(sql: string, parameters: unknown[]): Promise<T | null> {
    return (await this.many(sql, parameters))[0] ?? null;
  }
}

const readers = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, EntityReader<ObjectLiteral>>>();

/** The data source's EntityReader of `entity`, made on first use. */
export function entityReader<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>): EntityReader<T> {
  let byEntity = readers.get(dataSource);
  if (!byEntity) readers.set(dataSource, (byEntity = new Map()));
  let reader = byEntity.get(entity);
  if (!reader) byEntity.set(entity, (reader = new EntityReader(dataSource, entity)));
  return reader as unknown as EntityReader<T>;
}
