import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** The sign-in log (src/sign-ins/): one row per sign-in decision, listed per tenant newest first. */
export class SignInLog1764710000000 implements MigrationInterface {
  name = 'SignInLog1764710000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    await q.createTable(
      new Table({
        name: 'sign_in_event',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('tenantId', 36),
          { name: 'createdAt', type: time },
          str('kind', 16),
          str('result', 8),
          str('reasonCode', 64, true),
          str('userId', 36, true),
          str('homeUserId', 36, true),
          str('signInAddress', 254, true),
          str('userDisplayName', 256, true),
          str('applicationId', 36, true),
          str('appDisplayName', 256, true),
          str('ip', 64, true),
          str('userAgent', 512, true),
          str('authMethods', 64),
          str('homeIdp', 512, true),
        ],
        indices: [
          { name: 'IDX_sign_in_event_tenant_time', columnNames: ['tenantId', 'createdAt'] },
          { name: 'IDX_sign_in_event_tenant_user', columnNames: ['tenantId', 'userId'] },
          { name: 'IDX_sign_in_event_tenant_app', columnNames: ['tenantId', 'applicationId'] },
          // The retention sweep deletes by time across tenants.
          { name: 'IDX_sign_in_event_time', columnNames: ['createdAt'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('sign_in_event');
  }
}
