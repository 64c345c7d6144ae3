/** Whether text holds a NUL character, which PostgreSQL refuses in any text value (SQLite stores it). */
export const holdsNul = (value: string): boolean => value.includes('\u0000');

/**
 * Whether any string inside parsed client input (a form body, GraphQL variables: objects and arrays,
 * keys included, any depth) holds a NUL. Only plain data is read: an upload's stream is not text.
 */
export function anyNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return holdsNul(value);
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => anyNul(item, depth + 1));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.entries(value).some(([key, item]) => holdsNul(key) || anyNul(item, depth + 1));
}
