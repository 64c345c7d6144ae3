import type { GraphQLFormattedError } from 'graphql';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * graphql-js appends "Did you mean …?" to validation and variable errors (unknown fields, arguments,
 * types, enum values), which lists schema names to anyone even with introspection off. Where
 * introspection is off, this cuts that sentence from every error message.
 */
export function withoutSuggestions(format: FormatError): FormatError {
  return (formatted, error) => {
    const result = format(formatted, error);
    return { ...result, message: result.message.replace(/\s*Did you mean [^?]*\?/g, '') };
  };
}
