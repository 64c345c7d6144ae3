import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

/** The mail outbox, and tenant branding for invitation emails and pages. */
export class OutboxAndBranding1763900000000 implements MigrationInterface {
  name = 'OutboxAndBranding1763900000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    await q.addColumns('tenant', [new TableColumn(str('logoUrl', 2048, true)), new TableColumn(str('brandColor', 7, true))]);
    await q.createTable(
      new Table({
        name: 'outbox_message',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('tenantId', 36),
          str('invitationId', 36, true),
          str('messageId', 255),
          str('fromAddress', 512),
          str('replyTo', 320, true),
          str('toAddress', 320),
          str('toName', 256),
          str('ccAddress', 320, true),
          str('subject', 512),
          { name: 'bodySealed', type: 'text' },
          str('status', 16),
          { name: 'attempts', type: 'integer' },
          { name: 'nextAttemptAt', type: time },
          str('lockedBy', 64, true),
          { name: 'lockedUntil', type: time, isNullable: true },
          { name: 'lastError', type: 'text', isNullable: true },
          { name: 'serverResponse', type: 'text', isNullable: true },
          { name: 'sentAt', type: time, isNullable: true },
          { name: 'createdAt', type: time },
          { name: 'updatedAt', type: time },
        ],
        foreignKeys: [{ columnNames: ['tenantId'], referencedTableName: 'tenant', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [
          { columnNames: ['status', 'nextAttemptAt'] },
          { columnNames: ['invitationId'] },
          { columnNames: ['tenantId', 'status', 'id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('outbox_message');
    await q.dropColumn('tenant', 'brandColor');
    await q.dropColumn('tenant', 'logoUrl');
  }
}
