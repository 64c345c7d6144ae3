import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { type DataSource, QueryFailedError, type QueryRunner } from 'typeorm';

/** How long SQLite statements may keep the event loop before one of them lets it take a turn. */
export const SQLITE_SLICE_MS = 2;

/**
 * better-sqlite3 runs each statement synchronously, so on SQLite a request's awaits on the database
 * never give the event loop a turn: a request runs from its first byte to its answer in one go, and
 * the loop runs every request that became ready at once back to back (bench/password-profile.ts: under
 * a guessing flood, 7 to 16 requests and up to 75 ms of CPU between two turns of a 1 ms timer; on
 * PostgreSQL, where every statement waits for the server, at most 3). So once the loop has been held
 * for SQLITE_SLICE_MS since it last turned, a statement outside a transaction first lets it take a turn,
 * as a statement to PostgreSQL does (not before every statement: each turn costs CPU). Inside a
 * transaction never: SQLite has one connection, and another request's statements must not land in an
 * open transaction (Database.transaction queues transactions for the same reason).
 */
export function takeTurnsBeforeStatements(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  // The driver keeps one query runner for its one connection; every manager and repository uses it.
  const runner = dataSource.driver.createQueryRunner('master');
  // The class's own query, looked up at each call (a bench hook may wrap it on the prototype).
  const query = (...args: Parameters<QueryRunner['query']>) => (Object.getPrototypeOf(runner) as QueryRunner).query.apply(runner, args);
  // When the loop's current run began (the first statement since it last reached its check phase).
  let heldSince: number | null = null;
  /** A run begins: it ends at the loop's next check phase. */
  const startSlice = () => {
    heldSince = performance.now();
    setImmediate(() => (heldSince = null));
  };
  /** The turn a statement waits for first, if it must wait; the statement after a turn starts a new run. */
  const turn = (): Promise<void> | undefined => {
    if (runner.isTransactionActive) return undefined;
    if (heldSince === null) startSlice();
    else if (performance.now() - heldSince >= SQLITE_SLICE_MS) return nextTurn().then(startSlice);
    return undefined;
  };
  turns.set(dataSource, turn);
  runner.query = async (...args: Parameters<QueryRunner['query']>) => {
    const wait = turn();
    if (wait) await wait;
    return query(...args);
  };
}

const turns = new WeakMap<DataSource, () => Promise<void> | undefined>();
const STATEMENTS_KEPT = 200;
/** Prepared statements by text, per data source: plain ones and raw ones (arrays) apart. */
const kept = new WeakMap<DataSource, { run: Map<string, Statement>; raw: Map<string, Statement> }>();

/**
 * The connection's statement for `sql`, prepared once (raw mode is the statement's own: kept apart).
 * Keyed by the text itself, not a text built from it: a statement's text is a constant whose hash the
 * engine keeps, and a new key string per call cost hashing the whole text at every statement.
 */
function statementFor(dataSource: DataSource, sql: string, raw: boolean): Statement {
  let both = kept.get(dataSource);
  if (!both) kept.set(dataSource, (both = { run: new Map(), raw: new Map() }));
  const statements = raw ? both.raw : both.run;
  let statement = statements.get(sql);
  if (!statement) {
    const connection = (dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
    statement = connection.prepare(sql);
    if (raw) statement.raw(true);
    if (statements.size >= STATEMENTS_KEPT) statements.delete(statements.keys().next().value!);
    statements.set(sql, statement);
  }
  return statement;
}

type Write = { sql: string; parameters: unknown[] };

/**
 * Runs `work` on the one connection once the statement's turn came (as through TypeORM's runner). A
 * failure is logged and becomes TypeORM's QueryFailedError for the statement `failed` names, as
 * callers expect of any statement.
 */
async function onConnection<T>(dataSource: DataSource, failed: () => Write, work: () => T): Promise<T> {
  const wait = turns.get(dataSource)?.();
  if (wait) await wait;
  try {
    return work();
  } catch (error) {
    const { sql, parameters } = failed();
    dataSource.logger.logQueryError(error as Error, sql, parameters);
    throw new QueryFailedError(sql, parameters, error as Error);
  }
}

/** The statement `sql` with `parameters`, logged first. */
function logged(dataSource: DataSource, sql: string, parameters: unknown[], raw: boolean): Statement {
  dataSource.logger.logQuery(sql, parameters);
  return statementFor(dataSource, sql, raw);
}

/**
 * A SELECT's rows as arrays of its columns' values, in SELECT order, on SQLite: better-sqlite3's raw
 * mode, which builds no object per row (for a page of 51 rows of 21 columns, 0.30 against 0.51 ms, and
 * less garbage). The statement is logged and waits for its turn as through TypeORM; it runs on the
 * same connection, prepared once.
 */
export function sqliteRowArrays(dataSource: DataSource, sql: string, parameters: unknown[]): Promise<unknown[][]> {
  return onConnection(
    dataSource,
    () => ({ sql, parameters }),
    () => logged(dataSource, sql, parameters, true).all(...parameters) as unknown[][],
  );
}

/**
 * A statement's rows (none for a write) on SQLite, outside a transaction: as TypeORM's query runner
 * runs it (logged, after its turn, on the one connection, a failure as QueryFailedError), without the
 * runner's per-statement wrapping (its broadcaster and result objects: 6–10 µs a statement, a tenth
 * of a point read's cost; bench/oidc-statements.ts).
 */
export function sqliteRows(dataSource: DataSource, sql: string, parameters: unknown[]): Promise<Record<string, unknown>[]> {
  return onConnection(
    dataSource,
    () => ({ sql, parameters }),
    () => run(logged(dataSource, sql, parameters, false), parameters),
  );
}

/** A statement's rows, or none for a write. */
function run(statement: Statement, parameters: unknown[]): Record<string, unknown>[] {
  if (statement.reader) return statement.all(...parameters) as Record<string, unknown>[];
  statement.run(...parameters);
  return [];
}

/**
 * Runs writes all or none on SQLite: one transaction, run synchronously, so no other request's
 * statement lands between them and one commit writes them (a commit per write wrote each table's and
 * index's pages once per write). Inside a transaction already open on the connection, a savepoint of it
 * (better-sqlite3's nesting), as each statement alone would have landed in it: the caller's own, since
 * Database.transaction starts each in a turn of its own and no body awaits anything but the database
 * (test/e2e/attack-sqlite-same-turn.test.ts). A failure undoes them
 * all and is TypeORM's QueryFailedError for the statement that failed.
 */
export async function sqliteWriteAll(dataSource: DataSource, writes: readonly Write[]): Promise<void> {
  const connection = (dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
  let current = writes[0]!;
  await onConnection(
    dataSource,
    () => current,
    () =>
      connection.transaction(() => {
        for (const write of writes) {
          current = write;
          run(logged(dataSource, write.sql, write.parameters, false), write.parameters);
        }
      })(),
  );
}
