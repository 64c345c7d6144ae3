import { pino, type Logger } from 'pino';
import { serializeError } from './error-serializer.js';

/** Paths that may carry secrets; pino replaces their values before anything is written. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.clientSecret',
  '*.client_secret',
  '*.ticket',
  '*.token',
  '*.access_token',
  '*.refresh_token',
];

export function createLogger(level: string, options: { pretty?: boolean; destination?: NodeJS.WritableStream } = {}): Logger {
  // Errors are logged under `err` (or `error`): both drop query parameters and other data values.
  const base = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
  };
  if (options.destination) return pino(base, options.destination as pino.DestinationStream);
  if (options.pretty) return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true } } });
  return pino(base);
}

export type { Logger };
