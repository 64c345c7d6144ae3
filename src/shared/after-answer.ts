import type { Logger } from '../logging/logger.js';

/**
 * Runs work a request caused but its answer must not wait for (or show the time of): mailing a code
 * or a link only when an account exists. setImmediate runs after the microtasks in which the route
 * sends its answer, so the answer is written before any of the work (better-sqlite3 blocks the
 * thread while it writes) starts. A failure is logged, never answered.
 */
export function afterAnswer(logger: Logger, what: string, work: () => Promise<unknown>): void {
  setImmediate(() => {
    work().catch((error: unknown) => logger.error({ err: error }, what));
  });
}
