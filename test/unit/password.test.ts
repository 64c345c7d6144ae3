import { scryptSync } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, HASHES_IN_FLIGHT, MIN_PASSWORD_LENGTH, PasswordHasher } from '../../src/accounts/password.js';
import { Metrics } from '../../src/observability/metrics.js';
import { DomainError, ErrorCode } from '../../src/shared/errors.js';

async function count(counter: Metrics['passwordHashes'] | Metrics['rateLimitRejections'], labels: Record<string, string>): Promise<number> {
  const values = (await counter.get()).values;
  return values.find((v) => Object.entries(labels).every(([k, x]) => (v.labels as Record<string, unknown>)[k] === x))?.value ?? 0;
}

function weak(password: string, email = 'someone@example.com'): string | null {
  try {
    checkPasswordStrength(password, email);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.WEAK_PASSWORD);
    return (error as DomainError).message;
  }
}

/** A stored hash in the gateway's format, made here with the given parameters (and salt). */
function stored(password: string, params: { N: number; r: number; p: number }, salt = Buffer.from('0123456789abcdef')): string {
  const hash = scryptSync(password, salt, 32, { ...params, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

describe('checkPasswordStrength', () => {
  it('wants at least 10 and at most 256 characters', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(weak('Zq8#kLm2x')).toBe('Choose a stronger password: use at least 10 characters');
    expect(weak('Zq8#kLm2xP')).toBeNull();
    expect(weak('Zq8#'.repeat(64))).toBeNull();
    expect(weak(`${'Zq8#'.repeat(64)}x`)).toBe('Choose a stronger password: use at most 256 characters');
  });

  it('refuses the most used passwords, in any case', () => {
    const common = [
      'password123',
      '1234567890',
      '12345678910',
      'qwertyuiop',
      'letmein123',
      'welcome123',
      'admin12345',
      'abc1234567',
      'qwerty12345',
      'password12',
      '1q2w3e4r5t',
      '1qaz2wsx3edc',
      'changeme123',
      'welcome1234',
      'summer2024',
      'winter2024',
    ];
    for (const password of common)
      expect(weak(password), password).toBe('Choose a stronger password: this password is among the most used ones');
    expect(weak('QWERTYUIOP')).toBe('Choose a stronger password: this password is among the most used ones');
    // Short common ones are refused for their length first.
    expect(weak('password')).toBe('Choose a stronger password: use at least 10 characters');
  });

  it('refuses a password containing the local part of the address (4 characters or more), in any case', () => {
    expect(weak('xxAnna.Smith99', 'anna.smith@example.com')).toBe(
      'Choose a stronger password: do not include "anna.smith" from your email address',
    );
    expect(weak('x-anna.smith-9', 'Anna.Smith@example.com')).toBe(
      'Choose a stronger password: do not include "anna.smith" from your email address',
    );
    expect(weak('Zq8#kLmjoeyx', 'joey@example.com')).toBe('Choose a stronger password: do not include "joey" from your email address');
    // Three characters are too common to count; the domain does not count either.
    expect(weak('Zq8#kLmjoex', 'joe@example.com')).toBeNull();
    expect(weak('Zq8#example', 'someone@example.com')).toBeNull();
  });

  it('wants at least 4 different characters', () => {
    expect(weak('abcabcabcabc')).toBe('Choose a stronger password: use more different characters');
    expect(weak('abcdabcdabcd')).toBeNull();
  });
});

describe('PasswordHasher', () => {
  it('stores scrypt N=2^15, r=8, p=1 with a 16-byte salt and a 32-byte hash, and verifies it', async () => {
    const metrics = new Metrics();
    const hasher = new PasswordHasher(metrics);
    const hash = await hasher.hash('correct horse battery');
    const [scheme, n, r, p, salt, key, ...rest] = hash.split('$');
    expect([scheme, n, r, p, rest]).toEqual(['scrypt', '32768', '8', '1', []]);
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64url')).toHaveLength(32);
    expect(
      scryptSync('correct horse battery', Buffer.from(salt!, 'base64url'), 32, {
        N: 2 ** 15,
        r: 8,
        p: 1,
        maxmem: 64 * 1024 * 1024,
      }).toString('base64url'),
    ).toBe(key);
    // A fresh salt every time.
    expect((await hasher.hash('correct horse battery')).split('$')[4]).not.toBe(salt);
    expect(await hasher.verify('correct horse battery', hash, '10.0.0.1')).toBe(true);
    expect(await hasher.verify('correct horse batterY', hash, '10.0.0.1')).toBe(false);
    expect(await count(metrics.passwordHashes, { purpose: 'set' })).toBe(2);
    expect(await count(metrics.passwordHashes, { purpose: 'sign_in' })).toBe(2);
  });

  it('hashes sign-up passwords the same way, and counts them', async () => {
    const metrics = new Metrics();
    const hasher = new PasswordHasher(metrics);
    const hash = await hasher.hashForSignUp('correct horse battery', 'new@example.com');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await hasher.verify('correct horse battery', hash, 'ip')).toBe(true);
    expect(await count(metrics.passwordHashes, { purpose: 'sign_up' })).toBe(1);
  });

  it('compares NFKC-normalised passwords', async () => {
    const hasher = new PasswordHasher(new Metrics());
    const hash = await hasher.hash('\uFB01ligree-password');
    expect(await hasher.verify('filigree-password', hash, 'ip')).toBe(true);
    expect(await hasher.verify('\uFB01ligree-password', stored('filigree-password', { N: 1024, r: 8, p: 1 }), 'ip')).toBe(true);
  });

  it('verifies with the parameters stored in the hash', async () => {
    const hasher = new PasswordHasher(new Metrics());
    expect(await hasher.verify('an older password', stored('an older password', { N: 1024, r: 4, p: 2 }), 'ip')).toBe(true);
    expect(await hasher.verify('another password', stored('an older password', { N: 1024, r: 4, p: 2 }), 'ip')).toBe(false);
  });

  it('says no, after the same work, for an account without a password', async () => {
    const metrics = new Metrics();
    const hasher = new PasswordHasher(metrics);
    // A full scrypt (N=2^15, 32 MiB) cannot take under 10 ms; answering at once would tell the account is missing.
    const started = performance.now();
    expect(await hasher.verify('anything at all', null, 'ip')).toBe(false);
    expect(performance.now() - started).toBeGreaterThan(10);
    expect(await hasher.verify('anything at all', '', 'ip')).toBe(false);
    expect(await count(metrics.passwordHashes, { purpose: 'sign_in' })).toBe(2);
  });

  it('says no for a stored value that is not a complete scrypt hash', async () => {
    const hasher = new PasswordHasher(new Metrics());
    const good = stored('the password 1', { N: 1024, r: 8, p: 1 });
    expect(await hasher.verify('the password 1', good, 'ip')).toBe(true);
    expect(await hasher.verify('the password 1', good.replace(/^scrypt/, 'bcrypt'), 'ip')).toBe(false);
    // No salt: even a hash made with an empty salt is refused.
    const unsalted = stored('the password 1', { N: 1024, r: 8, p: 1 }, Buffer.alloc(0));
    expect(unsalted.split('$')[4]).toBe('');
    expect(await hasher.verify('the password 1', unsalted, 'ip')).toBe(false);
    expect(await hasher.verify('the password 1', `${good.slice(0, good.lastIndexOf('$'))}$`, 'ip')).toBe(false);
    expect(await hasher.verify('the password 1', 'scrypt$1024$8$1', 'ip')).toBe(false);
  });

  describe('bounds the hashes in flight', () => {
    it('at 2 per client (case-insensitive) and 4 in all, refusing at once beyond that', async () => {
      expect(HASHES_IN_FLIGHT).toMatchObject({ total: 4, perClient: 2 });
      const metrics = new Metrics();
      const hasher = new PasswordHasher(metrics);
      const hash = stored('the password 1', { N: 1024, r: 8, p: 1 });
      const a1 = hasher.verify('the password 1', hash, 'Client-A');
      const a2 = hasher.hashForSignUp('the password 2', 'client-a');
      const refusal = {
        code: ErrorCode.TOO_MANY_ATTEMPTS,
        message: 'Too many sign-ins at this moment; try again in a second',
        details: { retryAfterSeconds: 1 },
      };
      await expect(hasher.verify('the password 1', hash, 'CLIENT-A')).rejects.toMatchObject(refusal);
      const b1 = hasher.verify('the password 1', hash, 'client-b');
      const b2 = hasher.verify('the password 1', hash, 'client-b');
      // Four in flight: a third client is refused too.
      await expect(hasher.verify('the password 1', hash, 'client-c')).rejects.toMatchObject(refusal);
      await expect(hasher.hashForSignUp('the password 1', 'client-c')).rejects.toMatchObject(refusal);
      expect(await count(metrics.rateLimitRejections, { limit: 'passwordHashesInFlight' })).toBe(3);
      // Operators' hashes are not bounded.
      expect(await hasher.hash('the password 3')).toMatch(/^scrypt\$/);
      expect(await Promise.all([a1, b1, b2])).toEqual([true, true, true]);
      expect(await a2).toMatch(/^scrypt\$/);
      // Every slot was given back, and no client is remembered.
      expect(await Promise.all([1, 2, 3, 4].map((i) => hasher.verify('the password 1', hash, `client-${i % 2}`)))).toEqual([
        true,
        true,
        true,
        true,
      ]);
      expect(hasher['perClient'].size).toBe(0);
    });

    it('computes at most `computing` of them at a time, one core short of the machine, the others in turn', async () => {
      expect(HASHES_IN_FLIGHT.computing).toBe(Math.max(1, Math.min(availableParallelism() - 1, 3)));
      const hasher = new PasswordHasher(new Metrics());
      const hash = stored('the password 1', { N: 1024, r: 8, p: 1 });
      const all = [1, 2, 3, 4].map((i) => hasher.verify('the password 1', hash, `client-${i % 2}`));
      expect(hasher['running']).toBe(Math.min(HASHES_IN_FLIGHT.computing, 4));
      expect(hasher['waiting']).toHaveLength(4 - Math.min(HASHES_IN_FLIGHT.computing, 4));
      expect(await Promise.all(all)).toEqual([true, true, true, true]);
      expect(hasher['running']).toBe(0);
      expect(hasher['waiting']).toHaveLength(0);
    });

    it("takes turns with a password an operator or the account's owner sets (never refused, never beside the cap)", async () => {
      const hasher = new PasswordHasher(new Metrics());
      const sets = [1, 2, 3].map((i) => hasher.hash(`the new password ${i}`));
      expect(hasher['running']).toBe(Math.min(HASHES_IN_FLIGHT.computing, 3));
      expect(hasher['waiting']).toHaveLength(3 - Math.min(HASHES_IN_FLIGHT.computing, 3));
      expect(await Promise.all(sets)).toHaveLength(3);
      expect(hasher['running']).toBe(0);
    });

    it('gives the slot back when the hash fails', async () => {
      const hasher = new PasswordHasher(new Metrics());
      const broken = 'scrypt$1023$8$1$c2FsdA$aGFzaA';
      await expect(hasher.verify('x', broken, 'client')).rejects.toThrow();
      await expect(hasher.verify('x', broken, 'client')).rejects.toThrow();
      expect(await hasher.verify('the password 1', stored('the password 1', { N: 1024, r: 8, p: 1 }), 'client')).toBe(true);
    });

    it('counts one client down as each of its hashes ends', async () => {
      const hasher = new PasswordHasher(new Metrics());
      const hash = stored('the password 1', { N: 1024, r: 8, p: 1 });
      // The second takes far longer (N=2^15), so it is still in flight when the first ends.
      const first = hasher.verify('the password 1', hash, 'client');
      const second = hasher.verify('the password 2', stored('the password 2', { N: 2 ** 15, r: 8, p: 1 }), 'client');
      await first;
      // One of the client's two slots is free again, the other still taken.
      const third = hasher.verify('the password 1', hash, 'client');
      await expect(hasher.verify('the password 1', hash, 'client')).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS });
      expect(await Promise.all([second, third])).toEqual([true, true]);
      expect(hasher['perClient'].size).toBe(0);
    });
  });
});
