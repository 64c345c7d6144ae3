import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { encodeCursor, type Page } from '../../shared/pagination.js';

/**
 * `simpleResolvers` (here and on the types a listing returns): fields read by GraphQL's own default
 * resolver. Otherwise type-graphql wraps each field in a resolver of its own that runs middlewares
 * and `@Authorized`, which this schema has none of (the services check access), paid for each field
 * of each row of a page. A field whose GraphQL name is not its property's keeps the wrapper
 * (`simple: false`): the default resolver reads the property of the field's name.
 */
@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number | Promise<number>;
}

/** A Relay-style connection type for `Node`, named `<name>Connection` with `<name>Edge` edges. */
export function Connection<T extends object>(Node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String)
    cursor: string;

    @Field(() => Node)
    node: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => [Node])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Matching items across all pages (counted only when requested).' })
    totalCount: number | Promise<number>;
  }
  return ConnectionType;
}

export function toConnection<T extends { id: string }>(page: Page<T>): ConnectionShape<T> {
  const last = page.nodes.at(-1);
  let count: Promise<number> | undefined;
  let edges: { cursor: string; node: T }[] | undefined;
  return {
    // Getters: GraphQL reads them only when the query selects them (most pages select `nodes`, and
    // an edge costs an object and an encoded cursor per row).
    get edges() {
      edges ??= page.nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
      return edges;
    },
    nodes: page.nodes,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor(last.id) : null },
    get totalCount() {
      count ??= page.totalCount();
      return count;
    },
  };
}
