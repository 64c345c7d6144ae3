import type { EntityManager } from 'typeorm';
import type { Database } from '../../src/db/database.js';

/**
 * A race made certain (PostgreSQL): `hold` writes in a transaction of its own session, kept
 * uncommitted while `work` starts; once a session waits on a lock (work's insert meeting the held row
 * at a unique key), the transaction commits, so work's insert fails with a unique violation rather
 * than seeing the row before it. Returns work's outcome, settled.
 */
export async function raceAgainstHeldRow<T>(
  db: Database,
  hold: (em: EntityManager) => Promise<unknown>,
  work: () => Promise<T>,
): Promise<PromiseSettledResult<T>> {
  const runner = db.manager.connection.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await hold(runner.manager);
    const racing = work().then(
      (value) => ({ status: 'fulfilled', value }) as const,
      (reason: unknown) => ({ status: 'rejected', reason }) as const,
    );
    const waiting = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    let waited = false;
    for (let i = 0; i < 200 && !waited; i++) {
      waited = (await db.manager.query(waiting))[0].n > 0;
      if (!waited) await new Promise((r) => setTimeout(r, 25));
    }
    if (!waited) throw new Error('the racing work never waited on the held row');
    await runner.commitTransaction();
    return await racing;
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}
