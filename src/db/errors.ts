import { QueryFailedError } from 'typeorm';

/** A unique index or primary key refused a row (PostgreSQL 23505; SQLite's UNIQUE / PRIMARY KEY constraints). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
