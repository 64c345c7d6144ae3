import { type EntityManager, LessThan, Not } from 'typeorm';
import type { Database } from '../db/database.js';
import { entityReader } from '../db/entity-reader.js';
import { destroySessionPayloads } from '../oidc/oidc-payload.rows.js';
import type { Clock } from '../shared/clock.js';
import { randomToken, sha256Hex } from '../shared/secrets.js';
import { BrowserSession } from './browser-session.entity.js';

const TTL_MS = 8 * 60 * 60 * 1000;

export interface OpenSession {
  /** The cookie value (never stored); replaced by renew(). */
  value: string;
  session: BrowserSession;
}

type Changes = Partial<
  Pick<
    BrowserSession,
    | 'userId'
    | 'invitationId'
    | 'ticketHash'
    | 'verifiedEmail'
    | 'federationState'
    | 'freshLoginUid'
    | 'amr'
    | 'authenticatedAt'
    | 'sessionStartedAt'
    | 'tenantSessionStarts'
    | 'mfaAt'
    | 'pendingUserId'
    | 'mfaChallenge'
  >
>;

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
      idHash: sha256Hex(value),
      userId: null,
      invitationId: null,
      ticketHash: null,
      verifiedEmail: null,
      federationState: null,
      freshLoginUid: null,
      amr: null,
      authenticatedAt: null,
      sessionStartedAt: null,
      tenantSessionStarts: null,
      mfaAt: null,
      pendingUserId: null,
      mfaChallenge: null,
      expiresAt: new Date(now.getTime() + TTL_MS),
      createdAt: now,
    };
    await this.db.manager.insert(BrowserSession, session);
    return { value, session };
  }

  async find(value: string | undefined): Promise<OpenSession | null> {
    if (!value || value.length > 100) return null;
    // Every page and every OIDC authorization reads it: one statement written once (src/db/raw-read.ts).
    const sessions = entityReader(this.db.dataSource, BrowserSession);
    const sql = sessions.statement('byIdHash', (r) => `${r.select(`"idHash" = ${r.param(1)}`)} LIMIT 1`);
    const session = await sessions.one(sql, [sha256Hex(value)]);
    if (!session || session.expiresAt <= this.clock.now()) return null;
    return { value, session };
  }

  async update(open: OpenSession, changes: Changes): Promise<void> {
    Object.assign(open.session, changes);
    await this.db.manager.update(BrowserSession, { idHash: open.session.idHash }, changes);
  }

  /**
   * Takes the session's WebAuthn ceremony state out (a conditional update): of two requests racing
   * with the same state, only one gets it; the other gets null.
   */
  async takeMfaChallenge(open: OpenSession): Promise<string | null> {
    const sealed = open.session.mfaChallenge;
    if (!sealed) return null;
    open.session.mfaChallenge = null;
    const taken = await this.db.manager.update(
      BrowserSession,
      { idHash: open.session.idHash, mfaChallenge: sealed },
      { mfaChallenge: null },
    );
    return (taken.affected ?? 0) === 1 ? sealed : null;
  }

  /**
   * Applies `changes` under a new session id, in place: at every sign-in and privilege change, so an
   * id known before (a cookie planted by an attacker) is worth nothing after. The session's 8 hours
   * begin again only with a first factor proven now (`authenticatedAt` among the changes): a second
   * factor, a redemption or a password change keeps its end, so a stolen cookie cannot be kept alive
   * by stepping up.
   */
  async renew(open: OpenSession, changes: Changes): Promise<void> {
    const value = randomToken(32);
    const restarts = changes.authenticatedAt !== undefined && changes.authenticatedAt !== null;
    const renewed = {
      ...changes,
      idHash: sha256Hex(value),
      ...(restarts ? { expiresAt: new Date(this.clock.now().getTime() + TTL_MS) } : {}),
    };
    await this.db.manager.update(BrowserSession, { idHash: open.session.idHash }, renewed);
    Object.assign(open.session, renewed);
    open.value = value;
  }

  /**
   * Signs a browser out: its gateway session and the OpenID provider sessions it holds (in every
   * tenant), so no app signs it in silently afterwards.
   */
  async signOut(open: OpenSession | null, providerSessionIds: string[]): Promise<void> {
    await this.db.transaction(async (em) => {
      if (open) await em.delete(BrowserSession, { idHash: open.session.idHash });
      await destroySessionPayloads(em, providerSessionIds);
    });
  }

  /** The signed-in browsers of a home account (the account page lists them), newest first. */
  async signedInBrowsers(userId: string): Promise<BrowserSession[]> {
    const now = this.clock.now();
    const all = await this.db.manager.find(BrowserSession, { where: { userId }, order: { createdAt: 'DESC' } });
    return all.filter((s) => s.expiresAt > now);
  }

  async sweep(): Promise<void> {
    await this.db.manager.delete(BrowserSession, { expiresAt: LessThan(this.clock.now()) });
  }
}

/**
 * When the browser's session as its person began for `tenantId`: the tenant's own new start if a
 * sign-in began one after its lifetime ended, else the browser's sign-in start (or, for a session
 * stored before the lifetime existed, its last sign-in).
 */
export function tenantSessionStart(session: BrowserSession, tenantId: string): Date | null {
  const own = readStarts(session.tenantSessionStarts)[tenantId];
  return typeof own === 'number' ? new Date(own) : (session.sessionStartedAt ?? session.authenticatedAt);
}

/** The browser's per-tenant starts with `tenantId`'s set to `at` (BrowserSession.tenantSessionStarts). */
export function withTenantSessionStart(session: BrowserSession, tenantId: string, at: Date): string {
  return JSON.stringify({ ...readStarts(session.tenantSessionStarts), [tenantId]: at.getTime() });
}

function readStarts(raw: string | null): Record<string, unknown> {
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Signs every browser of a user out (account removed or disabled), in the caller's transaction:
 * those signed in and those half-way, with a second factor still owed.
 */
export async function destroyBrowserSessionsOf(em: EntityManager, userId: string, exceptIdHash?: string): Promise<void> {
  const except = exceptIdHash ? { idHash: Not(exceptIdHash) } : {};
  await em.delete(BrowserSession, { userId, ...except });
  await em.delete(BrowserSession, { pendingUserId: userId, ...except });
}
