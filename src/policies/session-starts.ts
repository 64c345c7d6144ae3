import { LessThan, MoreThan } from 'typeorm';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Clock } from '../shared/clock.js';
import { SignInSessionStart } from './session-start.entity.js';

/** Kept as long as the longest refresh token can live (14 days), and a day more. */
const KEEP_MS = 15 * 86_400_000;

/**
 * The session start behind each sign-in to a tenant with a session lifetime (SignInSessionStart):
 * recorded when an authorization completes, read when a refresh token of that sign-in is used.
 */
export class SessionStarts {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Records that the sign-in of `accountId` at `authenticatedAt` belongs to a session begun at `startedAt` (the earliest wins). */
  async record(accountId: string, authenticatedAt: Date, startedAt: Date): Promise<void> {
    const key = { accountId, authTime: Math.floor(authenticatedAt.getTime() / 1000) };
    // The earlier start wins: a conditional update, so a concurrent record of a later one cannot undo it.
    const keepEarliest = () =>
      this.db.manager.update(SignInSessionStart, { ...key, sessionStartedAt: MoreThan(startedAt) }, { sessionStartedAt: startedAt });
    if (await this.db.manager.existsBy(SignInSessionStart, key)) {
      await keepEarliest();
      return;
    }
    try {
      await this.db.manager.insert(SignInSessionStart, { ...key, sessionStartedAt: startedAt, createdAt: this.clock.now() });
    } catch (error) {
      // Recorded at the same second by another authorization (another browser, perhaps another start).
      if (!isUniqueViolation(error)) throw error;
      await keepEarliest();
    }
  }

  /** The session start recorded for the sign-in of `accountId` at `authTime` (seconds), if any. */
  async startOf(accountId: string, authTime: number): Promise<Date | null> {
    return (await this.db.manager.findOneBy(SignInSessionStart, { accountId, authTime }))?.sessionStartedAt ?? null;
  }

  async sweep(): Promise<void> {
    await this.db.manager.delete(SignInSessionStart, { createdAt: LessThan(new Date(this.clock.now().getTime() - KEEP_MS)) });
  }
}
