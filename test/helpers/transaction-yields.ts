import { SQLITE_TRANSACTION_YIELDED } from '../../src/db/database.js';

/** The SQLite transactions that let the event loop turn (Database's warning), since last taken. */
let yields: Error[] = [];

process.on('warning', (warning: Error & { code?: string }) => {
  if (warning.code === SQLITE_TRANSACTION_YIELDED) yields.push(warning);
});

/** Returns and forgets the warnings seen so far. */
export function takeTransactionYields(): Error[] {
  const taken = yields;
  yields = [];
  return taken;
}
