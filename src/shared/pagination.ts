import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError, ErrorCode } from './errors.js';
import { isUuid } from './ids.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  /** Counted only when asked for: a COUNT over a large table costs more than the page itself. */
  totalCount: () => Promise<number>;
}

/** Cursors are opaque to clients; inside they carry the id of the last row seen (ids are time-ordered UUIDv7). */
export function encodeCursor(id: string): string {
  return Buffer.from(`c1:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith('c1:') ? text.slice(3) : '';
  if (!isUuid(id)) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Invalid pagination cursor', { argument: 'after' });
  return id;
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `first must be between 1 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
  }
  return size;
}

/**
 * Keyset pagination over `<alias>.id`: stable under inserts, and the cost of a deep page
 * is the cost of the first one (an index seek), unlike OFFSET.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  direction: 'ASC' | 'DESC' = 'ASC',
): Promise<Page<T>> {
  const size = pageSize(args.first);
  const alias = query.alias;
  const counter = query.clone();
  if (args.after) {
    query.andWhere(`${alias}.id ${direction === 'ASC' ? '>' : '<'} :afterId`, { afterId: decodeCursor(args.after) });
  }
  const rows = await query
    .orderBy(`${alias}.id`, direction)
    .limit(size + 1)
    .getMany();
  return { nodes: rows.slice(0, size), hasNextPage: rows.length > size, totalCount: () => counter.getCount() };
}

/** The same keyset pagination over items already in memory (ordered ascending by id). */
export function paginateArray<T extends { id: string }>(items: readonly T[], args: PageArgs): Page<T> {
  const size = pageSize(args.first);
  const afterId = args.after ? decodeCursor(args.after) : null;
  const rest = afterId ? items.filter((item) => item.id > afterId) : items;
  return { nodes: rest.slice(0, size), hasNextPage: rest.length > size, totalCount: async () => items.length };
}
