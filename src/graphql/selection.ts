import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * The field names a query selects on a connection's items (under `nodes` and `edges { node }`),
 * through fragments, each with the names it selects in turn (`invitedUser { id mail }`: `invitedUser`
 * → `id`, `mail`; empty for a scalar), merged over every place it is selected. Lets a listing read
 * what its rows and per-row fields show with its page; a field under `@skip`/`@include` counts as
 * selected (reading it for nothing costs a column or a join, never an answer).
 */
export function connectionNodeSelection(info: GraphQLResolveInfo): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  // A fragment spread again within one walk adds nothing new (the names are a union): walked once, so
  // fragments that spread the next one twice cost their size, not two to the power of their depth.
  const visit = (
    set: SelectionSetNode | undefined,
    each: (name: string, sub: SelectionSetNode | undefined) => void,
    spread = new Set<string>(),
  ) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) each(selection.name.value, selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, each, spread);
      else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet, each, spread);
      }
    }
  };
  const collect = (set: SelectionSetNode | undefined) =>
    visit(set, (name, sub) => {
      const inner = names.get(name) ?? new Set<string>();
      names.set(name, inner);
      visit(sub, (field) => inner.add(field));
    });
  for (const field of info.fieldNodes) {
    visit(field.selectionSet, (name, sub) => {
      if (name === 'nodes') collect(sub);
      else if (name === 'edges') visit(sub, (inner, node) => inner === 'node' && collect(node));
    });
  }
  return names;
}
