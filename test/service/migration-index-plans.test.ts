import type { DataSource, EntityManager } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/data-source.js';
import { insertTenant } from '../../src/directory/tenant.rows.js';
import { newId } from '../../src/shared/ids.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

/**
 * The indexes migrations add for the periodic sweeps and hot counts serve the statements they were
 * added for (EXPLAIN on each database), so a changed query or a dropped index shows here.
 */
describe.each(testDatabases())('migrated indexes on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeEach(async () => {
    db = await createTestDatabase(kind);
    ds = await openDatabase(db.database);
  });
  afterEach(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /**
   * The statement's plan as text, after `prepare` in the same transaction. `avoidScans`: PostgreSQL is
   * told to avoid a scan of the whole table if it can, since on an empty table a scan costs it nothing.
   */
  const planOf = (
    sql: string,
    { avoidScans = false, prepare }: { avoidScans?: boolean; prepare?: (em: EntityManager) => Promise<void> } = {},
  ) =>
    ds.transaction(async (em) => {
      if (avoidScans && kind === 'postgres') await em.query('SET LOCAL enable_seqscan = off');
      await prepare?.(em);
      const rows: Record<string, string>[] = await em.query(`${kind === 'postgres' ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${sql}`);
      return rows.map((row) => Object.values(row).join(' ')).join('\n');
    });

  it('answer the expired-guest sweep from the access-end index, not by reading every user', async () => {
    // The sweep's condition (UserService.disableExpiredGuests).
    const where = `"userType" = 'Guest' AND "accountEnabled" = ${kind === 'postgres' ? 'true' : '1'} AND "accessExpiresAt" <= CURRENT_TIMESTAMP`;
    expect(await planOf(`SELECT "id" FROM "directory_user" WHERE ${where}`, { avoidScans: true })).toContain(
      'IDX_directory_user_access_end',
    );
  });

  it("count a tenant's failed mail from the tenant-mail index alone, even where statistics favour a scan", async () => {
    const count = `SELECT COUNT(1) FROM "outbox_message" WHERE "tenantId" = 't' AND "audience" = 'Tenant' AND "status" IN ('Failed')`;
    const plan = await planOf(count, {
      avoidScans: true,
      // SQLite: what ANALYZE writes for a tenant whose 100k mails are all sent (bench/seed.ts analyses).
      prepare: async (em) => {
        if (kind === 'sqlite') {
          await em.query('ANALYZE');
          await em.query(`DELETE FROM sqlite_stat1 WHERE tbl = 'outbox_message'`);
          await em.query(
            `INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('outbox_message', NULL, '100000'), ` +
              `('outbox_message', 'IDX_outbox_tenant_mail', '100000 50000 50000 50000 1')`,
          );
          await em.query('ANALYZE sqlite_schema');
        }
      },
    });
    expect(plan).toContain('IDX_outbox_tenant_mail');
  });

  it('find finished system mail past its retention from the partial system-mail index', async () => {
    // The sweep's statement (OutboxRetention.sweep), with its literals as it sends them, over an outbox
    // as it grows: mostly sent invitation mail, a little system mail, statistics gathered.
    const sweep = `DELETE FROM "outbox_message" WHERE "audience" = 'System' AND "status" IN ('Sent', 'Failed', 'Cancelled') AND "updatedAt" < '2030-01-01'`;
    const tenant = await ds.transaction((em) => insertTenant(em, { name: 'Plan' }, [`plan-${newId()}.example`], new Date()));
    const series = kind === 'postgres' ? 'generate_series(1, 5000) AS g(n)' : 'g';
    await ds.query(
      `${kind === 'postgres' ? '' : 'WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 5000) '}` +
        `INSERT INTO "outbox_message" ("id", "tenantId", "audience", "messageId", "fromAddress", "toAddress", "toName", "subject", ` +
        `"bodySealed", "status", "attempts", "nextAttemptAt", "createdAt", "updatedAt") ` +
        `SELECT 'm' || n, '${tenant.id}', CASE WHEN n % 100 = 0 THEN 'System' ELSE 'Tenant' END, 'id' || n, 'f', 't', 't', '', '', ` +
        `'Sent', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM ${series}`,
    );
    await ds.query('ANALYZE');
    expect(await planOf(sweep)).toContain('IDX_outbox_system_updated');
  });
});
