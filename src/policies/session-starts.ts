import { LessThan } from 'typeorm';
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
    const existing = await this.db.manager.findOneBy(SignInSessionStart, key);
    if (existing) {
      if (startedAt < existing.sessionStartedAt) await this.db.manager.update(SignInSessionStart, key, { sessionStartedAt: startedAt });
      return;
    }
    await this.db.manager
      .insert(SignInSessionStart, { ...key, sessionStartedAt: startedAt, createdAt: this.clock.now() })
      .catch((error: unknown) => {
        // Recorded by a concurrent authorization of the same sign-in: the same start.
        if (!isUniqueViolation(error)) throw error;
      });
  }

  /** The session start recorded for the sign-in of `accountId` at `authTime` (seconds), if any. */
  async startOf(accountId: string, authTime: number): Promise<Date | null> {
    return (await this.db.manager.findOneBy(SignInSessionStart, { accountId, authTime }))?.sessionStartedAt ?? null;
  }

  async sweep(): Promise<void> {
    await this.db.manager.delete(SignInSessionStart, { createdAt: LessThan(new Date(this.clock.now().getTime() - KEEP_MS)) });
  }
}
