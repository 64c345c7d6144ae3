import { LessThan } from 'typeorm';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { randomToken, sha256Hex } from '../shared/secrets.js';
import { BrowserSession } from './browser-session.entity.js';

const TTL_MS = 8 * 60 * 60 * 1000;

export interface OpenSession {
  /** The cookie value (never stored). */
  value: string;
  session: BrowserSession;
}

/** Server-side browser sessions keyed by the hash of a random cookie value. */
export class BrowserSessionService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async create(): Promise<OpenSession> {
    const value = randomToken(32);
    const now = this.clock.now();
    const session: BrowserSession = {
      idHash: sha256Hex(value), userId: null, invitationId: null, ticketHash: null, verifiedEmail: null, federationState: null, freshLoginUid: null,
      expiresAt: new Date(now.getTime() + TTL_MS), createdAt: now,
    };
    await this.db.manager.insert(BrowserSession, session);
    return { value, session };
  }

  async find(value: string | undefined): Promise<OpenSession | null> {
    if (!value || value.length > 100) return null;
    const session = await this.db.manager.findOneBy(BrowserSession, { idHash: sha256Hex(value) });
    if (!session || session.expiresAt <= this.clock.now()) return null;
    return { value, session };
  }

  async update(
    open: OpenSession,
    changes: Partial<Pick<BrowserSession, 'userId' | 'invitationId' | 'ticketHash' | 'verifiedEmail' | 'federationState' | 'freshLoginUid'>>,
  ): Promise<void> {
    Object.assign(open.session, changes);
    await this.db.manager.update(BrowserSession, { idHash: open.session.idHash }, changes);
  }

  async destroy(open: OpenSession): Promise<void> {
    await this.db.manager.delete(BrowserSession, { idHash: open.session.idHash });
  }

  /** Signs every browser of a user out (account removed or disabled). */
  async destroyForUser(userId: string): Promise<void> {
    await this.db.manager.delete(BrowserSession, { userId });
  }

  async sweep(): Promise<void> {
    await this.db.manager.delete(BrowserSession, { expiresAt: LessThan(this.clock.now()) });
  }
}
