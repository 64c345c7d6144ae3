import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import { DomainError, ErrorCode } from '../shared/errors.js';

/**
 * How big an operation may be, checked before anything runs (and before the caller's token matters).
 * The busiest operations a console sends (a 200-row page of invitations with delivery, guest and roles;
 * 200 partners with a few guests each) stay well inside; the test operations cost less than a tenth.
 */
export const QUERY_LIMITS = {
  /** Lexical tokens in the document: parsing stops at the first one beyond (fragments, variables and all). */
  maxTokens: 2000,
  /** Characters in the document (a long string literal or comment is one token). */
  maxDocumentLength: 100_000,
  /** Nested selections; fragments count as if written inline. The schema's deepest real path is 7. */
  maxDepth: 10,
  /** Aliased fields per operation: each alias runs its field again. */
  maxAliases: 15,
  maxDirectives: 20,
  /**
   * graphql-armor's estimate: objects 2, scalars 1, ×1.5 per level, × a literal `first`. A 200-row page
   * of invitations with everything costs about 25,000; 200 partners × 200 guests about 850,000.
   */
  maxCost: 100_000,
} as const;

const LIMIT_CODES = [
  ErrorCode.QUERY_TOO_LARGE,
  ErrorCode.QUERY_TOO_DEEP,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.QUERY_TOO_COMPLEX,
] as const;
type QueryLimitCode = (typeof LIMIT_CODES)[number];

/** Rejections from graphql-armor's validation rules become catalog errors, reported as validation errors. */
function rejectAs(code: QueryLimitCode) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const message = error.message.replace(/^Syntax Error: /, '');
    context?.reportError(new GraphQLError(message, { originalError: new DomainError(code, message) }));
  };
}

/** The Apollo options that enforce QUERY_LIMITS. */
export function queryLimitOptions(): Pick<ApolloServerOptions<BaseContext>, 'validationRules' | 'parseOptions'> {
  const reject = (code: QueryLimitCode) => ({ propagateOnRejection: false, onReject: [rejectAs(code)] });
  const { validationRules } = new ApolloArmor({
    // Armor's token plugin throws from a parsing hook, which Apollo turns into a 500; graphql-js counts
    // tokens itself (parseOptions below) and fails the parse like any syntax error.
    maxTokens: { enabled: false },
    // Not a size limit: hiding field suggestions is a separate step of the server.
    blockFieldSuggestion: { enabled: false },
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true, ...reject(ErrorCode.QUERY_TOO_DEEP) },
    maxAliases: { n: QUERY_LIMITS.maxAliases, ...reject(ErrorCode.TOO_MANY_ALIASES) },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...reject(ErrorCode.TOO_MANY_DIRECTIVES) },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, flattenFragments: true, ...reject(ErrorCode.QUERY_TOO_COMPLEX) },
  }).protect();
  return {
    validationRules,
    parseOptions: { maxLexicalTokens: QUERY_LIMITS.maxTokens, maxSourceLength: QUERY_LIMITS.maxDocumentLength },
  };
}

// graphql-js's own wording for the two parse limits (graphql is pinned; a test replays both).
const TOO_LARGE =
  /^Syntax Error: (Document contains more that \d+ tokens|Source contains more than \d+ UTF-16 code units)\. Parsing aborted\.$/;

/**
 * The catalog error behind a refused operation: a query limit reported by a validation rule above, or
 * a parse aborted at the token or length limit. Null for anything else.
 */
export function queryLimitError(error: unknown): DomainError | null {
  if (!(error instanceof GraphQLError)) return null;
  const reported = error.originalError;
  if (reported instanceof DomainError && (LIMIT_CODES as readonly string[]).includes(reported.code)) return reported;
  const parseError = error.originalError instanceof GraphQLError ? error.originalError : error;
  if (TOO_LARGE.test(parseError.message)) {
    return new DomainError(
      ErrorCode.QUERY_TOO_LARGE,
      `The operation is too large: at most ${QUERY_LIMITS.maxTokens} tokens and ${QUERY_LIMITS.maxDocumentLength} characters`,
      {
        maxTokens: QUERY_LIMITS.maxTokens,
        maxLength: QUERY_LIMITS.maxDocumentLength,
      },
    );
  }
  return null;
}
