import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger.js';

/** Query parameters that carry secrets: redemption tickets, authorization codes, tokens. */
const SECRET_PARAMS = /([?&](?:ticket|code|id_token_hint|access_token|refresh_token|client_secret|password|token)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

/**
 * One JSON line per request (method, redacted URL, status, duration, request id). Headers and bodies
 * are never logged, so cookies, authorization headers, passwords and codes cannot leak through here.
 */
export function requestLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    // Nothing to write at this level (e.g. LOG_LEVEL=warn): no listener, no timing, no redaction.
    if (!logger.isLevelEnabled('info')) return next();
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info(
        {
          requestId: res.locals.requestId,
          method: req.method,
          url: redactUrl(req.originalUrl),
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
        },
        'request',
      );
    });
    next();
  };
}
