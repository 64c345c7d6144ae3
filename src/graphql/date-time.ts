import { GraphQLScalarType } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';

/** 1000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: years of four digits, none padded. */
const FIRST = Date.UTC(1000, 0, 1);
const LAST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** What Date.prototype.toISOString answers for a date of the years 1000–9999, built from its UTC fields. */
export function isoString(date: Date): string {
  const ms = date.getUTCMilliseconds();
  return (
    `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}` +
    `T${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}.${ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : ms}Z`
  );
}

/**
 * graphql-scalars' DateTimeISO (the same name, description and parsing), serializing a Date without
 * Date.prototype.toISOString, which costs about 0.5 µs in V8: a listing pays it for every date of
 * every row (150 on a page of 50 invitations with their deliveries). Anything but a valid Date of
 * the years 1000–9999 goes to graphql-scalars' own serialize.
 */
export const DateTimeISO = new GraphQLScalarType({
  ...GraphQLDateTimeISO.toConfig(),
  serialize(value) {
    if (value instanceof Date) {
      const time = value.getTime();
      if (time >= FIRST && time <= LAST) return isoString(value);
    }
    return GraphQLDateTimeISO.serialize(value);
  },
});
