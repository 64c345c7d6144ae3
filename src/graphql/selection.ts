import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * The field names a query selects on a connection's items (under `nodes` and `edges { node }`),
 * through fragments. Lets a listing read what per-row fields need with its page; a field under
 * `@skip`/`@include` counts as selected (reading it for nothing costs a join, never an answer).
 */
export function connectionNodeFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, each: (name: string, sub: SelectionSetNode | undefined) => void) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) each(selection.name.value, selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, each);
      else visit(info.fragments[selection.name.value]?.selectionSet, each);
    }
  };
  const collect = (set: SelectionSetNode | undefined) => visit(set, (name) => names.add(name));
  for (const field of info.fieldNodes) {
    visit(field.selectionSet, (name, sub) => {
      if (name === 'nodes') collect(sub);
      else if (name === 'edges') visit(sub, (inner, node) => inner === 'node' && collect(node));
    });
  }
  return names;
}
