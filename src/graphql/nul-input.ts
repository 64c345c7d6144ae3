import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { type DocumentNode, GraphQLError, visit, BREAK } from 'graphql';
import { anyNul, holdsNul } from '../shared/nul.js';

const MESSAGE = 'A string argument holds a character that is not allowed (NUL).';

/**
 * Documents already visited: Apollo hands the same parsed document to every request of one operation
 * text (its document store), and a document never changes, so its literals are looked at once.
 */
const visited = new WeakMap<DocumentNode, boolean>();

function literalHoldsNul(document: DocumentNode): boolean {
  let found = visited.get(document);
  if (found === undefined) visited.set(document, (found = visitLiterals(document)));
  return found;
}

function visitLiterals(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (!holdsNul(node.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * No argument may hold a NUL, in a variable or a literal: PostgreSQL refuses it in text (an internal
 * error on one database, a silent miss on the other), and no name, address or id has one. Refused
 * before any resolver runs, with BAD_USER_INPUT and a 400.
 */
export function refuseNulInput(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          if (anyNul(request.variables) || literalHoldsNul(document)) {
            throw new GraphQLError(MESSAGE, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
        },
      };
    },
  };
}
