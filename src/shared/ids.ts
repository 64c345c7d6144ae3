import { fillRandom } from './random-pool.js';

// UUIDv7 as the uuid package lays it out (48-bit milliseconds, a 32-bit monotonic counter seeded at
// random each new millisecond, random tail), written here without its per-id byte arrays and string
// concatenations: a 2000-row CSV upload draws ~16k ids, and they were a tenth of its garbage.
let lastMs = -Infinity;
let seq = 0;
const random = new Uint8Array(16);

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
  // Written as ASCII into one buffer and read as one flat string: concatenating 20 pieces built a
  // tree of strings, flattened again when the id was bound to a statement.
  hex(0, (msecs / 0x10000000000) & 0xff);
  hex(2, (msecs / 0x100000000) & 0xff);
  hex(4, (msecs / 0x1000000) & 0xff);
  hex(6, (msecs / 0x10000) & 0xff);
  hex(9, (msecs / 0x100) & 0xff);
  hex(11, msecs & 0xff);
  hex(14, 0x70 | ((counter >>> 28) & 0x0f));
  hex(16, (counter >>> 20) & 0xff);
  hex(19, 0x80 | ((counter >>> 14) & 0x3f));
  hex(21, (counter >>> 6) & 0xff);
  hex(24, ((counter << 2) & 0xff) | (rnd[10]! & 0x03));
  for (let i = 11; i < 16; i++) hex(2 * i + 4, rnd[i]!);
  return text.toString('latin1', 0, 36);
}

const text = Buffer.from('00000000-0000-0000-0000-000000000000', 'latin1');
const DIGITS = Buffer.from('0123456789abcdef', 'latin1');

function hex(at: number, byte: number): void {
  text[at] = DIGITS[byte >>> 4]!;
  text[at + 1] = DIGITS[byte & 0x0f]!;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
