import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Domains a tenant added and proves by a DNS TXT record (issue 12); verified ones stay in `tenant_domain`. */
export class PendingDomains1764600000000 implements MigrationInterface {
  name = 'PendingDomains1764600000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await q.createTable(
      new Table({
        name: 'pending_domain',
        columns: [
          { ...str('tenantId', 36), isPrimary: true },
          { ...str('domain', 253), isPrimary: true },
          str('verificationToken', 64),
          { name: 'createdAt', type: time },
        ],
        foreignKeys: [{ columnNames: ['tenantId'], referencedTableName: 'tenant', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [{ name: 'IDX_pending_domain_domain', columnNames: ['domain'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('pending_domain');
  }
}
