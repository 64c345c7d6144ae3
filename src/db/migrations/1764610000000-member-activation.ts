import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

/** Members created by administrators: their names and language, the pending-activation flag, and activation links. */
export class MemberActivation1764610000000 implements MigrationInterface {
  name = 'MemberActivation1764610000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    await q.addColumns('directory_user', [
      new TableColumn(str('givenName', 64, true)),
      new TableColumn(str('familyName', 64, true)),
      new TableColumn(str('preferredLanguage', 16, true)),
      new TableColumn({ name: 'activationPending', type: 'boolean', default: false }),
    ]);
    await q.createTable(
      new Table({
        name: 'member_activation',
        columns: [
          { ...str('userId', 36), isPrimary: true },
          str('tenantId', 36),
          str('tokenHash', 64),
          { name: 'expiresAt', type: time },
          { name: 'createdAt', type: time },
        ],
        uniques: [{ name: 'UQ_member_activation_token', columnNames: ['tokenHash'] }],
        foreignKeys: [
          { columnNames: ['userId'], referencedTableName: 'directory_user', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['tenantId'], referencedTableName: 'tenant', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('member_activation');
    for (const column of ['activationPending', 'preferredLanguage', 'familyName', 'givenName'])
      await q.dropColumn('directory_user', column);
  }
}
