import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Per-tenant security policies (MFA, trusted partner MFA, sign-in frequency, terms of use) and terms acceptances. */
export class SecurityPolicies1764720000000 implements MigrationInterface {
  name = 'SecurityPolicies1764720000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    const flag = (name: string, on: boolean) => ({ name, type: 'boolean', default: on });
    const toTenant = { columnNames: ['tenantId'], referencedTableName: 'tenant', referencedColumnNames: ['id'], onDelete: 'CASCADE' };
    await q.createTable(
      new Table({
        name: 'security_policy',
        columns: [
          { ...str('tenantId', 36), isPrimary: true },
          flag('mfaForAdmins', true),
          flag('mfaForMembers', false),
          flag('mfaForGuests', false),
          flag('trustPartnerMfa', false),
          { name: 'signInFrequencyMinutes', type: 'integer', isNullable: true },
          { ...str('termsAudience', 16), default: "'none'" },
          str('termsUrl', 2048, true),
          str('termsVersion', 64, true),
          { name: 'termsUrls', type: 'text', isNullable: true },
          { name: 'updatedAt', type: time, isNullable: true },
        ],
        foreignKeys: [toTenant],
      }),
    );
    await q.createTable(
      new Table({
        name: 'terms_acceptance',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('tenantId', 36),
          str('userId', 36),
          str('version', 64),
          str('language', 16),
          { name: 'acceptedAt', type: time },
        ],
        indices: [{ name: 'UQ_terms_acceptance', columnNames: ['tenantId', 'userId', 'version'], isUnique: true }],
        foreignKeys: [
          toTenant,
          { columnNames: ['userId'], referencedTableName: 'directory_user', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('terms_acceptance');
    await q.dropTable('security_policy');
  }
}
