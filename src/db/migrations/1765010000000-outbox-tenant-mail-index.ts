import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * A tenant's own mail by status (the console overview's failed count, the outbox listing) reads
 * `tenantId`, `audience` and `status`. The older `(tenantId, status, id)` index leaves `audience` to the
 * table, so once SQLite's statistics say a tenant's mail is mostly of one status, it read the whole
 * table instead: 42 ms of the overview's 52 at 100k mails (bench/console.ts). This index answers the
 * count alone and serves the listing's order.
 */
export class OutboxTenantMailIndex1765010000000 implements MigrationInterface {
  name = 'OutboxTenantMailIndex1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'outbox_message',
      new TableIndex({ name: 'IDX_outbox_tenant_mail', columnNames: ['tenantId', 'audience', 'status', 'id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('outbox_message', 'IDX_outbox_tenant_mail');
  }
}
