import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LimitName, RateLimits, storeKey } from '../../src/accounts/rate-limits.js';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { Metrics } from '../../src/observability/metrics.js';
import { DomainError, ErrorCode } from '../../src/shared/errors.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

/** The refusal a spent budget gives, with the seconds to wait. */
async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string; retryAfterSeconds: number }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const { code, message, details } = error as DomainError;
  return { code, message, retryAfterSeconds: details!.retryAfterSeconds as number };
}

async function rejections(metrics: Metrics, limit: string): Promise<number> {
  return (await metrics.rateLimitRejections.get()).values.find((v) => v.labels.limit === limit)?.value ?? 0;
}

/** Rate limits on the gateway's own database; the store reads the system time, so time is faked with Date. */
describe.each(testDatabases())('RateLimits on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let metrics: Metrics;
  let limits: RateLimits;
  let n = 0;
  /** A key no other test has spent. */
  const fresh = (label: string) => `${label}-${++n}-${Date.now()}`;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    metrics = new Metrics();
    limits = await RateLimits.create(db, metrics, { invitationMailPerHour: 3 });
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });
  afterEach(() => vi.useRealTimers());
  const storedRows = (key: string): Promise<unknown[]> =>
    db.manager.query(`SELECT * FROM rate_limit WHERE key = ${db.isPostgres ? '$1' : '?'}`, [key]);

  const budgets: [LimitName, number, number][] = [
    ['signInPerAccountAndIp', 10, 15 * 60],
    ['signInPerAccount', 50, 15 * 60],
    ['signInPerIp', 100, 15 * 60],
    ['signInPerAccountAndDevice', 10, 15 * 60],
    ['codeSendPerEmail', 5, 60 * 60],
    ['codeSendPerIp', 30, 60 * 60],
    ['codeCheckPerIp', 50, 15 * 60],
    // From the settings (INVITATION_MAIL_PER_HOUR), not the built-in 2000.
    ['invitationMailPerTenant', 3, 60 * 60],
  ];

  it.each(budgets)('%s allows %i points per %i seconds, then refuses until the window ends', async (name, points, seconds) => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z') });
    const key = fresh(name);
    for (let i = 0; i < points; i++) await limits.consume(name, key);
    const before = await rejections(metrics, name);
    expect(await refusal(limits.consume(name, key))).toEqual({
      code: ErrorCode.TOO_MANY_ATTEMPTS,
      message: `Too many attempts; try again in ${seconds} seconds`,
      retryAfterSeconds: seconds,
    });
    expect(await rejections(metrics, name)).toBe(before + 1);

    // One second before the window ends it still refuses, and says so; after it, the budget is whole again.
    vi.setSystemTime(new Date(Date.now() + (seconds - 1) * 1000));
    expect((await refusal(limits.consume(name, key))).retryAfterSeconds).toBe(1);
    vi.setSystemTime(new Date(Date.now() + 1000));
    for (let i = 0; i < points; i++) await limits.consume(name, key);
    await expect(limits.consume(name, key)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
  });

  it('keys are case-insensitive, and each limit keeps its own count', async () => {
    const key = fresh('Case');
    for (let i = 0; i < 10; i++) await limits.consume('signInPerAccountAndIp', i % 2 ? key.toUpperCase() : key.toLowerCase());
    await expect(limits.consume('signInPerAccountAndIp', key)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
    // The same key in another limit is untouched.
    await limits.consume('codeSendPerEmail', key);
  });

  it('counts a key longer than the store keeps (an address of 320 characters and an IP) under its hash, any case', async () => {
    const key = `${fresh('long')}${'x'.repeat(320)}@example.com|2001:db8::1`;
    for (let i = 0; i < 10; i++) await limits.consume('signInPerAccountAndIp', i % 2 ? key.toUpperCase() : key);
    await expect(limits.consume('signInPerAccountAndIp', key)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
    // Another long key with the same first 200 characters has its own count.
    await limits.consume('signInPerAccountAndIp', `${key}-other`);
    expect(await storedRows(`signInPerAccountAndIp:${storeKey(key)}`)).toHaveLength(1);
    expect(storeKey(key)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(storeKey('Short@Example.com')).toBe('short@example.com');
  });

  it('reset forgets the count of one key (any case), and only of that key and limit', async () => {
    const key = fresh('Reset');
    const other = fresh('other');
    for (let i = 0; i < 10; i++) {
      await limits.consume('signInPerAccountAndIp', key);
      await limits.consume('signInPerAccountAndIp', other);
    }
    await limits.reset('signInPerAccountAndIp', key.toUpperCase());
    for (let i = 0; i < 10; i++) await limits.consume('signInPerAccountAndIp', key);
    await expect(limits.consume('signInPerAccountAndIp', key)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
    await expect(limits.consume('signInPerAccountAndIp', other)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
  });

  it('refund gives points back (any case); nothing for zero or negative points', async () => {
    const key = fresh('Refund');
    for (let i = 0; i < 5; i++) await limits.consume('codeSendPerEmail', key);
    await limits.refund('codeSendPerEmail', key.toUpperCase(), 2);
    await limits.consume('codeSendPerEmail', key);
    await limits.consume('codeSendPerEmail', key);
    await expect(limits.consume('codeSendPerEmail', key)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });

    const spent = fresh('Refund');
    for (let i = 0; i < 4; i++) await limits.consume('codeSendPerEmail', spent);
    // A negative refund must not spend points: one point is still left.
    await limits.refund('codeSendPerEmail', spent, -3);
    await limits.refund('codeSendPerEmail', spent, 0);
    const untouched = fresh('Refund');
    await limits.refund('codeSendPerEmail', untouched, 0);
    expect(await storedRows(`codeSendPerEmail:${untouched.toLowerCase()}`)).toHaveLength(0);
    await limits.consume('codeSendPerEmail', spent);
    await expect(limits.consume('codeSendPerEmail', spent)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
  });

  describe('takeUpTo', () => {
    it('grants what is asked while the budget lasts, then the rest of the budget, then nothing', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2031-01-01T00:00:00Z') });
      const key = fresh('Tenant');
      const before = await rejections(metrics, 'invitationMailPerTenant');
      expect(await limits.takeUpTo('invitationMailPerTenant', key, 2)).toEqual({ granted: 2, retryAfterSeconds: 0 });
      expect(await limits.takeUpTo('invitationMailPerTenant', key.toUpperCase(), 5)).toEqual({ granted: 1, retryAfterSeconds: 3600 });
      expect(await rejections(metrics, 'invitationMailPerTenant')).toBe(before + 4);
      vi.setSystemTime(new Date(Date.now() + 600_000));
      expect(await limits.takeUpTo('invitationMailPerTenant', key, 1)).toEqual({ granted: 0, retryAfterSeconds: 3000 });
      expect(await rejections(metrics, 'invitationMailPerTenant')).toBe(before + 5);
      // What was refused was given back: after the window the whole budget is there again.
      vi.setSystemTime(new Date(Date.now() + 3000_000));
      expect(await limits.takeUpTo('invitationMailPerTenant', key, 3)).toEqual({ granted: 3, retryAfterSeconds: 0 });
    });

    it('gives back the points it could not grant, so the count stays at the budget', async () => {
      const key = fresh('Tenant');
      expect((await limits.takeUpTo('invitationMailPerTenant', key.toUpperCase(), 5)).granted).toBe(3);
      // Had the two refused points stayed counted, a refund of one would not open the budget again.
      await limits.refund('invitationMailPerTenant', key, 1);
      expect((await limits.takeUpTo('invitationMailPerTenant', key, 5)).granted).toBe(1);
    });

    it('grants exactly the budget when asked for all of it', async () => {
      const key = fresh('Tenant');
      expect(await limits.takeUpTo('invitationMailPerTenant', key, 3)).toEqual({ granted: 3, retryAfterSeconds: 0 });
      expect((await limits.takeUpTo('invitationMailPerTenant', key, 1)).granted).toBe(0);
    });

    it('asks nothing of the store for no points', async () => {
      const key = fresh('Tenant');
      expect(await limits.takeUpTo('invitationMailPerTenant', key, 0)).toEqual({ granted: 0, retryAfterSeconds: 0 });
      expect(await limits.takeUpTo('invitationMailPerTenant', key, -2)).toEqual({ granted: 0, retryAfterSeconds: 0 });
      expect(await storedRows(`invitationMailPerTenant:${key.toLowerCase()}`)).toHaveLength(0);
      expect(await limits.takeUpTo('invitationMailPerTenant', key, 3)).toEqual({ granted: 3, retryAfterSeconds: 0 });
    });

    it('grants nothing, and gives nothing back beyond what it took, when the count is already over the budget', async () => {
      const key = fresh('Tenant');
      for (let i = 0; i < 3; i++) await limits.consume('invitationMailPerTenant', key);
      // Refused consumes still count: the store holds 5 points against a budget of 3.
      await expect(limits.consume('invitationMailPerTenant', key)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
      await expect(limits.consume('invitationMailPerTenant', key)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
      expect((await limits.takeUpTo('invitationMailPerTenant', key, 1)).granted).toBe(0);
      expect((await limits.takeUpTo('invitationMailPerTenant', key, 1)).granted).toBe(0);
    });
  });

  describe('takeBudgets', () => {
    it("spends per IP, then per subject and IP, then per subject: a stranger's IP is refused before the owner is", async () => {
      const subject = fresh('owner@contoso.example');
      const [stranger, owner] = [fresh('198.51.100.7'), fresh('203.0.113.9')];
      for (let i = 0; i < 10; i++) await limits.takeBudgets('signIn', subject, stranger);
      await expect(limits.takeBudgets('signIn', subject, stranger)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
      await limits.takeBudgets('signIn', subject, owner);
      // 11 of the subject's 50 spent: the refused attempt stopped at its (subject, IP) budget.
      for (let i = 0; i < 39; i++) await limits.consume('signInPerAccount', subject);
      await expect(limits.consume('signInPerAccount', subject)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
    });

    it('a refusal per IP spends nothing of the subject budgets', async () => {
      const [subject, ip] = [fresh('someone@contoso.example'), fresh('192.0.2.1')];
      for (let i = 0; i < 30; i++) await limits.consume('passwordResetPerIp', ip);
      await expect(limits.takeBudgets('passwordReset', subject, ip)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
      for (let i = 0; i < 5; i++) await limits.consume('passwordResetPerEmailAndIp', `${subject} ${ip}`);
      for (let i = 0; i < 20; i++) await limits.consume('passwordResetPerEmail', subject);
    });

    it('a familiar device spends its own budget per account and device instead of the account-wide one', async () => {
      const [subject, device] = [fresh('owner@contoso.example'), fresh('device')];
      for (let i = 0; i < 50; i++) await limits.consume('signInPerAccount', subject); // guessing spent it
      await expect(limits.takeBudgets('signIn', subject, fresh('192.0.2.3'))).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
      // From ten addresses, one attempt each: only the device's ten count, then it is refused too.
      for (let i = 0; i < 10; i++) await limits.takeBudgets('signIn', subject, fresh('192.0.2.4'), device);
      await expect(limits.takeBudgets('signIn', subject, fresh('192.0.2.5'), device)).rejects.toMatchObject({
        code: ErrorCode.TOO_MANY_ATTEMPTS,
      });
      // Another device of the same account has its own budget; other kinds ignore a device.
      await limits.takeBudgets('signIn', subject, fresh('192.0.2.6'), fresh('device'));
      const reset = fresh('someone@contoso.example');
      for (let i = 0; i < 20; i++) await limits.consume('passwordResetPerEmail', reset);
      await expect(limits.takeBudgets('passwordReset', reset, fresh('192.0.2.7'), device)).rejects.toMatchObject({
        code: ErrorCode.TOO_MANY_ATTEMPTS,
      });
    });

    it('forgiveSubject after a familiar sign-in forgets the device budget too', async () => {
      const [subject, device, ip] = [fresh('owner@contoso.example'), fresh('device'), fresh('192.0.2.8')];
      for (let i = 0; i < 9; i++) await limits.takeBudgets('signIn', subject, fresh('192.0.2.9'), device);
      await limits.forgiveSubject('signIn', subject, ip, device);
      for (let i = 0; i < 10; i++) await limits.consume('signInPerAccountAndDevice', `${subject} ${device}`);
      await expect(limits.consume('signInPerAccountAndDevice', `${subject} ${device}`)).rejects.toMatchObject({
        code: ErrorCode.TOO_MANY_ATTEMPTS,
      });
    });

    it("forgiveSubject forgets the subject's counts, not the IP's", async () => {
      const [subject, ip] = [fresh('user-id'), fresh('192.0.2.2')];
      for (let i = 0; i < 5; i++) await limits.takeBudgets('mfa', subject, ip);
      await limits.forgiveSubject('mfa', subject, ip);
      for (let i = 0; i < 5; i++) await limits.consume('mfaPerAccountAndIp', `${subject} ${ip}`);
      for (let i = 0; i < 20; i++) await limits.consume('mfaPerAccount', subject);
      for (let i = 0; i < 45; i++) await limits.consume('mfaPerIp', ip);
      await expect(limits.consume('mfaPerIp', ip)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
    });
  });

  it('keeps its counts in the rate_limit table, across instances', async () => {
    const key = fresh('Shared');
    for (let i = 0; i < 5; i++) await limits.consume('codeSendPerEmail', key);
    const again = await RateLimits.create(db, new Metrics(), { invitationMailPerHour: 3 });
    await expect(again.consume('codeSendPerEmail', key)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
    expect(await storedRows(`codeSendPerEmail:${key.toLowerCase()}`)).toHaveLength(1);
  });

  it.skipIf(kind !== 'sqlite')('fails to start when the store cannot create its table', async () => {
    const own = await createTestDatabase(kind);
    const ownDb = new Database(await openDatabase(own.database));
    await ownDb.manager.query('DROP TABLE IF EXISTS rate_limit');
    await ownDb.manager.query('PRAGMA query_only = 1');
    await expect(RateLimits.create(ownDb, new Metrics(), { invitationMailPerHour: 3 })).rejects.toThrow(/readonly/);
    await ownDb.close();
    await own.drop();
  });

  it('passes store failures through, not as a refusal', async () => {
    const own = await createTestDatabase(kind);
    const ownDb = new Database(await openDatabase(own.database));
    const ownMetrics = new Metrics();
    const ownLimits = await RateLimits.create(ownDb, ownMetrics, { invitationMailPerHour: 3 });
    await ownDb.manager.query('DROP TABLE rate_limit');
    const failure = await ownLimits.consume('signInPerIp', 'x').then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(DomainError);
    const taken = await ownLimits.takeUpTo('invitationMailPerTenant', 'x', 2).then(
      () => null,
      (e: unknown) => e,
    );
    expect(taken).toBeInstanceOf(Error);
    expect(taken).not.toBeInstanceOf(DomainError);
    expect(await rejections(ownMetrics, 'signInPerIp')).toBe(0);
    await ownDb.close();
    await own.drop();
  });
});
