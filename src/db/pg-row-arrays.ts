import pg from 'pg';
import { type DataSource, QueryFailedError } from 'typeorm';
import { listingTypes } from './pg-timestamps.js';

/** PostgreSQL's `cached plan must not change result type` (feature_not_supported). */
const CACHED_PLAN_CHANGED = '0A000';

/** Texts prepared per data source: they follow a request's selection and filters, so are bounded here. */
export const MAX_PREPARED_TEXTS = 64;

/**
 * PostgreSQL's counterpart of sqliteRowArrays (src/db/sqlite-turns.ts) for RawReader: a SELECT's
 * rows as arrays of column values in SELECT order (pg's `rowMode: 'array'`: no object per row, so
 * no property per column to set and collect), timestamps read by src/db/pg-timestamps.ts. On the
 * pool and through the data source's logger, failing with QueryFailedError, as StatementRunner's
 * `rows` (src/db/raw-statements.ts) does.
 *
 * The first MAX_PREPARED_TEXTS texts run as named prepared statements (each connection parses and plans
 * one once, not at every page: about half the server's time for a page with its joins); later
 * texts run unnamed, so that no client can make each connection keep statements without end.
 */
class PgRowArrays {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly pool: pg.Pool,
  ) {}

  async rows(sql: string, parameters: unknown[]): Promise<unknown[][]> {
    this.dataSource.logger.logQuery(sql, parameters);
    let name = this.names.get(sql);
    if (!name && this.names.size < MAX_PREPARED_TEXTS) this.names.set(sql, (name = `gw_rows_${this.names.size + 1}`));
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      return (await client.query<unknown[]>({ name, text: sql, values: parameters, rowMode: 'array', types: listingTypes })).rows;
    } catch (error) {
      // The server refused the statement (a bad value): the connection stays good. Else drop it; also
      // when a prepared statement's columns changed type under it (a migration while this process
      // runs), which would fail on that connection at every run: a new one prepares it afresh.
      if (!(error instanceof pg.DatabaseError) || error.code === CACHED_PLAN_CHANGED) broken = error as Error;
      this.dataSource.logger.logQueryError(error as Error, sql, parameters);
      throw new QueryFailedError(sql, parameters, error as Error);
    } finally {
      client.release(broken);
    }
  }
}

const byDataSource = new WeakMap<DataSource, PgRowArrays>();

/** The rows of a read-only SELECT on PostgreSQL as arrays of values (see PgRowArrays). */
export function pgRowArrays(dataSource: DataSource, sql: string, parameters: unknown[]): Promise<unknown[][]> {
  let arrays = byDataSource.get(dataSource);
  if (!arrays) {
    const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
    byDataSource.set(dataSource, (arrays = new PgRowArrays(dataSource, pool)));
  }
  return arrays.rows(sql, parameters);
}
