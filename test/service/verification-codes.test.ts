import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimits } from '../../src/accounts/rate-limits.js';
import { VerificationCode } from '../../src/accounts/verification-code.entity.js';
import {
  CODE_MAX_ATTEMPTS,
  CODE_RESEND_AFTER_MS,
  CODE_TTL_MS,
  VerificationCodeService,
} from '../../src/accounts/verification-code.service.js';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { insertTenant } from '../../src/directory/tenant.rows.js';
import { TenantKind, type Tenant } from '../../src/directory/tenant.entity.js';
import { MessageAudience, OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { OutboxService } from '../../src/mail/outbox.service.js';
import { Metrics } from '../../src/observability/metrics.js';
import type { Clock } from '../../src/shared/clock.js';
import { DomainError, ErrorCode } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { deriveKey, SecretBox } from '../../src/shared/secrets.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const SECRET = 'verification-code-test-secret-0123456789';

async function failure(work: Promise<unknown>): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const { code, message, details } = error as DomainError;
  return details ? { code, message, details } : { code, message };
}

describe.each(testDatabases())('VerificationCodeService on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let codes: VerificationCodeService;
  let tenant: Tenant;
  const clock = {
    at: new Date('2030-05-01T08:00:00Z'),
    now() {
      return new Date(this.at);
    },
  } satisfies Clock & { at: Date };
  const advance = (ms: number) => {
    clock.at = new Date(clock.at.getTime() + ms);
  };
  let n = 0;
  /** A redemption, address and IP no other test has used (the rate limits use real time). */
  const fresh = () => {
    n++;
    return { redemption: newId(), email: `person${n}-${Date.now()}@example.com`, ip: `10.1.${n}.${Date.now() % 250}` };
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    const limits = await RateLimits.create(db, new Metrics(), { invitationMailPerHour: 100 });
    const outbox = new OutboxService(db, clock, new SecretBox(SECRET), {
      from: 'gateway@example.com',
      messageIdDomain: 'gateway.example.com',
    });
    codes = new VerificationCodeService(db, clock, outbox, limits, SECRET);
    tenant = await db.transaction((em) =>
      insertTenant(em, { name: 'Contoso', kind: TenantKind.Managed }, [`contoso-${Date.now()}.example`], clock.now()),
    );
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  /** The code in the last mail to an address (system mail is sealed in the outbox). */
  async function mailedCode(email: string): Promise<string> {
    const [mail] = await db.manager.find(OutboxMessage, { where: { toAddress: email }, order: { createdAt: 'DESC', id: 'DESC' }, take: 1 });
    expect(mail).toBeDefined();
    const body = JSON.parse(new SecretBox(SECRET).open(mail!.bodySealed)) as { text: string };
    const code = body.text.match(/^\d{6}$/m)?.[0];
    expect(code).toBeDefined();
    return code!;
  }

  const stored = (redemptionId: string) => db.manager.findOneByOrFail(VerificationCode, { redemptionId });
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('mails a six-digit code to the address and stores only its HMAC, valid for 10 minutes', async () => {
    const { redemption, email, ip } = fresh();
    await codes.send(redemption, email, 'en', tenant, ip);
    const code = await mailedCode(email);
    expect(code).toMatch(/^\d{6}$/);
    const row = await stored(redemption);
    expect(row).toMatchObject({ email, redemptionId: redemption, attempts: 0, verifiedAt: null });
    expect(row.createdAt.getTime()).toBe(clock.at.getTime());
    expect(row.expiresAt.getTime()).toBe(clock.at.getTime() + 10 * 60 * 1000);
    expect(CODE_TTL_MS).toBe(10 * 60 * 1000);
    const key = deriveKey(SECRET, 'verification-codes');
    expect(row.codeHash).toBe(createHmac('sha256', key).update(`${row.id}:${code}`).digest('hex'));
    const [mail] = await db.manager.findBy(OutboxMessage, { toAddress: email });
    expect(mail).toMatchObject({ tenantId: tenant.id, audience: MessageAudience.System, subject: '' });
    expect(mail!.bodySealed).not.toContain(code);
  });

  it('accepts the right code (trimmed) once, and records when', async () => {
    const { redemption, email, ip } = fresh();
    await codes.send(redemption, email, 'en', tenant, ip);
    const code = await mailedCode(email);
    advance(1000);
    await codes.verify(redemption, email, ` ${code} `, ip);
    const row = await stored(redemption);
    expect(row.verifiedAt?.getTime()).toBe(clock.at.getTime());
    expect(row.attempts).toBe(1);
    expect(await failure(codes.verify(redemption, email, code, ip))).toEqual({
      code: ErrorCode.INVALID_CODE,
      message: 'This code has expired; ask for a new one',
    });
  });

  it('expires exactly 10 minutes after it was sent', async () => {
    const a = fresh();
    await codes.send(a.redemption, a.email, 'en', tenant, a.ip);
    const codeA = await mailedCode(a.email);
    const b = fresh();
    await codes.send(b.redemption, b.email, 'en', tenant, b.ip);
    const codeB = await mailedCode(b.email);
    advance(CODE_TTL_MS - 1);
    await codes.verify(a.redemption, a.email, codeA, a.ip);
    advance(1);
    expect(await failure(codes.verify(b.redemption, b.email, codeB, b.ip))).toEqual({
      code: ErrorCode.INVALID_CODE,
      message: 'This code has expired; ask for a new one',
    });
  });

  it('is bound to the address it was sent to, and to its redemption', async () => {
    const { redemption, email, ip } = fresh();
    await codes.send(redemption, email, 'en', tenant, ip);
    const code = await mailedCode(email);
    expect((await failure(codes.verify(redemption, `other-${email}`, code, ip))).code).toBe(ErrorCode.INVALID_CODE);
    expect((await failure(codes.verify(newId(), email, code, ip))).code).toBe(ErrorCode.INVALID_CODE);
    expect((await stored(redemption)).attempts).toBe(0);
    await codes.verify(redemption, email, code, ip);
  });

  it('allows 5 wrong attempts, saying how many are left, then refuses even the right code', async () => {
    expect(CODE_MAX_ATTEMPTS).toBe(5);
    const { redemption, email, ip } = fresh();
    await codes.send(redemption, email, 'en', tenant, ip);
    const code = await mailedCode(email);
    for (const left of [4, 3, 2, 1]) {
      expect(await failure(codes.verify(redemption, email, wrong(code), ip))).toEqual({
        code: ErrorCode.INVALID_CODE,
        message: `That code is not right; ${left} attempts left`,
      });
    }
    expect(await failure(codes.verify(redemption, email, wrong(code), ip))).toEqual({
      code: ErrorCode.INVALID_CODE,
      message: 'Too many wrong codes; ask for a new one',
    });
    expect((await stored(redemption)).attempts).toBe(5);
    expect(await failure(codes.verify(redemption, email, code, ip))).toEqual({
      code: ErrorCode.TOO_MANY_ATTEMPTS,
      message: 'Too many wrong codes; ask for a new one',
    });
    expect((await stored(redemption)).attempts).toBe(5);
  });

  it('counts parallel guesses atomically: the last attempt is spent once', async () => {
    const { redemption, email, ip } = fresh();
    await codes.send(redemption, email, 'en', tenant, ip);
    const code = await mailedCode(email);
    await db.manager.update(VerificationCode, { redemptionId: redemption }, { attempts: 4 });
    const results = await Promise.all([wrong(code), wrong(code)].map((guess) => failure(codes.verify(redemption, email, guess, ip))));
    expect((await stored(redemption)).attempts).toBe(5);
    // Both read 4 attempts; only one may use the last, the other is refused without comparing.
    expect(results).toEqual(
      expect.arrayContaining([
        { code: ErrorCode.INVALID_CODE, message: 'Too many wrong codes; ask for a new one' },
        { code: ErrorCode.TOO_MANY_ATTEMPTS, message: 'Too many wrong codes; ask for a new one' },
      ]),
    );
  });

  it('lets a new code be asked for after 60 seconds, replacing the old one', async () => {
    expect(CODE_RESEND_AFTER_MS).toBe(60_000);
    const { redemption, email, ip } = fresh();
    await codes.send(redemption, email, 'en', tenant, ip);
    const first = await mailedCode(email);
    expect(await failure(codes.send(redemption, email, 'en', tenant, ip))).toEqual({
      code: ErrorCode.TOO_MANY_ATTEMPTS,
      message: 'A code was sent a moment ago; you can ask for another in 60 seconds',
      details: { retryAfterSeconds: 60 },
    });
    advance(58_999);
    expect((await failure(codes.send(redemption, email, 'en', tenant, ip))).details).toEqual({ retryAfterSeconds: 2 });
    advance(1000);
    expect((await failure(codes.send(redemption, email, 'en', tenant, ip))).details).toEqual({ retryAfterSeconds: 1 });
    advance(1);
    await codes.send(redemption, email, 'en', tenant, ip);
    const second = await mailedCode(email);
    expect(await db.manager.countBy(VerificationCode, { redemptionId: redemption })).toBe(1);
    if (first !== second) expect((await failure(codes.verify(redemption, email, first, ip))).code).toBe(ErrorCode.INVALID_CODE);
    await codes.verify(redemption, email, second, ip);
  });

  it('a new code replaces only the code of its own redemption', async () => {
    const a = fresh();
    await codes.send(a.redemption, a.email, 'en', tenant, a.ip);
    const codeA = await mailedCode(a.email);
    const b = fresh();
    await codes.send(b.redemption, a.email, 'en', tenant, b.ip);
    await codes.verify(a.redemption, a.email, codeA, a.ip);
    expect(await db.manager.countBy(VerificationCode, { email: a.email })).toBe(2);
  });

  it('sends at most 5 codes an hour to one address (any case)', async () => {
    const { email } = fresh();
    for (let i = 0; i < 5; i++) await codes.send(newId(), i % 2 ? email.toUpperCase() : email, 'en', tenant, `10.2.${n}.${i}`);
    const refused = await failure(codes.send(newId(), email, 'en', tenant, '10.3.0.1'));
    expect(refused.code).toBe(ErrorCode.TOO_MANY_ATTEMPTS);
    expect(refused.details?.retryAfterSeconds).toBeGreaterThan(3590);
  });

  it('sends at most 30 codes an hour from one IP, and then does not spend the address budget', async () => {
    const { ip } = fresh();
    for (let i = 0; i < 30; i++) await codes.send(newId(), `ip-${n}-${i}@example.com`, 'en', tenant, ip);
    // Every code is six digits, leading zeros included (one in ten codes is below 100000).
    for (let i = 0; i < 30; i++) expect(await mailedCode(`ip-${n}-${i}@example.com`)).toMatch(/^\d{6}$/);
    const email = `ip-${n}-last@example.com`;
    expect((await failure(codes.send(newId(), email, 'en', tenant, ip))).code).toBe(ErrorCode.TOO_MANY_ATTEMPTS);
    expect(await db.manager.countBy(VerificationCode, { email })).toBe(0);
    // The refusal came from the IP budget first: the address still has all 5 of its own.
    for (let i = 0; i < 5; i++) await codes.send(newId(), email, 'en', tenant, `10.4.${n}.${i}`);
  });

  it('checks at most 50 codes per 15 minutes from one IP, before looking at the code', async () => {
    const { redemption, email, ip } = fresh();
    await codes.send(redemption, email, 'en', tenant, ip);
    const code = await mailedCode(email);
    for (let i = 0; i < 50; i++) expect((await failure(codes.verify(newId(), email, code, ip))).code).toBe(ErrorCode.INVALID_CODE);
    const refused = await failure(codes.verify(redemption, email, code, ip));
    expect(refused.code).toBe(ErrorCode.TOO_MANY_ATTEMPTS);
    expect(refused.details?.retryAfterSeconds).toBeGreaterThan(890);
    expect((await stored(redemption)).attempts).toBe(0);
    await codes.verify(redemption, email, code, '10.9.9.9');
  });
});
