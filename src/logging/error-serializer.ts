import { stdSerializers } from 'pino';

/**
 * Error properties that carry data values: a failed query's `parameters` (TypeORM's QueryFailedError
 * keeps every bound value, a password hash among them) and PostgreSQL's `detail`
 * ("Key (mail)=(…) already exists"). The SQL text, message and codes stay: they name no value.
 */
const VALUE_CARRIERS = new Set(['parameters', 'detail']);

/** pino's error serializer, minus the values: applied to every logged error, at any depth (causes, driver errors). */
export function serializeError(error: unknown): unknown {
  return scrub(error instanceof Error ? stdSerializers.err(error) : error, 0);
}

function scrub(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) return scrub(stdSerializers.err(value), depth);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !VALUE_CARRIERS.has(key))
      .map(([key, v]) => [key, scrub(v, depth + 1)]),
  );
}
