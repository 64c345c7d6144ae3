import { randomBytes, randomInt } from 'node:crypto';
import { v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { isUuid, newId, uuidV7 } from '../../src/shared/ids.js';
import { fillRandom, pooledRandomBytes } from '../../src/shared/random-pool.js';

describe('newId (UUIDv7 from the random pool)', () => {
  it('is a version-7 UUID whose ids sort in the order they were made, also within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    for (const id of ids.slice(0, 50)) {
      expect(isUuid(id)).toBe(true);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lays out time, counter and random bytes exactly as the uuid package does', () => {
    for (let i = 0; i < 2000; i++) {
      const random = randomBytes(16);
      const msecs = i === 0 ? 0xffffffffffff : randomInt(2 ** 47) + (i % 2) * 2 ** 47;
      const seq = i === 1 ? 0xffffffff | 0 : randomInt(2 ** 31) | (i % 2 ? 0x80000000 : 0);
      expect(uuidV7(msecs, seq, random)).toBe(v7({ random, msecs, seq }));
    }
  });

  it('starts with the current time in milliseconds', () => {
    const before = Date.now();
    const id = newId();
    const ms = parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 1);
  });
});

describe('pooledRandomBytes', () => {
  it('hands out fresh bytes each time, across refills, as copies the pool does not reuse', () => {
    const seen = new Set<string>();
    const first = pooledRandomBytes(32);
    const copy = Buffer.from(first);
    for (let i = 0; i < 2000; i++) seen.add(pooledRandomBytes(32).toString('hex'));
    expect(seen.size).toBe(2000);
    expect(first).toEqual(copy);
    expect(() => pooledRandomBytes(64 * 1024)).toThrow(RangeError);
  });

  it("fills the caller's array with fresh bytes each time, across refills", () => {
    const seen = new Set<string>();
    const target = new Uint8Array(16);
    for (let i = 0; i < 3000; i++) {
      fillRandom(target);
      seen.add(Buffer.from(target).toString('hex'));
    }
    expect(seen.size).toBe(3000);
  });
});
