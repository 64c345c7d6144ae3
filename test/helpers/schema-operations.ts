import { buildSchema, type DocumentNode, type GraphQLField, type OperationDefinitionNode } from 'graphql';
import fs from 'node:fs';

/** The root fields of the published schema (schema.graphql), each with its operation kind. */
export function schemaRootFields(): ['query' | 'mutation', GraphQLField<unknown, unknown>][] {
  const schema = buildSchema(fs.readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
  return [
    ...Object.values(schema.getQueryType()!.getFields()).map((field): ['query', GraphQLField<unknown, unknown>] => ['query', field]),
    ...Object.values(schema.getMutationType()!.getFields()).map((field): ['mutation', GraphQLField<unknown, unknown>] => [
      'mutation',
      field,
    ]),
  ];
}

/** Every operation of the published schema: the names of the root fields of Query and Mutation. */
export function schemaOperations(): string[] {
  return schemaRootFields().map(([, field]) => field.name);
}

/** The operation a test document runs: the root field of its first selection. */
export function rootFieldOf(document: DocumentNode): string {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const field = operation.selectionSet.selections[0]!;
  if (field.kind !== 'Field') throw new TypeError(`expected a field first in ${operation.name?.value}`);
  return field.name.value;
}
