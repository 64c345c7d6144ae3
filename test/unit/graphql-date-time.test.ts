import { GraphQLDateTimeISO } from 'graphql-scalars';
import { describe, expect, it } from 'vitest';
import { DateTimeISO, isoString } from '../../src/graphql/date-time.js';

/** src/graphql/date-time.ts: the API's DateTimeISO answers exactly what graphql-scalars' does, more cheaply. */
describe('DateTimeISO', () => {
  it('writes a Date as toISOString does, for years 1000 to 9999 and every millisecond width', () => {
    const samples = [
      '1000-01-01T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '1999-12-31T23:59:59.999Z',
      '2024-02-29T12:05:09.007Z',
      '2026-12-07T08:19:20.050Z',
      '9999-12-31T23:59:59.999Z',
    ].map((text) => new Date(text));
    // Uniform over exactly that range: 9000 Julian years (365.25 days) from 1000 overshot into +010000
    // (68 days), which isoString does not write, in about one run in 25.
    const first = Date.UTC(1000, 0, 1);
    const last = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    for (let i = 0; i < 2000; i++) samples.push(new Date(first + Math.floor(Math.random() * (last - first + 1))));
    for (const date of samples) {
      expect(isoString(date), date.toISOString()).toBe(date.toISOString());
      expect(DateTimeISO.serialize(date)).toBe(GraphQLDateTimeISO.serialize(date));
    }
  });

  it('leaves everything else to graphql-scalars: other years, invalid dates, strings, numbers', () => {
    for (const value of [
      new Date('0999-12-31T23:59:59.999Z'),
      new Date('+010000-01-01T00:00:00.000Z'),
      new Date(-1e15),
      '2026-12-07T08:19:20Z',
      0,
    ]) {
      expect(DateTimeISO.serialize(value)).toBe(GraphQLDateTimeISO.serialize(value));
    }
    for (const value of [new Date(NaN), 'yesterday', {}, null]) {
      expect(() => DateTimeISO.serialize(value)).toThrow();
      expect(() => GraphQLDateTimeISO.serialize(value)).toThrow();
    }
  });

  it('is the same scalar to clients: name, description, specifiedBy, parsing', () => {
    const ours = DateTimeISO.toConfig();
    const theirs = GraphQLDateTimeISO.toConfig();
    expect([ours.name, ours.description, ours.specifiedByURL]).toEqual([theirs.name, theirs.description, theirs.specifiedByURL]);
    expect(DateTimeISO.parseValue('2026-12-07T08:19:20.050Z')).toEqual(GraphQLDateTimeISO.parseValue('2026-12-07T08:19:20.050Z'));
    expect(() => DateTimeISO.parseValue('yesterday')).toThrow();
  });
});
