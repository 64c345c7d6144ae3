import type { DataSource } from 'typeorm';
import { readDate } from '../db/raw-read.js';
import { statementRunner } from '../db/raw-statements.js';
import { type DirectoryRole, PrincipalKind } from '../directory/role-assignment.entity.js';
import type { VerificationKey } from './signing-key.service.js';

/** An application token's caller as read with the keys: what its actor shows. */
export interface TokenApplication {
  id: string;
  displayName: string;
  roles: DirectoryRole[];
}

/**
 * An application access token's checks in one statement: the tenant's signing keys and the calling
 * application (by its client id) with its directory roles, read together at every request (nothing
 * is kept across requests, so a deleted app or a removed role counts at the next one, in any
 * process). Was three statements; a page of the API's listings costs six in all. The client id comes
 * from the token before its signature is checked: the app is used only once the signature is valid.
 * Its text depends only on the database, so on PostgreSQL it runs prepared (planning it took about
 * 0.2 ms of every API request).
 */
export async function keysAndApplication(
  dataSource: DataSource,
  tenantId: string,
  clientId: string,
): Promise<{ keys: VerificationKey[]; app: TokenApplication | null }> {
  const postgres = dataSource.options.type === 'postgres';
  const p = (n: number) => (postgres ? `$${n}` : '?');
  // Key rows: kind 'k'; app rows (one per role, or one with a null role): kind 'a'.
  const sql =
    `SELECT 'k' AS "kind", "kid" AS "a", "alg" AS "b", "publicJwk" AS "c", "activatesAt" AS "t1", "retiresAt" AS "t2", "createdAt" AS "t3" ` +
    `FROM "signing_key" WHERE "tenantId" = ${p(1)} ` +
    `UNION ALL SELECT 'a', app."id", app."displayName", r."role", NULL, NULL, NULL FROM "application" app ` +
    `LEFT JOIN "role_assignment" r ON r."tenantId" = app."tenantId" AND r."principalKind" = ${p(2)} AND r."principalId" = app."id" ` +
    `WHERE app."tenantId" = ${p(postgres ? 1 : 3)} AND app."appId" = ${p(postgres ? 3 : 4)}`;
  const parameters = postgres ? [tenantId, PrincipalKind.Application, clientId] : [tenantId, PrincipalKind.Application, tenantId, clientId];
  const runner = statementRunner(dataSource);
  const rows = (await runner.rows(runner.prepared(sql), parameters)) as Record<'kind' | 'a' | 'b' | 'c' | 't1' | 't2' | 't3', unknown>[];
  const keys: VerificationKey[] = [];
  let app: TokenApplication | null = null;
  for (const row of rows) {
    if (row.kind === 'k') {
      keys.push({
        kid: String(row.a),
        alg: String(row.b),
        publicJwk: String(row.c),
        activatesAt: readDate(row.t1, postgres),
        retiresAt: readDate(row.t2, postgres),
        createdAt: readDate(row.t3, postgres)!,
      });
    } else {
      app ??= { id: String(row.a), displayName: String(row.b), roles: [] };
      if (row.c !== null && row.c !== undefined) app.roles.push(row.c as DirectoryRole);
    }
  }
  app?.roles.sort();
  return { keys, app };
}
