import { describe, expect, it } from 'vitest';
import { readDate } from '../../src/db/raw-read.js';

/** What SQLite's date text read as before the digits were read directly: the ISO string's parse. */
const parsed = (text: string) => new Date(`${text.slice(0, 10)}T${text.slice(11)}Z`);
const sqliteText = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

/** src/db/raw-read.ts: SQLite's `YYYY-MM-DD HH:MM:SS.SSS` reads as the same Date as its ISO parse. */
describe('readDate on SQLite', () => {
  it('reads TypeORM’s UTC text as its ISO parse does, for years 100 to 9999', () => {
    const samples = ['0100-01-01 00:00:00.000', '1970-01-01 00:00:00.000', '2024-02-29 23:59:59.999', '9999-12-31 23:59:59.999'];
    for (let i = 0; i < 2000; i++)
      samples.push(sqliteText(new Date(Date.UTC(100, 0, 1) + Math.floor(Math.random() * 9899 * 365.2425 * 86_400_000))));
    for (const text of samples) expect(readDate(text, false)!.getTime()).toBe(parsed(text).getTime());
  });

  it('leaves what Date.UTC would read otherwise to the parse: early years, fields out of range, non-digits', () => {
    for (const text of [
      '0050-06-01 12:00:00.000',
      '2023-02-29 00:00:00.000',
      '2024-04-31 00:00:00.000',
      '2024-13-01 00:00:00.000',
      '2024-00-10 00:00:00.000',
      '2024-01-00 00:00:00.000',
      '2024-01-01 24:00:00.000',
      '2024-01-01 23:60:00.000',
      '2024-01-01 23:59:60.000',
      '2024-01-01 2a:00:00.000',
      '2024-01-01 -1:00:00.000',
      '2024/01/01 00:00:00.000',
      '2024-01-01 00:00:00,000',
      '+202-01-01 00:00:00.000',
    ]) {
      expect(String(readDate(text, false)), text).toBe(String(parsed(text)));
    }
  });

  it('reads other text and null as before', () => {
    expect(readDate(null, false)).toBeNull();
    expect(readDate('2024-01-01 00:00', false)!.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(readDate('2024-01-01T00:00:00.000Z', false)!.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });
});
