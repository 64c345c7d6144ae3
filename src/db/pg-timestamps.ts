import pg from 'pg';

const TIMESTAMPTZ = pg.types.builtins.TIMESTAMPTZ;
/** pg's own parser of timestamptz text (postgres-date), as loaded: the one `parseTimestamptz` stands in for. */
const PG_TIMESTAMPTZ = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as (text: string) => Date | number | null;

/**
 * Type parsers for hot listing reads (RawReader on PostgreSQL): pg's, except that timestamptz text
 * is read by `parseTimestamptz` while pg's parser for it is still its own (one set globally stays).
 */
export const listingTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    const parser = pg.types.getTypeParser(oid, format ?? 'text');
    return oid === TIMESTAMPTZ && format !== 'binary' && parser === PG_TIMESTAMPTZ ? parseTimestamptz : parser;
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * PostgreSQL's timestamptz text (ISO DateStyle) as pg reads it: the same Date, read from its digits.
 * pg's parser runs three regular expressions and a split per value, about a third of the driver's
 * time in a page of 50 invitations with guests and deliveries (bench/graphql-profile.ts). Text it does
 * not read exactly as pg would (a year below 100, BC, infinity, a fraction past microseconds,
 * another DateStyle) goes to pg's parser.
 */
export function parseTimestamptz(text: string): Date | number | null {
  return fromDigits(text) ?? PG_TIMESTAMPTZ(text);
}

/** The decimal digit at `i` of `text`; far below zero for any other character (so is any field it is in). */
function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1e6;
}

/** Two digits at `i` as a number (negative unless both are digits). */
const two = (t: string, i: number) => digit(t, i) * 10 + digit(t, i + 1);

/**
 * `YYYY-MM-DD HH:MM:SS[.f…]±HH[:MM[:SS]]`, as PostgreSQL prints it in any session time zone; null
 * for anything else. The fraction's first three digits are the milliseconds (pg truncates the rest).
 */
export function fromDigits(t: string): Date | null {
  const n = t.length;
  if (n < 22 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(10) !== 32) return null;
  if (t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) return null;
  const year = two(t, 0) * 100 + two(t, 2);
  const month = two(t, 5);
  const day = two(t, 8);
  const hours = two(t, 11);
  const minutes = two(t, 14);
  const seconds = two(t, 17);
  let i = 19;
  let ms = 0;
  if (t.charCodeAt(i) === 46) {
    // 1 to 6 digits (microseconds): `.5` is 500 ms, `.123456` is 123 ms.
    let scale = 100;
    for (i = 20; i < n && i < 26 && digit(t, i) >= 0; i++, scale /= 10) if (scale >= 1) ms += digit(t, i) * scale;
    if (i === 20) return null;
  }
  const sign = t.charCodeAt(i) === 43 ? 1 : t.charCodeAt(i) === 45 ? -1 : 0;
  // The zone: ±HH, ±HH:MM or ±HH:MM:SS, then the end.
  const zone = n - i - 1;
  if (sign === 0 || (zone !== 2 && zone !== 5 && zone !== 8)) return null;
  const zoneHours = two(t, i + 1);
  const zoneMinutes = zone >= 5 ? (t.charCodeAt(i + 3) === 58 ? two(t, i + 4) : -1) : 0;
  const zoneSeconds = zone === 8 ? (t.charCodeAt(i + 6) === 58 ? two(t, i + 7) : -1) : 0;
  if (year < 100 || month < 1 || month > 12 || day < 1 || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return null;
  if (seconds < 0 || seconds > 59 || zoneHours < 0 || zoneMinutes < 0 || zoneMinutes > 59 || zoneSeconds < 0 || zoneSeconds > 59)
    return null;
  // (A day past the month's end carries over into the next, as in pg's parse; PostgreSQL never prints one.)
  const local = Date.UTC(year, month - 1, day, hours, minutes, seconds, ms);
  return new Date(local - sign * ((zoneHours * 60 + zoneMinutes) * 60 + zoneSeconds) * 1000);
}
