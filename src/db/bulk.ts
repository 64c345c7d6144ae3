import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';

/**
 * Multi-row INSERTs in chunks, without reloading the rows (TypeORM's `insert(array)` reloads them,
 * which is slow and, on SQLite, fails for large arrays with "Expression tree is too large").
 */
export async function insertMany<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
  chunkSize = 200,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunkSize) {
    await em.createQueryBuilder().insert().into(target).values(rows.slice(i, i + chunkSize)).updateEntity(false).execute();
  }
}
