import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/** Home-account credentials, browser sessions, verification codes, and revocation keys on OIDC artefacts. */
export class AccountsAndRedemption1764100000000 implements MigrationInterface {
  name = 'AccountsAndRedemption1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    await q.addColumns('directory_user', [
      new TableColumn({ name: 'passwordHash', type: 'text', isNullable: true }),
      new TableColumn({ name: 'emailVerified', type: 'boolean', default: false }),
      new TableColumn(str('homeUserId', 36, true)),
    ]);
    await q.createIndex('directory_user', new TableIndex({ name: 'IDX_user_home', columnNames: ['homeUserId'] }));
    await q.createIndex('directory_user', new TableIndex({ name: 'IDX_user_mail', columnNames: ['mail'] }));
    await q.addColumns('oidc_payload', [new TableColumn(str('accountId', 128, true)), new TableColumn(str('clientId', 128, true))]);
    await q.createIndex('oidc_payload', new TableIndex({ name: 'IDX_oidc_payload_account', columnNames: ['tenantId', 'accountId'] }));
    await q.createTable(
      new Table({
        name: 'verification_code',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('email', 320),
          str('redemptionId', 64),
          str('codeHash', 64),
          { name: 'attempts', type: 'integer' },
          { name: 'expiresAt', type: time },
          { name: 'verifiedAt', type: time, isNullable: true },
          { name: 'createdAt', type: time },
        ],
        indices: [{ columnNames: ['redemptionId'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'browser_session',
        columns: [
          { ...str('idHash', 64), isPrimary: true },
          str('userId', 36, true),
          str('invitationId', 36, true),
          str('ticketHash', 64, true),
          str('verifiedEmail', 320, true),
          { name: 'expiresAt', type: time },
          { name: 'createdAt', type: time },
        ],
        indices: [{ columnNames: ['expiresAt'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('browser_session');
    await q.dropTable('verification_code');
    await q.dropIndex('oidc_payload', 'IDX_oidc_payload_account');
    await q.dropIndex('directory_user', 'IDX_user_mail');
    await q.dropIndex('directory_user', 'IDX_user_home');
    await q.dropColumn('oidc_payload', 'clientId');
    await q.dropColumn('oidc_payload', 'accountId');
    await q.dropColumn('directory_user', 'homeUserId');
    await q.dropColumn('directory_user', 'emailVerified');
    await q.dropColumn('directory_user', 'passwordHash');
  }
}
