import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * better-sqlite3 runs each statement synchronously, so on SQLite a request's awaits on the database
 * never give the event loop a turn: a request runs from its first byte to its answer in one go, and
 * the loop runs every request that became ready at once back to back (bench/password-profile.ts: under
 * a guessing flood, 7 to 16 requests and up to 75 ms of CPU between two turns of a 1 ms timer; on
 * PostgreSQL, where every statement waits for the server, at most 3). So a statement outside a
 * transaction first lets the loop take its turn, as a statement to PostgreSQL does. Inside a
 * transaction it never does: SQLite has one connection, and another request's statements must not
 * land in an open transaction (Database.transaction queues transactions for the same reason).
 */
export function takeTurnsBeforeStatements(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  // The driver keeps one query runner for its one connection; every manager and repository uses it.
  const runner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as QueryRunner['query'];
  runner.query = async (...args: Parameters<QueryRunner['query']>) => {
    if (!runner.isTransactionActive) await nextTurn();
    return query(...args);
  };
}
