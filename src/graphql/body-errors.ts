import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { formatError } from './errors.js';

/** The largest JSON request body /graphql reads (uploads are multipart and bounded by CSV_MAX_BYTES). */
export const MAX_JSON_BODY = '1mb';

/**
 * A body that is too large or not JSON is the client's mistake: answer it as a GraphQL error (413 or
 * 400, formatted in the one place errors are) instead of falling through to the 500 handler.
 */
export function graphqlBodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  if (typeof status !== 'number' || status >= 500 || typeof type !== 'string' || !type.startsWith('entity.')) {
    next(error);
    return;
  }
  const message = type === 'entity.too.large' ? `The request body is larger than ${MAX_JSON_BODY}` : 'The request body is not valid JSON';
  const refused =
    type === 'entity.too.large'
      ? new GraphQLError(message, { originalError: new DomainError(ErrorCode.QUERY_TOO_LARGE, message, { maxBodySize: MAX_JSON_BODY }) })
      : new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } });
  const formatted = formatError(refused.toJSON(), refused);
  res.status(status).json({ errors: [{ ...formatted, extensions: { ...formatted.extensions, requestId: res.locals.requestId } }] });
}
