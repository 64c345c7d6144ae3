import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';

/** The code of the process warning for an SQLite transaction that let the event loop turn (Database). */
export const SQLITE_TRANSACTION_YIELDED = 'B2B_SQLITE_TRANSACTION_YIELDED';

/**
 * The services' handle on persistence: a data source plus `transaction()`.
 *
 * SQLite through better-sqlite3 has a single connection, so two interleaved
 * TypeORM transactions would collide ("cannot start a transaction within a transaction").
 * On SQLite, transactions are therefore queued one after another; PostgreSQL runs them concurrently.
 */
export class Database {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.isPostgres) return this.dataSource.transaction(work);
    // Each starts in a turn of the event loop of its own. better-sqlite3 answers a statement a few
    // microtasks after it was asked, so requests woken in one turn (pipelined requests parsed from one
    // read, waiters on one promise, the previous transaction's caller when this queue hands over) run
    // their statements alternately, and another request's statement would land inside this
    // transaction: gone with it on a rollback although that request answered success
    // (test/e2e/attack-sqlite-same-turn.test.ts). From a turn of its own, the body runs to its COMMIT
    // before any other request's code, as long as it awaits nothing but the database.
    const run = this.queue.then(() => nextTurn()).then(() => this.inOneTurn(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs a SQLite transaction, warning (SQLITE_TRANSACTION_YIELDED, a process warning) should it still
   * be open when the event loop turns: its body awaited something else than the database (a hash, a
   * fetch, a timer), and other requests' statements could run inside it. The test suite fails on it.
   */
  private async inOneTurn<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const watch = setImmediate(() =>
      process.emitWarning('An SQLite transaction was still open when the event loop turned: its body awaited more than the database', {
        code: SQLITE_TRANSACTION_YIELDED,
      }),
    );
    try {
      return await this.dataSource.transaction(work);
    } finally {
      clearImmediate(watch);
    }
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
