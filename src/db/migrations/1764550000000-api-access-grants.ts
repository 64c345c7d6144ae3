import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Admin consent for apps to call the gateway API on behalf of users (delegated permission grants). */
export class ApiAccessGrants1764550000000 implements MigrationInterface {
  name = 'ApiAccessGrants1764550000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await q.createTable(
      new Table({
        name: 'api_access_grant',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('tenantId', 36),
          str('applicationId', 36),
          { name: 'scopes', type: 'text' },
          str('grantedByKind', 16),
          str('grantedById', 36),
          { name: 'createdAt', type: time },
          { name: 'updatedAt', type: time },
        ],
        uniques: [{ name: 'UQ_api_access_grant_app', columnNames: ['applicationId'] }],
        foreignKeys: [
          { columnNames: ['tenantId'], referencedTableName: 'tenant', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['applicationId'], referencedTableName: 'application', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('api_access_grant');
  }
}
