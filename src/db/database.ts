import type { DataSource, EntityManager } from 'typeorm';

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
    const run = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Whether a write failed on a unique index or primary key: a concurrent writer got there first. */
export function isUniqueViolation(error: unknown): boolean {
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  const value = String(driverError?.code ?? code ?? '');
  return value === '23505' || value === 'SQLITE_CONSTRAINT_UNIQUE' || value === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
