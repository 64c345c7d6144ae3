import type { DataSource } from 'typeorm';
import { RawReader } from '../db/raw-read.js';
import { User } from './user.entity.js';

/** Every column a reader of a user may show or check; never the password hash. */
const LISTED_COLUMNS = [
  'id',
  'tenantId',
  'userType',
  'displayName',
  'givenName',
  'familyName',
  'preferredLanguage',
  'mail',
  'userPrincipalName',
  'creationType',
  'externalUserState',
  'externalUserStateChangedAt',
  'signInName',
  'altSecId',
  'accountEnabled',
  'activationPending',
  'emailVerified',
  'homeUserId',
  'accessExpiresAt',
  'lastSignInAt',
  'upstreamIssuer',
  'upstreamSubject',
  'upstreamAuthenticatedAt',
  'signInSessionsValidFrom',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof User)[];

/** What a reader of fewer columns still reads: the key, the tenant, and the kind of user (a guest's home organization looks at it). */
export const USER_KEY_COLUMNS = ['id', 'tenantId', 'userType'] as const satisfies readonly (typeof LISTED_COLUMNS)[number][];

/** A user as listings show it: plain data, every column but the password hash. */
export type ListedUser = Pick<User, (typeof LISTED_COLUMNS)[number]>;

const readers = new WeakMap<DataSource, RawReader<User, (typeof LISTED_COLUMNS)[number]>>();

export function listedUserReader(dataSource: DataSource): RawReader<User, (typeof LISTED_COLUMNS)[number]> {
  let reader = readers.get(dataSource);
  if (!reader) readers.set(dataSource, (reader = new RawReader(dataSource, User, LISTED_COLUMNS)));
  return reader;
}

/**
 * The users of `tenantId` among `ids` in one raw read (a page's guests, batched by DataLoader):
 * plain rows, no entity hydration. Another tenant's ids find nothing.
 */
export async function listedUsersInTenant(dataSource: DataSource, tenantId: string, ids: readonly string[]): Promise<ListedUser[]> {
  if (ids.length === 0) return [];
  const r = listedUserReader(dataSource);
  return r.query(`SELECT ${r.columns} FROM ${r.table} WHERE "tenantId" = ${r.param(1)} AND "id" IN ${r.params(2, ids.length)}`, [
    tenantId,
    ...ids,
  ]);
}

/** A LEFT JOIN of the user `userId` names as `alias`, in the tenant of the rows aliased `row` only. */
export function userJoin(alias: string, row: string, userId: string): string {
  return `LEFT JOIN "directory_user" ${alias} ON ${alias}."tenantId" = ${row}."tenantId" AND ${alias}."id" = ${row}."${userId}"`;
}
