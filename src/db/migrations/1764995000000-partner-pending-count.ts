import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * A partner's pending invitations as a counter on its row (src/partners/partner-pending.ts): reading
 * `pendingInvitations` used to count one index entry per pending guest, growing with the tenant.
 * `pendingCount` holds the guests whose `pendingUntil` is after `pendingSweptUntil`; backfilled here
 * from the guests' rows, swept up to the moment of the migration.
 */
export class PartnerPendingCount1764995000000 implements MigrationInterface {
  name = 'PartnerPendingCount1764995000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.options.type === 'postgres';
    await q.addColumns('partner', [
      new TableColumn({ name: 'pendingCount', type: 'integer', default: 0 }),
      new TableColumn({
        name: 'pendingSweptUntil',
        type: postgres ? 'timestamptz' : 'datetime',
        default: postgres ? `'1970-01-01T00:00:00Z'` : `'1970-01-01 00:00:00.000'`,
      }),
    ]);
    // better-sqlite3 binds no Date: SQLite keeps TypeORM's UTC "YYYY-MM-DD HH:MM:SS.SSS" text.
    const now = new Date();
    const at = postgres ? now : now.toISOString().replace('T', ' ').replace('Z', '');
    const p = (i: number) => (postgres ? `$${i}` : '?');
    await q.query(
      `UPDATE "partner" SET "pendingSweptUntil" = ${p(1)}, "pendingCount" = (SELECT COUNT(*) FROM "partner_guest" "g" ` +
        `WHERE "g"."tenantId" = "partner"."tenantId" AND "g"."partnerId" = "partner"."id" AND "g"."pendingUntil" > ${p(2)})`,
      [at, at],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('partner', 'pendingSweptUntil');
    await q.dropColumn('partner', 'pendingCount');
  }
}
