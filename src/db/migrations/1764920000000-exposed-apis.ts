import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex, TableUnique } from 'typeorm';

/**
 * APIs that applications expose (identifier URI, delegated scopes, app roles); grants for them in
 * the same table as the gateway API's (`resource`, `appRoles`), one grant per app and API; app roles
 * carried by assignments.
 */
export class ExposedApis1764920000000 implements MigrationInterface {
  name = 'ExposedApis1764920000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await q.createTable(
      new Table({
        name: 'exposed_api',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('tenantId', 36),
          str('applicationId', 36),
          str('identifierUri', 2048),
          { name: 'scopes', type: 'text' },
          { name: 'appRoles', type: 'text' },
          { name: 'createdAt', type: time },
          { name: 'updatedAt', type: time },
        ],
        uniques: [
          { name: 'UQ_exposed_api_app', columnNames: ['applicationId'] },
          { name: 'UQ_exposed_api_identifier', columnNames: ['tenantId', 'identifierUri'] },
        ],
        foreignKeys: [
          { columnNames: ['tenantId'], referencedTableName: 'tenant', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['applicationId'], referencedTableName: 'application', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await q.addColumns('api_access_grant', [
      new TableColumn({ ...str('resource', 36), default: "'gateway'" }),
      new TableColumn({ name: 'appRoles', type: 'text', default: "'[]'" }),
    ]);
    await q.dropUniqueConstraint('api_access_grant', 'UQ_api_access_grant_app');
    await q.createUniqueConstraint(
      'api_access_grant',
      new TableUnique({ name: 'UQ_api_access_grant_app_resource', columnNames: ['applicationId', 'resource'] }),
    );
    await q.createIndex('api_access_grant', new TableIndex({ name: 'IDX_api_access_grant_resource', columnNames: ['resource'] }));
    await q.addColumn('app_assignment', new TableColumn({ name: 'appRoles', type: 'text', default: "'[]'" }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('app_assignment', 'appRoles');
    await q.dropIndex('api_access_grant', 'IDX_api_access_grant_resource');
    await q.query(`DELETE FROM api_access_grant WHERE resource <> 'gateway'`);
    await q.dropUniqueConstraint('api_access_grant', 'UQ_api_access_grant_app_resource');
    await q.createUniqueConstraint(
      'api_access_grant',
      new TableUnique({ name: 'UQ_api_access_grant_app', columnNames: ['applicationId'] }),
    );
    await q.dropColumns('api_access_grant', ['appRoles', 'resource']);
    await q.dropTable('exposed_api');
  }
}
