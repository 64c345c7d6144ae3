import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** The admin console's server-side sessions (backend for frontend): tokens never reach the browser. */
export class ConsoleSessions1764800000000 implements MigrationInterface {
  name = 'ConsoleSessions1764800000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    await q.createTable(
      new Table({
        name: 'console_session',
        columns: [
          { ...str('idHash', 64), isPrimary: true },
          str('tenantId', 36),
          str('userId', 36, true),
          { name: 'pendingRequest', type: 'text', isNullable: true },
          { name: 'accessTokenSealed', type: 'text', isNullable: true },
          { name: 'refreshTokenSealed', type: 'text', isNullable: true },
          { name: 'accessExpiresAt', type: time, isNullable: true },
          { name: 'expiresAt', type: time },
          { name: 'createdAt', type: time },
        ],
        indices: [
          { name: 'IDX_console_session_user', columnNames: ['userId'] },
          { name: 'IDX_console_session_expires', columnNames: ['expiresAt'] },
        ],
        foreignKeys: [{ columnNames: ['tenantId'], referencedTableName: 'tenant', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('console_session');
  }
}
