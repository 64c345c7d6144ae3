import type { StatementRunner } from './raw-statements.js';

/** One write a batch holds: a statement written once (placeholders 1..n, one per value) and its values. */
export interface BatchedWrite {
  /** The data source's runner (src/db/raw-statements.ts). */
  runner: StatementRunner;
  sql: string;
  parameters: unknown[];
  /** The row it writes, when one (e.g. `oidc_payload:Session:<hash>`): a second write to it flushes first. */
  key?: string;
}

/**
 * Writes a request makes on its way to its answer, held and sent together right before it, all or
 * none (StatementRunner.writeAll: on PostgreSQL one statement of data-modifying CTEs, one round trip
 * instead of one per write; on SQLite one transaction, one commit instead of one per write). The owners still write their statements (the OIDC adapter, the
 * sign-in log's RowInserter); the batch only holds and sends them, in order.
 *
 * Whoever reads what a held write may change flushes first (`flush`), so nothing ever reads around a
 * held write; a second write to a row already held flushes the first (one statement never changes a
 * row twice).
 */
export class WriteBatch {
  private held: BatchedWrite[] = [];
  private sending: Promise<void> = Promise.resolve();
  private closed = false;
  private undos: (() => Promise<unknown>)[] = [];

  /**
   * `undo` runs should the held writes fail to be written: it gives back what a write of the request
   * made at once, outside the batch, expecting the rest (a token claimed before the tokens it pays for).
   */
  onWriteFailure(undo: () => Promise<unknown>): void {
    this.undos.push(undo);
  }

  /** Runs the undos, each at most once and whatever the others do; one that fails leaves its write made. */
  async undo(): Promise<void> {
    const undos = this.undos;
    this.undos = [];
    await Promise.allSettled(undos.map((u) => u()));
  }

  /** Holds a write; when `write.key` is held already (or another data source's), what is held goes first. */
  async add(write: BatchedWrite): Promise<void> {
    if (this.held.some((w) => (write.key && w.key === write.key) || w.runner !== write.runner)) await this.flush();
    this.held.push(write);
  }

  /** Whether a held write has a key starting with `prefix`. */
  holds(prefix: string): boolean {
    return this.held.some((w) => w.key?.startsWith(prefix));
  }

  /** Sends what is held (after what was sent before), and waits until it is written. */
  flush(): Promise<void> {
    const writes = this.held;
    this.held = [];
    if (writes.length) this.sending = this.sending.then(() => this.send(writes));
    return this.sending;
  }

  /** Flushes and ends the batch: a write that comes later (a straggler of the request) runs on its own. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  get open(): boolean {
    return !this.closed;
  }

  private async send(writes: BatchedWrite[]): Promise<void> {
    await writes[0]!.runner.writeAll(writes);
  }
}

// Kept by the request (e.g. the provider's Koa context), not in an AsyncLocalStorage of its own: each
// one enabled costs every promise of the process a hook call (about 90 ns; a code flow makes thousands).
const batches = new WeakMap<object, WriteBatch>();

/** The open write batch of `owner` (a request), if any. */
export function writeBatchOf(owner: object | undefined): WriteBatch | undefined {
  const batch = owner && batches.get(owner);
  return batch?.open ? batch : undefined;
}

/**
 * Runs `work` with a write batch kept by `owner`, and writes what it held once `work` is done (also
 * when it failed), before the caller answers. A failed write fails the whole: the caller never answers
 * as if it was written, and what the request wrote at once is given back where it said how.
 */
export async function withWriteBatch<T>(owner: object, work: () => Promise<T>): Promise<T> {
  const batch = new WriteBatch();
  batches.set(owner, batch);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await closeOrUndo(batch);
    throw error;
  }
  await closeOrUndo(batch);
  return result;
}

/** Writes what `batch` holds; when that fails, gives back what its request did at once (`onWriteFailure`). */
async function closeOrUndo(batch: WriteBatch): Promise<void> {
  try {
    await batch.close();
  } catch (error) {
    await batch.undo();
    throw error;
  }
}
