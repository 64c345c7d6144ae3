import { v7 as uuidv7 } from 'uuid';
import { pooledRandomBytes } from './random-pool.js';

// uuid's v7 draws its 16 random bytes with one crypto.getRandomValues call per id; the same
// monotonic state it keeps (a counter seeded at random each new millisecond), fed from the pool.
let lastMs = -Infinity;
let seq = 0;

/** Time-ordered UUIDv7: ids sort by creation time, so keyset pagination can order by id alone. */
export function newId(): string {
  const random = pooledRandomBytes(16);
  const now = Date.now();
  if (now > lastMs) {
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    lastMs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  return uuidv7({ random, msecs: lastMs, seq });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
