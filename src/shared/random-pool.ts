import { randomFillSync } from 'node:crypto';

// Cryptographically random bytes, handed out of a pool that one system call refills (the way
// node's own crypto.randomUUID caches). A 2000-row CSV upload draws ~20k ids, tickets and IVs: one
// call into the kernel per id cost more than rendering the 2000 mails (see bench/csv-import.ts).

const POOL_BYTES = 16 * 1024;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

/** Fills `target` with fresh random bytes from the pool (no allocation), its slot in the pool spent. */
export function fillRandom(target: Uint8Array): void {
  const n = target.length;
  if (n > POOL_BYTES) throw new RangeError(`fillRandom: at most ${POOL_BYTES} bytes`);
  if (offset + n > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  for (let i = 0; i < n; i++) {
    target[i] = pool[offset + i]!;
    pool[offset + i] = 0;
  }
  offset += n;
}

/** `n` fresh random bytes (at most the pool's size), never handed out twice: a copy, the pool's slot is spent. */
export function pooledRandomBytes(n: number): Buffer {
  if (n > POOL_BYTES) throw new RangeError(`pooledRandomBytes: at most ${POOL_BYTES} bytes`);
  if (offset + n > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + n));
  pool.fill(0, offset, offset + n);
  offset += n;
  return bytes;
}
