import pg from 'pg';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { listingTypes } from './pg-timestamps.js';
import { sqliteRows, sqliteWriteAll } from './sqlite-turns.js';

/**
 * How a hand-written statement runs (RawReader, EntityReader, RowInserter, the OIDC adapter): the one
 * place that knows. Every statement goes through the data source's logger, as TypeORM's own do (the
 * tests' StatementCounter hooks it); a failure is TypeORM's QueryFailedError, as callers expect.
 *
 * On PostgreSQL, a statement outside a transaction goes straight to the pool: TypeORM's path (a query
 * runner per statement, its broadcaster, its result wrapping) cost about a tenth of a refresh's CPU in
 * bench/oidc-profile.ts. A statement marked `prepared` (its text is built once and never depends on
 * values, so the names stay few) runs as a named prepared statement: each connection parses and plans
 * it once instead of at every execution.
 *
 * On SQLite, a statement outside a transaction runs on TypeORM's one connection directly
 * (src/db/sqlite-turns.ts: logged and taking turns as through TypeORM, without its wrapping), as
 * writeAll's transaction does; inside one, through the transaction's manager.
 */
export class StatementRunner {
  private readonly pool: pg.Pool | null;
  /** Statement names by text, for texts marked `prepared`. */
  private readonly names = new Map<string, string>();
  /** Statement names by text, for listings' texts (`arrays`), at most MAX_PREPARED_TEXTS. */
  private readonly listingNames = new Map<string, string>();
  /** Texts of merged writes (writeAll) prepared so far. */
  private readonly mergedShapes = new Set<string>();

  constructor(private readonly dataSource: DataSource) {
    this.pool = dataSource.options.type === 'postgres' ? ((dataSource.driver as unknown as { master: pg.Pool }).master ?? null) : null;
  }

  /** Whether statements go to PostgreSQL's pool (else SQLite, through TypeORM). */
  get onPostgres(): boolean {
    return this.pool !== null;
  }

  /**
   * Marks a statement's text as built once: on PostgreSQL it runs prepared under a name. Only for
   * texts that never depend on values (an IN list of varying length would prepare a statement per length).
   */
  prepared(sql: string): string {
    if (this.pool && !this.names.has(sql)) this.names.set(sql, `gw_raw_${this.names.size + 1}`);
    return sql;
  }

  /**
   * The rows the statement returns (none for a write). Inside a transaction (`em` of
   * `Database.transaction`), on that transaction's connection.
   */
  async rows(sql: string, parameters: unknown[], em?: EntityManager): Promise<Record<string, unknown>[]> {
    if (em?.queryRunner) return (await em.query(sql, parameters)) as Record<string, unknown>[];
    if (!this.pool) return sqliteRows(this.dataSource, sql, parameters);
    return this.onPool<Record<string, unknown>>({ name: this.names.get(sql), text: sql, values: parameters });
  }

  /**
   * A read-only SELECT's rows as arrays of column values in SELECT order (pg's `rowMode: 'array'`: no
   * object per row), timestamps read by src/db/pg-timestamps.ts; PostgreSQL only (RawReader.arrays;
   * SQLite's is sqliteRowArrays). The first MAX_PREPARED_TEXTS texts run as named prepared statements
   * (a listing's planning was about half the server's time for a page with its joins); later ones
   * unnamed: the texts follow each request's selection and filters, and no client may make every
   * connection keep statements without end.
   */
  arrays(sql: string, parameters: unknown[]): Promise<unknown[][]> {
    let name = this.listingNames.get(sql);
    if (!name && this.listingNames.size < MAX_PREPARED_TEXTS) this.listingNames.set(sql, (name = `gw_rows_${this.listingNames.size + 1}`));
    return this.onPool<unknown[]>({ name, text: sql, values: parameters, rowMode: 'array', types: listingTypes });
  }

  /** Runs a statement on a connection of the pool, logged; a failure is QueryFailedError. */
  private async onPool<R>(query: pg.QueryConfig & { rowMode?: 'array' }, sql = query.text, parameters = query.values ?? []): Promise<R[]> {
    this.dataSource.logger.logQuery(sql, parameters);
    const client = await this.pool!.connect();
    let broken: Error | undefined;
    try {
      return (await client.query(query as pg.QueryConfig)).rows as R[];
    } catch (error) {
      // The server refused the statement (a constraint, a bad value): the connection stays good. Else
      // drop it; also when a prepared statement's columns changed type under it (a migration while this
      // process runs), which would fail on that connection at every run: a new one prepares it afresh.
      if (!(error instanceof pg.DatabaseError) || error.code === CACHED_PLAN_CHANGED) broken = error as Error;
      this.dataSource.logger.logQueryError(error as Error, sql, parameters);
      throw new QueryFailedError(sql, parameters, error as Error);
    } finally {
      client.release(broken);
    }
  }

  /**
   * Runs writes (statements returning nothing used), in order, all or none. On PostgreSQL in one
   * statement: each write a data-modifying CTE, its placeholders renumbered. On SQLite in one
   * transaction of its one connection (sqliteWriteAll).
   */
  async writeAll(writes: readonly { sql: string; parameters: unknown[] }[]): Promise<void> {
    if (writes.length === 1) {
      await this.rows(writes[0]!.sql, writes[0]!.parameters);
      return;
    }
    if (!this.pool) return sqliteWriteAll(this.dataSource, writes);
    let offset = 0;
    const parts = writes.map((write, i) => {
      const shift = offset;
      offset += write.parameters.length;
      return `w${i + 1} AS (${write.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + shift}`)})`;
    });
    const sql = `WITH ${parts.join(', ')} SELECT 1`;
    if (this.mergedShapes.has(sql) || this.mergedShapes.size < MAX_PREPARED_SHAPES) {
      this.mergedShapes.add(sql);
      this.prepared(sql);
    }
    await this.rows(
      sql,
      writes.flatMap((write) => write.parameters),
    );
  }
}

/** PostgreSQL's `cached plan must not change result type` (feature_not_supported). */
const CACHED_PLAN_CHANGED = '0A000';

/** Listing texts (`arrays`) prepared per data source at most: they follow each request's selection. */
export const MAX_PREPARED_TEXTS = 64;

/** Merged statement texts prepared on PostgreSQL at most: a batch's shape is its request's, so few ever occur. */
const MAX_PREPARED_SHAPES = 32;

const runners = new WeakMap<DataSource, StatementRunner>();

/** The data source's StatementRunner, made on first use. */
export function statementRunner(dataSource: DataSource): StatementRunner {
  let runner = runners.get(dataSource);
  if (!runner) runners.set(dataSource, (runner = new StatementRunner(dataSource)));
  return runner;
}
