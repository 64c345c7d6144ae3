import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { fromDigits, listingTypes, parseTimestamptz } from '../../src/db/pg-timestamps.js';

const TIMESTAMPTZ = pg.types.builtins.TIMESTAMPTZ;
/** pg's own parse of timestamptz text (postgres-date), what TypeORM's entities get. */
const pgParse = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as (text: string) => unknown;
/** Left to pg (or read as it would). */
const same = (text: string) => expect(String(parseTimestamptz(text)), text).toBe(String(pgParse(text)));
/** Read from its digits (not left to pg), as the same instant. */
const sameTime = (text: string) => expect(fromDigits(text)?.getTime(), text).toBe((pgParse(text) as Date).getTime());

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** PostgreSQL's ISO text of an instant in a zone `offsetSeconds` east of UTC, with `digits` of fraction (its trailing zeros dropped). */
function pgText(ms: number, offsetSeconds: number, micros: number): string {
  const d = new Date(ms + offsetSeconds * 1000);
  const fraction = String(d.getUTCMilliseconds() * 1000 + micros)
    .padStart(6, '0')
    .replace(/0+$/, '');
  const zone = Math.abs(offsetSeconds);
  let offset = `${offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(zone / 3600))}`;
  if (zone % 3600) offset += `:${pad(Math.floor(zone / 60) % 60)}`;
  if (zone % 60) offset += `:${pad(zone % 60)}`;
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction ? `.${fraction}` : ''}${offset}`
  );
}

/** src/db/pg-timestamps.ts: timestamptz text reads as the same Date as pg's own parser reads it. */
describe('parseTimestamptz', () => {
  it('reads what PostgreSQL prints as pg does: any zone, any precision up to microseconds, years 100 to 9999', () => {
    const offsets = [0, 3600, -8 * 3600, 5.5 * 3600, 5.75 * 3600, -3.5 * 3600, 13.75 * 3600, 1172, -(4 * 3600 + 56 * 60 + 2)];
    const span = Date.UTC(9999, 0, 1) - Date.UTC(100, 0, 2);
    for (let i = 0; i < 5000; i++) {
      const ms = Date.UTC(100, 0, 2) + Math.floor(Math.random() * span);
      const micros = [0, 1, 9, 10, 100, 500, 999][i % 7]!;
      sameTime(pgText(ms, offsets[i % offsets.length]!, micros));
    }
    for (const text of [
      '1970-01-01 00:00:00+00',
      '1969-12-31 23:59:59.999999+00',
      '2024-02-29 23:59:59.5+00',
      '2026-12-07 14:06:57.009+00',
      '2026-12-07 14:06:57.123456-08',
      '2026-03-29 02:30:00+05:30',
      '1900-01-01 00:00:00+00:19:32',
      '9999-12-31 23:59:59.999999+14',
      '0100-01-01 00:00:00+00',
    ])
      sameTime(text);
  });

  it('leaves what it does not read exactly to pg: early years, BC, infinity, longer fractions, other forms', () => {
    for (const text of [
      '0050-06-01 12:00:00+00',
      '0001-01-01 00:00:00+00',
      '0044-03-15 12:00:00+00 BC',
      '2024-01-01 00:00:00+00 BC',
      'infinity',
      '-infinity',
      '10000-01-01 00:00:00+00',
      '2024-01-01 00:00:00.1234567+00',
      '2024-01-01 00:00:00.+00',
      '2024-01-01 00:00:00+0',
      '2024-01-01 00:00:00+05:3',
      '2024-01-01 00:00:00+05:30:1',
      '2024-01-01 00:00:00+0530',
      '2024-01-01 00:00:00Z',
      '2024-01-01T00:00:00+00',
      '2024-01-01 00:00:00',
      '2024-01-01',
      '2024-13-01 00:00:00+00',
      '2024-01-01 24:00:00+00',
      '2024-01-01 2a:00:00+00',
    ])
      same(text);
  });

  it('stands in for pg’s parser of timestamptz text only while it is pg’s own', () => {
    expect(listingTypes.getTypeParser(TIMESTAMPTZ, 'text')).toBe(parseTimestamptz);
    expect(listingTypes.getTypeParser(pg.types.builtins.TIMESTAMP, 'text')).toBe(
      pg.types.getTypeParser(pg.types.builtins.TIMESTAMP, 'text'),
    );
    expect(listingTypes.getTypeParser(pg.types.builtins.INT4, 'text')).toBe(pg.types.getTypeParser(pg.types.builtins.INT4, 'text'));
    const asText = (text: string) => text;
    pg.types.setTypeParser(TIMESTAMPTZ, asText);
    try {
      expect(listingTypes.getTypeParser(TIMESTAMPTZ, 'text')).toBe(asText);
    } finally {
      pg.types.setTypeParser(TIMESTAMPTZ, pgParse);
    }
  });
});
