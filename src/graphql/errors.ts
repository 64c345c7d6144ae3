import { unwrapResolverError } from '@apollo/server/errors';
import { type GraphQLFormattedError, GraphQLError } from 'graphql';
import { DomainError, errorCategory } from '../shared/errors.js';
import { queryLimitError } from './query-limits.js';

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/**
 * The one place errors become GraphQL errors: domain errors (and operations refused by the query
 * limits) keep their catalog code (plus a coarse category and safe details), GraphQL's own errors keep
 * theirs, and anything else is masked.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const domain = original instanceof DomainError ? original : queryLimitError(error);
  if (domain) {
    return {
      message: domain.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: domain.code,
        category: errorCategory(domain.code),
        ...(domain.details ? { details: domain.details } : {}),
      },
    };
  }
  if (original instanceof GraphQLError && typeof original.extensions?.code === 'string') {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: INTERNAL_ERROR_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** Errors that formatError masks: these are the ones worth logging. */
export function isUnexpected(error: unknown): boolean {
  const original = unwrapResolverError(error);
  return !(original instanceof DomainError) && !(original instanceof GraphQLError && typeof original.extensions?.code === 'string');
}
