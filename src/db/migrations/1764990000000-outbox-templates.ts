import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * Invitation mails of one upload share one sealed template (`outbox_template`); each message keeps
 * only what differs (the guest's name and link, sealed) and names its template. A 2000-row CSV upload
 * stored 2000 rendered bodies of about 6 KB, which PostgreSQL moved out of line (TOAST): a third of
 * the upload. Messages without a template keep their whole body, as before.
 */
export class OutboxTemplates1764990000000 implements MigrationInterface {
  name = 'OutboxTemplates1764990000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.createTable(
      new Table({
        name: 'outbox_template',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'tenantId', type: 'varchar', length: '36' },
          { name: 'bodySealed', type: 'text' },
          { name: 'createdAt', type: time },
        ],
        foreignKeys: [{ columnNames: ['tenantId'], referencedTableName: 'tenant', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await q.addColumn('outbox_message', new TableColumn({ name: 'templateId', type: 'varchar', length: '36', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('outbox_message', 'templateId');
    await q.dropTable('outbox_template');
  }
}
