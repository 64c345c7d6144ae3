import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * SAML 2.0 sign-in: an application's protocol (`oidc` as before, or `saml`), the settings of a SAML
 * service provider (owned by src/saml) and the AuthnRequests received, one row per request id so that
 * every process refuses a replay (unique per service provider).
 */
export class SamlServiceProviders1764910000000 implements MigrationInterface {
  name = 'SamlServiceProviders1764910000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    await q.addColumn('application', new TableColumn({ name: 'protocol', type: 'varchar', length: '8', default: "'oidc'" }));
    await q.createTable(
      new Table({
        name: 'saml_service_provider',
        columns: [
          { ...str('applicationId', 36), isPrimary: true },
          str('tenantId', 36),
          str('entityId', 1024),
          { name: 'acsUrls', type: 'text' },
          str('nameIdFormat', 16),
          { name: 'signingCertificate', type: 'text', isNullable: true },
          str('logoutUrl', 2048, true),
          { name: 'createdAt', type: time },
        ],
        indices: [{ name: 'IDX_saml_sp_entity', columnNames: ['tenantId', 'entityId'], isUnique: true }],
        foreignKeys: [
          { columnNames: ['applicationId'], referencedTableName: 'application', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['tenantId'], referencedTableName: 'tenant', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'saml_request',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('tenantId', 36),
          str('applicationId', 36),
          str('requestId', 256, true),
          str('acsUrl', 2048),
          { name: 'relayState', type: 'text', isNullable: true },
          { name: 'forceAuthn', type: 'boolean', default: false },
          { name: 'createdAt', type: time },
          { name: 'expiresAt', type: time },
          { name: 'answeredAt', type: time, isNullable: true },
        ],
        indices: [
          { name: 'IDX_saml_request_once', columnNames: ['applicationId', 'requestId'], isUnique: true },
          { name: 'IDX_saml_request_expires', columnNames: ['expiresAt'] },
        ],
        foreignKeys: [
          { columnNames: ['applicationId'], referencedTableName: 'application', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('saml_request');
    await q.dropTable('saml_service_provider');
    await q.dropColumn('application', 'protocol');
  }
}
