import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { connectionNodeSelection } from '../../src/graphql/selection.js';

/** What a resolver of the query's first root field is given, as far as the selection reads it. */
function infoOf(query: string): GraphQLResolveInfo {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments } as unknown as GraphQLResolveInfo;
}

const plain = (selection: Map<string, Set<string>>) => Object.fromEntries([...selection].map(([name, inner]) => [name, [...inner].sort()]));

describe('connectionNodeSelection', () => {
  it('merges what nodes and edges select, through fragments, inline fragments and aliases', () => {
    const info = infoOf(`query {
      invitations(first: 5) {
        nodes { id ...Row invitedUser { id } }
        edges { node { ... on Invitation { email invitedUser { mail } } delivery { status } } }
      }
    }
    fragment Row on Invitation { status guest: invitedUser { userType } }`);
    expect(plain(connectionNodeSelection(info))).toEqual({
      id: [],
      status: [],
      email: [],
      invitedUser: ['id', 'mail', 'userType'],
      delivery: ['status'],
    });
  });

  it('walks a fragment spread many times once: fragments that double at every level cost their size', () => {
    const depth = 40; // two to the fortieth visits would never end
    const fragments = Array.from({ length: depth }, (_, i) =>
      i === depth - 1
        ? `fragment F${i} on Invitation { email invitedUser { mail } }`
        : `fragment F${i} on Invitation { id ...F${i + 1} ...F${i + 1} }`,
    );
    const info = infoOf(`query { invitations { nodes { ...F0 } } } ${fragments.join('\n')}`);
    expect(plain(connectionNodeSelection(info))).toEqual({ id: [], email: [], invitedUser: ['mail'] });
  });
});
