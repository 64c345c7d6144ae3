import { buildSchema, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import fs from 'node:fs';

/** Every operation of the published schema (schema.graphql): the root fields of Query and Mutation. */
export function schemaOperations(): string[] {
  const schema = buildSchema(fs.readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
  return [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) => Object.keys(type.getFields()));
}

/** The operation a test document runs: the root field of its first selection. */
export function rootFieldOf(document: DocumentNode): string {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const field = operation.selectionSet.selections[0]!;
  if (field.kind !== 'Field') throw new TypeError(`expected a field first in ${operation.name?.value}`);
  return field.name.value;
}
