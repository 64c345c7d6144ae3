import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
  isEnumType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import type { TestGateway } from './test-gateway.js';

/** Every row of every table in the gateway's database, as text (whatever table a future change adds). */
export async function dumpDatabase(t: TestGateway): Promise<Record<string, string>> {
  const db = t.gateway.db;
  const tables: { name: string }[] = db.isPostgres
    ? await db.dataSource.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`)
    : await db.dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table'`);
  const dump: Record<string, string> = {};
  for (const { name } of tables) {
    const rows: unknown[] = await db.dataSource.query(`SELECT * FROM "${name}"`);
    dump[name] = JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : v));
  }
  return dump;
}

/** The schema as a client sees it, from introspection over HTTP. */
export async function introspect(t: TestGateway, token: string): Promise<GraphQLSchema> {
  const response = await fetch(`${t.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  return buildClientSchema(((await response.json()) as { data: IntrospectionQuery }).data);
}

/**
 * A selection of every field of a type reachable without required arguments, down to `depth`
 * levels of objects: a query built this way reads everything an API client could.
 */
export function everyField(type: GraphQLNamedType, depth: number): string {
  if (!isObjectType(type)) return '';
  const parts: string[] = [];
  for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isScalarType(named) || isEnumType(named)) parts.push(field.name);
    else if (depth > 0) {
      const inner = everyField(named, depth - 1);
      if (inner) parts.push(`${field.name} { ${inner} }`);
    }
  }
  return parts.join(' ');
}
