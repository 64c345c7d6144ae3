import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/** Partner domain policy, access expiry, sign-in tracking, and upstream identity providers. */
export class PartnersAndFederation1764300000000 implements MigrationInterface {
  name = 'PartnersAndFederation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    await q.addColumns('tenant', [
      new TableColumn({ ...str('partnerDomainPolicy', 16), default: "'None'" }),
      new TableColumn({ name: 'partnerDomains', type: 'text', default: "'[]'" }),
      new TableColumn({ name: 'refuseConsumerDomains', type: 'boolean', default: true }),
    ]);
    await q.addColumns('directory_user', [
      new TableColumn({ name: 'accessExpiresAt', type: time, isNullable: true }),
      new TableColumn({ name: 'lastSignInAt', type: time, isNullable: true }),
      new TableColumn(str('upstreamIssuer', 512, true)),
      new TableColumn(str('upstreamSubject', 255, true)),
      new TableColumn({ name: 'upstreamAuthenticatedAt', type: time, isNullable: true }),
    ]);
    await q.createIndex(
      'directory_user',
      new TableIndex({ name: 'IDX_user_upstream', columnNames: ['upstreamIssuer', 'upstreamSubject'] }),
    );
    await q.addColumn('invitation', new TableColumn({ name: 'accessExpiresAt', type: time, isNullable: true }));
    await q.addColumns('browser_session', [
      new TableColumn({ name: 'federationState', type: 'text', isNullable: true }),
      new TableColumn(str('freshLoginUid', 64, true)),
    ]);
    await q.createTable(
      new Table({
        name: 'identity_provider',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('tenantId', 36),
          str('issuer', 512),
          str('clientId', 255),
          { name: 'clientSecretSealed', type: 'text' },
          { name: 'domains', type: 'text' },
          { name: 'createdAt', type: time },
        ],
        foreignKeys: [{ columnNames: ['tenantId'], referencedTableName: 'tenant', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [{ columnNames: ['tenantId'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('identity_provider');
    await q.dropColumn('browser_session', 'freshLoginUid');
    await q.dropColumn('browser_session', 'federationState');
    await q.dropColumn('invitation', 'accessExpiresAt');
    await q.dropIndex('directory_user', 'IDX_user_upstream');
    for (const c of ['upstreamAuthenticatedAt', 'upstreamSubject', 'upstreamIssuer', 'lastSignInAt', 'accessExpiresAt'])
      await q.dropColumn('directory_user', c);
    for (const c of ['refuseConsumerDomains', 'partnerDomains', 'partnerDomainPolicy']) await q.dropColumn('tenant', c);
  }
}
