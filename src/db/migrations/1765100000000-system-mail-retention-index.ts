import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * The outbox sweep deletes finished system mail past its retention (src/mail/outbox-retention.ts).
 * Without an index it would read every message, invitation mail included, every ten minutes. The index
 * is partial, so the invitation mails an upload writes (2000 at a time) do not maintain it.
 */
export class SystemMailRetentionIndex1765100000000 implements MigrationInterface {
  name = 'SystemMailRetentionIndex1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'outbox_message',
      new TableIndex({ name: 'IDX_outbox_system_updated', columnNames: ['status', 'updatedAt'], where: `"audience" = 'System'` }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('outbox_message', 'IDX_outbox_system_updated');
  }
}
