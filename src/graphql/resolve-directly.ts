import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { GraphQLContext } from './context.js';

/**
 * Has GraphQL call `fields` as the resolvers of those fields of `typeName` in place of type-graphql's
 * wrappers of the same methods (the @FieldResolver methods stay, for the schema they declare, and
 * should call these). The wrapper runs middlewares and `@Authorized` checks, which these fields have
 * none of (the services check access), and sorts, maps and converts the parameters on every call:
 * paid by each row of a listing. Call it on a schema built without global middlewares.
 * @throws TypeError when the schema has no such field without arguments (a renamed field must not
 *   fall back silently), or when its resolver has a middleware or `@Authorized` that this would skip
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
    if (guarded(typeName, name)) throw new TypeError(`${typeName}.${name} has a middleware or @Authorized: it cannot skip its wrapper`);
    field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
  }
}

/** Whether type-graphql would run a middleware or an authorization check around this field's resolver. */
function guarded(typeName: string, fieldName: string): boolean {
  const storage = getMetadataStorage();
  const objectName = (target: unknown) => storage.objectTypes.find((o) => o.target === target)?.name;
  return storage.fieldResolvers.some((r) => {
    if (r.schemaName !== fieldName || objectName(r.getObjectType?.()) !== typeName) return false;
    const onField = (m: { target: unknown; fieldName: string }) => m.target === r.target && m.fieldName === r.methodName;
    const onClass = (m: { target: unknown }) => m.target === r.target;
    return (
      !!r.roles?.length ||
      !!r.middlewares?.length ||
      storage.authorizedFields.some(onField) ||
      storage.middlewares.some(onField) ||
      storage.authorizedResolver.some(onClass) ||
      storage.resolverMiddlewares.some(onClass)
    );
  });
}
