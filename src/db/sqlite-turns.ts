import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DataSource, QueryRunner } from 'typeorm';

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
  runner.query = async (...args: Parameters<QueryRunner['query']>) => {
    if (!runner.isTransactionActive) {
      const now = performance.now();
      if (heldSince === null) {
        heldSince = now;
        setImmediate(() => (heldSince = null));
      } else if (now - heldSince >= SQLITE_SLICE_MS) {
        await nextTurn();
      }
    }
    return query(...args);
  };
}
