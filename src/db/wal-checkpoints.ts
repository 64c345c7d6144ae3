import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver.js';

/** How often the checkpointer copies committed WAL frames into the database file. */
export const CHECKPOINT_EVERY_MS = 500;

/**
 * Pages in the WAL after which a commit on the gateway's own connection still checkpoints, should the
 * checkpointer fall behind or die (SQLite's default, 1000, is what every commit paid before).
 */
export const BACKSTOP_PAGES = 20_000;

// The worker is plain CommonJS run from a string: no TypeScript loader is needed in it, under tsx,
// vitest or the built server alike. A PASSIVE checkpoint never waits for the writer nor blocks it.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.path, { fileMustExist: true });
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

/**
 * SQLite checkpoints the WAL on the connection that commits once it holds 1000 pages: the commit then
 * copies them into the database file and syncs it, on the event loop (a 2000-row CSV upload's two
 * commits spent 120–250 ms there, most of it waiting for the disk; a password flood about 20 ms per
 * checkpoint). A worker thread with its own connection checkpoints instead, every CHECKPOINT_EVERY_MS,
 * off the loop. Commits stay as durable as before (in WAL mode a commit is in the WAL, not the file).
 * Returns how to stop it, after a last checkpoint.
 */
export function checkpointInTheBackground(dataSource: DataSource, path: string): () => Promise<void> {
  const connection = (dataSource.driver as BetterSqlite3Driver).databaseConnection;
  connection.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, path, everyMs: CHECKPOINT_EVERY_MS } });
  worker.unref();
  // A worker that fails leaves the backstop to checkpoint; nothing else depends on it.
  worker.on('error', () => undefined);
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  return async () => {
    worker.ref(); // an unreferenced worker's exit would not keep the process waiting for it
    worker.postMessage('stop');
    await exited;
  };
}
