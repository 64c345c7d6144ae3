import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { DomainError, ErrorCode } from '../shared/errors.js';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/** scrypt N=2^15, r=8, p=1 (OWASP's minimum for scrypt): ~32 MiB and ~100 ms per hash on one core. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

export const MIN_PASSWORD_LENGTH = 10;

/** `scrypt$N$r$p$salt$hash`, so parameters can be raised later without breaking stored hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize('NFKC'), salt, KEY_LENGTH, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) {
    // Same work whether or not the account exists, so timing does not tell.
    await hashPassword(password);
    return false;
  }
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/** Most-used passwords (from public breach corpora); a long list lives better in a dictionary package. */
const COMMON = new Set([
  'password', 'password1', 'password123', '1234567890', '12345678910', 'qwertyuiop', 'qwerty123', 'iloveyou', 'letmein123',
  'welcome123', 'admin12345', 'passw0rd', 'football1', 'baseball1', 'sunshine1', 'princess1', 'trustno1', 'abc1234567',
  'qwerty12345', 'password12', '1q2w3e4r5t', 'zaq12wsx', '1qaz2wsx3edc', 'changeme123', 'welcome1234', 'summer2024', 'winter2024',
]);

/** @throws WEAK_PASSWORD */
export function checkPasswordStrength(password: string, email: string): void {
  const lower = password.toLowerCase();
  const local = email.split('@')[0]!.toLowerCase();
  let why: string | null = null;
  if (password.length < MIN_PASSWORD_LENGTH) why = `use at least ${MIN_PASSWORD_LENGTH} characters`;
  else if (password.length > 256) why = 'use at most 256 characters';
  else if (COMMON.has(lower)) why = 'this password is among the most used ones';
  else if (local.length >= 4 && lower.includes(local)) why = 'do not use your email address';
  else if (new Set(password).size < 4) why = 'use more different characters';
  if (why) throw new DomainError(ErrorCode.WEAK_PASSWORD, `Choose a stronger password: ${why}`);
}
