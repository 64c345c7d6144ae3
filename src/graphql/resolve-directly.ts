import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import type { GraphQLContext } from './context.js';

/**
 * Has GraphQL call `fields` as the resolvers of those fields of `typeName` in place of type-graphql's
 * wrappers of the same methods (the @FieldResolver methods stay, for the schema they declare, and
 * should call these). The wrapper runs middlewares and `@Authorized` checks, which this schema has
 * none of (the services check access), and sorts, maps and converts the parameters on every call:
 * paid by each row of a listing. Only for fields without arguments, middlewares or `@Authorized`.
 * @throws TypeError when the schema has no such field (a renamed field must not fall back silently)
 */
export function resolveDirectly<T>(
  schema: GraphQLSchema,
  typeName: string,
  fields: Record<string, GraphQLFieldResolver<T, GraphQLContext>>,
): void {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new TypeError(`${typeName} is not an object type of the schema`);
  const own = type.getFields();
  for (const [name, resolve] of Object.entries(fields)) {
    const field = own[name];
    if (!field || field.args.length > 0) throw new TypeError(`${typeName}.${name} is not a field without arguments`);
    field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
  }
}
