import { type RateLimiterAbstract, RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite } from 'rate-limiter-flexible';
import type { Database } from '../db/database.js';
import type { Metrics } from '../observability/metrics.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { sha256Hex } from '../shared/secrets.js';

/** What is limited, with its budget: points per window. */
const LIMITS = {
  // A stranger spends the budget of their own address for an account, not the owner's: only the
  // larger account-wide budget, spent from many addresses, shuts the owner out (for its window).
  signInPerAccountAndIp: { points: 10, duration: 15 * 60 },
  signInPerAccount: { points: 50, duration: 15 * 60 },
  signInPerIp: { points: 100, duration: 15 * 60 },
  /**
   * A browser the account signed in from before (FamiliarDevices) spends this instead of the
   * account-wide budget, so guessing from many addresses cannot lock the owner out of their own
   * browser; a stolen device token buys no more than this, from any number of addresses.
   */
  signInPerAccountAndDevice: { points: 10, duration: 15 * 60 },
  /**
   * Second-factor codes (authenticator app, recovery code), in the same order as sign-ins: a six-digit
   * code has a million values, so a few guesses per window only, and never enough to lock the owner out
   * from one stranger's address.
   */
  mfaPerIp: { points: 50, duration: 15 * 60 },
  mfaPerAccountAndIp: { points: 5, duration: 15 * 60 },
  mfaPerAccount: { points: 20, duration: 15 * 60 },
  codeSendPerEmail: { points: 5, duration: 60 * 60 },
  codeSendPerIp: { points: 30, duration: 60 * 60 },
  codeCheckPerIp: { points: 50, duration: 15 * 60 },
  /**
   * "Forgot your password?": spent for every request, whether or not the address has an account. As
   * for sign-ins, a stranger's address spends its own (address, IP) budget first, so only many
   * addresses together reach the address-wide one and keep the owner's code from being mailed.
   */
  passwordResetPerEmailAndIp: { points: 5, duration: 60 * 60 },
  passwordResetPerEmail: { points: 20, duration: 60 * 60 },
  passwordResetPerIp: { points: 30, duration: 60 * 60 },
  activationCheckPerIp: { points: 30, duration: 15 * 60 },
  activationSendPerIp: { points: 10, duration: 60 * 60 },
  /** "Send me a new link": the same two budgets per address as a password reset. */
  activationSendPerEmailAndIp: { points: 3, duration: 60 * 60 },
  activationSendPerEmail: { points: 12, duration: 60 * 60 },
  /** The account page: every form a signed-in person sends, and the password checks among them. */
  accountFormPerUser: { points: 60, duration: 15 * 60 },
  accountPasswordPerUser: { points: 10, duration: 15 * 60 },
  /** Points from INVITATION_MAIL_PER_HOUR. */
  invitationMailPerTenant: { points: 2000, duration: 60 * 60 },
  /** Console sign-ins started (each writes a pending session row until the provider answers). */
  consoleSignInPerIp: { points: 60, duration: 15 * 60 },
  /** DNS lookups for domain verification (each one is a query to the configured servers). */
  domainVerificationPerTenant: { points: 30, duration: 60 * 60 },
};

export type LimitName = keyof typeof LIMITS;

/**
 * Attempts on one account or address (the subject) from one IP, each with three budgets: per IP, per
 * subject and IP, per subject. `takeBudgets` spends them in that order, the one home of the rule.
 */
const ATTEMPTS = {
  signIn: { perIp: 'signInPerIp', perSubjectAndIp: 'signInPerAccountAndIp', perSubject: 'signInPerAccount' },
  mfa: { perIp: 'mfaPerIp', perSubjectAndIp: 'mfaPerAccountAndIp', perSubject: 'mfaPerAccount' },
  passwordReset: { perIp: 'passwordResetPerIp', perSubjectAndIp: 'passwordResetPerEmailAndIp', perSubject: 'passwordResetPerEmail' },
  activationSend: { perIp: 'activationSendPerIp', perSubjectAndIp: 'activationSendPerEmailAndIp', perSubject: 'activationSendPerEmail' },
} as const satisfies Record<string, { perIp: LimitName; perSubjectAndIp: LimitName; perSubject: LimitName }>;

export type AttemptKind = keyof typeof ATTEMPTS;

const FAMILIAR_SIGN_IN: LimitName = 'signInPerAccountAndDevice';

/** Budgets that come from configuration. */
export interface LimitSettings {
  invitationMailPerHour: number;
}

/**
 * Rate limits kept in the gateway's database (rate-limiter-flexible's SQLite and PostgreSQL stores),
 * so they hold across processes and restarts.
 */
export class RateLimits {
  private constructor(
    private readonly limiters: Record<LimitName, RateLimiterAbstract>,
    private readonly metrics: Metrics,
  ) {}

  static async create(db: Database, metrics: Metrics, settings: LimitSettings): Promise<RateLimits> {
    const budgets: typeof LIMITS = {
      ...LIMITS,
      invitationMailPerTenant: { ...LIMITS.invitationMailPerTenant, points: settings.invitationMailPerHour },
    };
    // One after another: they share one table, and concurrent CREATE TABLE IF NOT EXISTS can collide.
    const limiters: Partial<Record<LimitName, RateLimiterAbstract>> = {};
    for (const name of Object.keys(budgets) as LimitName[]) limiters[name] = await createLimiter(db, name, budgets[name]);
    return new RateLimits(limiters as Record<LimitName, RateLimiterAbstract>, metrics);
  }

  /** Spends one point. @throws TOO_MANY_ATTEMPTS with the seconds to wait */
  async consume(name: LimitName, key: string): Promise<void> {
    try {
      await this.limiters[name].consume(storeKey(key));
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      this.metrics.rateLimitRejections.inc({ limit: name });
      const retryAfterSeconds = Math.ceil(result.msBeforeNext / 1000);
      throw new DomainError(ErrorCode.TOO_MANY_ATTEMPTS, `Too many attempts; try again in ${retryAfterSeconds} seconds`, {
        retryAfterSeconds,
      });
    }
  }

  /**
   * Spends one point of each budget of an attempt on `subject` from `ip`: per IP, then per subject and
   * IP, then per subject. The order is a security rule: a stranger's IP is refused by its own (subject,
   * IP) budget before it reaches the subject-wide one, so only many addresses together can lock the
   * owner out (for one window); and a refused attempt spends nothing of the budgets after the one that
   * refused it. A sign-in from a browser familiar to the account (`familiar`: its device id, or how
   * to find it, asked only once the first two budgets allowed the attempt; see FamiliarDevices)
   * spends a budget per account and device in place of the account-wide one. Returns that device id.
   * @throws TOO_MANY_ATTEMPTS
   */
  async takeBudgets(
    kind: AttemptKind,
    subject: string,
    ip: string,
    familiar: string | null | (() => Promise<string | null>) = null,
  ): Promise<string | null> {
    const budgets = ATTEMPTS[kind];
    await this.consume(budgets.perIp, ip);
    await this.consume(budgets.perSubjectAndIp, `${subject} ${ip}`);
    const device = kind === 'signIn' && familiar ? (typeof familiar === 'string' ? familiar : await familiar()) : null;
    // A sign-in from a browser familiar to the account: its own budget, not the one strangers share.
    if (device) await this.consume(FAMILIAR_SIGN_IN, `${subject} ${device}`);
    else await this.consume(budgets.perSubject, subject);
    return device;
  }

  /** After a success: the subject's failed attempts no longer count (those of the IP still do). */
  async forgiveSubject(kind: AttemptKind, subject: string, ip: string, familiarDevice: string | null = null): Promise<void> {
    const budgets = ATTEMPTS[kind];
    await this.reset(budgets.perSubjectAndIp, `${subject} ${ip}`);
    await this.reset(budgets.perSubject, subject);
    if (kind === 'signIn' && familiarDevice) await this.reset(FAMILIAR_SIGN_IN, `${subject} ${familiarDevice}`);
  }

  /**
   * Spends up to `wanted` points at once, as many as the budget has left. Returns how many were
   * granted (the others count as rejections) and the seconds until the window resets.
   */
  async takeUpTo(name: LimitName, key: string, wanted: number): Promise<{ granted: number; retryAfterSeconds: number }> {
    if (wanted <= 0) return { granted: 0, retryAfterSeconds: 0 };
    const limiter = this.limiters[name];
    try {
      await limiter.consume(storeKey(key), wanted);
      return { granted: wanted, retryAfterSeconds: 0 };
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      // The store added all `wanted` points; give back those beyond the budget.
      const granted = Math.max(0, Math.min(wanted, limiter.points - (result.consumedPoints - wanted)));
      await limiter.reward(storeKey(key), wanted - granted);
      this.metrics.rateLimitRejections.inc({ limit: name }, wanted - granted);
      return { granted, retryAfterSeconds: Math.ceil(result.msBeforeNext / 1000) };
    }
  }

  /** Gives points back (what they paid for was not done after all). */
  async refund(name: LimitName, key: string, points: number): Promise<void> {
    if (points > 0) await this.limiters[name].reward(storeKey(key), points);
  }

  /** Forgets the count (after a successful sign-in, the account's failures no longer count). */
  async reset(name: LimitName, key: string): Promise<void> {
    await this.limiters[name].delete(storeKey(key));
  }
}

/**
 * The key as stored: case-folded, and hashed when long. PostgreSQL's store keeps keys in a
 * varchar(255), and a key made of an address (up to 320 characters) and an IP would not fit: the
 * request would fail with a database error instead of being counted.
 */
export function storeKey(key: string): string {
  const folded = key.toLowerCase();
  return folded.length <= MAX_PLAIN_KEY ? folded : `sha256:${sha256Hex(folded)}`;
}

/** Leaves room for the limit's name, which the store puts before the key. */
const MAX_PLAIN_KEY = 200;

function createLimiter(db: Database, name: LimitName, budget: { points: number; duration: number }): Promise<RateLimiterAbstract> {
  const options = { ...budget, keyPrefix: name, tableName: 'rate_limit', tableCreated: false };
  const driver = db.dataSource.driver as unknown as { master?: unknown; databaseConnection?: unknown };
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => (error ? reject(error) : resolve(limiter));
    const limiter: RateLimiterAbstract = db.isPostgres
      ? new RateLimiterPostgres({ ...options, storeClient: driver.master, storeType: 'pool' }, done)
      : new RateLimiterSQLite({ ...options, storeClient: driver.databaseConnection, storeType: 'better-sqlite3' }, done);
  });
}
