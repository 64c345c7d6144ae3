import { refuseNulInput } from './nul-input.js';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GraphQLSchema } from 'graphql';
import type http from 'node:http';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics.js';
import type { GraphQLContext } from './context.js';
import { formatError, isUnexpected } from './errors.js';
import { queryLimitOptions } from './query-limits.js';
import { withoutSuggestions } from './suggestions.js';

export interface ApolloOptions {
  schema: GraphQLSchema;
  httpServer: http.Server;
  production: boolean;
  logger: Logger;
  metrics: Metrics;
}

export function createApolloServer(options: ApolloOptions): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    schema: options.schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    formatError: options.production ? withoutSuggestions(formatError) : formatError,
    ...queryLimitOptions(),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      options.production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      requestIdAndLogging(options.logger),
      refuseNulInput(),
      operationMetrics(options.metrics),
      // Apollo's default cache-control plugin wraps every field's resolver to collect cache hints; an
      // API of per-administrator answers sets none (no cache-control header either way), so the
      // wrapping is pure cost, paid by each field of each row of a listing.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
}

/** Adds the request id to every error (so a report can be matched to the logs) and logs masked errors. */
function requestIdAndLogging(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          for (const error of errors) {
            if (isUnexpected(error)) {
              logger.error(
                { err: error.originalError ?? error, requestId: contextValue.requestId, operationName },
                'unexpected GraphQL error',
              );
            }
          }
        },
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
        },
      };
    },
  };
}

/** Counts operations by name and outcome (success, or error when the response carries errors). */
function operationMetrics(metrics: Metrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operationName, response }) {
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          metrics.graphqlOperations.inc({ operation: operationName ?? 'anonymous', outcome: failed ? 'error' : 'success' });
        },
      };
    },
  };
}
