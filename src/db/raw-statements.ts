import pg from 'pg';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
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
    this.dataSource.logger.logQuery(sql, parameters);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      const name = this.names.get(sql);
      return (
        await client.query<Record<string, unknown>>(name ? { name, text: sql, values: parameters } : { text: sql, values: parameters })
      ).rows;
    } catch (error) {
      // The server refused the statement (a constraint, a bad value): the connection stays good. Else drop it.
      if (!(error instanceof pg.DatabaseError)) broken = error as Error;
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

/** Merged statement texts prepared on PostgreSQL at most: a batch's shape is its request's, so few ever occur. */
const MAX_PREPARED_SHAPES = 32;

const runners = new WeakMap<DataSource, StatementRunner>();

/** The data source's StatementRunner, made on first use. */
export function statementRunner(dataSource: DataSource): StatementRunner {
  let runner = runners.get(dataSource);
  if (!runner) runners.set(dataSource, (runner = new StatementRunner(dataSource)));
  return runner;
}
