import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

const COLUMNS = ['tenantId', 'status', 'id'];

/**
 * Every query that reads a tenant's mail by status also names its audience (the outbox listing and
 * the console's failed count), and the `(tenantId, audience, status, id)` index of 1765010000000
 * answers them; the older `(tenantId, status, id)` index was only written to, once per queued mail
 * (2000 index entries per CSV upload). A tenant's deletion cascades through the newer one.
 */
export class OutboxDropTenantStatusIndex1765090000000 implements MigrationInterface {
  name = 'OutboxDropTenantStatusIndex1765090000000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('outbox_message', q.connection.namingStrategy.indexName('outbox_message', COLUMNS));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('outbox_message', new TableIndex({ columnNames: COLUMNS }));
  }
}
