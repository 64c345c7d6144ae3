import { fillRandom } from './random-pool.js';

// UUIDv7 as the uuid package lays it out (48-bit milliseconds, a 32-bit monotonic counter seeded at
// random each new millisecond, random tail), written here without its per-id byte arrays and string
// concatenations: a 2000-row CSV upload draws ~16k ids, and they were a tenth of its garbage.
let lastMs = -Infinity;
let seq = 0;
const random = new Uint8Array(16);
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Time-ordered UUIDv7: ids sort by creation time, so keyset pagination can order by id alone. */
export function newId(): string {
  fillRandom(random);
  const now = Date.now();
  if (now > lastMs) {
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    lastMs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  const id = uuidV7(lastMs, seq, random);
  random.fill(0);
  return id;
}

/** The UUIDv7 text of a time, counter and random bytes (only bytes 10–15 are used). */
export function uuidV7(msecs: number, counter: number, rnd: Uint8Array): string {
  const h = HEX;
  return (
    h[(msecs / 0x10000000000) & 0xff]! +
    h[(msecs / 0x100000000) & 0xff]! +
    h[(msecs / 0x1000000) & 0xff]! +
    h[(msecs / 0x10000) & 0xff]! +
    '-' +
    h[(msecs / 0x100) & 0xff]! +
    h[msecs & 0xff]! +
    '-' +
    h[0x70 | ((counter >>> 28) & 0x0f)]! +
    h[(counter >>> 20) & 0xff]! +
    '-' +
    h[0x80 | ((counter >>> 14) & 0x3f)]! +
    h[(counter >>> 6) & 0xff]! +
    '-' +
    h[((counter << 2) & 0xff) | (rnd[10]! & 0x03)]! +
    h[rnd[11]!]! +
    h[rnd[12]!]! +
    h[rnd[13]!]! +
    h[rnd[14]!]! +
    h[rnd[15]!]!
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
