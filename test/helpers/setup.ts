// Tests run with the same config module as production; keep the dev-secret warning quiet.
process.env.LOG_LEVEL ??= 'silent';

// No SQLite transaction may let the event loop turn: another request's statements would run inside it
// (src/db/database.ts). The warning comes a turn after the transaction opened; a test that saw one fails.
import { afterEach } from 'vitest';
import { takeTransactionYields } from './transaction-yields.js';

afterEach(async () => {
  await new Promise((resolve) => setImmediate(resolve));
  const yields = takeTransactionYields();
  if (yields.length) throw new Error(`${yields.length} SQLite transaction(s) awaited more than the database (src/db/database.ts)`);
});
