import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

/** CSV upload batches with their per-row report, and the per-invitation contact link of the 2015 format. */
export class InvitationBatches1764000000000 implements MigrationInterface {
  name = 'InvitationBatches1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    const int = (name: string) => ({ name, type: 'integer' });
    await q.addColumn('invitation', new TableColumn(str('contactUrl', 2048, true)));
    await q.createTable(
      new Table({
        name: 'invitation_batch',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('tenantId', 36),
          str('fileName', 255),
          str('fileSha256', 64),
          str('uploaderKind', 16),
          str('uploaderId', 36),
          str('uploaderDisplayName', 256),
          { name: 'dryRun', type: 'boolean' },
          str('status', 32),
          int('totalRows'),
          int('createdCount'),
          int('resentCount'),
          int('skippedCount'),
          int('failedCount'),
          { name: 'createdAt', type: time },
          { name: 'completedAt', type: time, isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['tenantId'], referencedTableName: 'tenant', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [{ columnNames: ['tenantId', 'fileSha256'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'invitation_batch_row',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('batchId', 36),
          int('rowNumber'),
          int('line'),
          str('email', 320, true),
          str('outcome', 16),
          str('code', 64, true),
          { name: 'message', type: 'text', isNullable: true },
          str('invitationId', 36, true),
        ],
        foreignKeys: [
          { columnNames: ['batchId'], referencedTableName: 'invitation_batch', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
        indices: [{ columnNames: ['batchId', 'id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('invitation_batch_row');
    await q.dropTable('invitation_batch');
    await q.dropColumn('invitation', 'contactUrl');
  }
}
