import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { RawReader } from './raw-read.js';
import type { StatementRunner } from './raw-statements.js';
import type { WriteBatch } from './write-batch.js';

/**
 * One INSERT of chosen columns of an entity's table, written once, for rows a hot path writes on every
 * request (the sign-in log at each refresh): TypeORM's insert builder costs more CPU than the insert.
 * Values are stored as TypeORM stores them (dates as SQLite's UTC text). Only in the table's owning module.
 */
export class RowInserter<T extends ObjectLiteral, K extends keyof T & string> {
  private readonly sql: string;
  private readonly dates: boolean[];
  private readonly runner: StatementRunner;

  constructor(
    dataSource: DataSource,
    entity: EntityTarget<T>,
    private readonly properties: readonly K[],
  ) {
    const params = new RawReader(dataSource, entity, properties);
    const metadata = dataSource.getMetadata(entity);
    this.dates = properties.map((property) => metadata.findColumnWithPropertyName(property)!.type === Date);
    this.runner = params.runner;
    this.sql = this.runner.prepared(
      `INSERT INTO ${params.table} (${params.columns}) VALUES (${properties.map((_, i) => params.param(i + 1)).join(', ')})`,
    );
    this.date = (value) => params.date(value);
  }

  private readonly date: (value: Date) => Date | string;

  /** With `batch` (the caller's request's, src/db/write-batch.ts), the row is written with its writes, before the answer. */
  async insert(row: Pick<T, K>, batch?: WriteBatch): Promise<void> {
    const values = this.properties.map((property, i) => {
      const value = row[property] as unknown;
      return this.dates[i] && value instanceof Date ? this.date(value) : (value ?? null);
    });
    if (batch) await batch.add({ runner: this.runner, sql: this.sql, parameters: values });
    else await this.runner.rows(this.sql, values);
  }
}
