import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * Second factors of home accounts (TOTP, passkeys, recovery codes), and what a browser session knows
 * of how its person signed in (amr, times, a second factor still owed, a WebAuthn challenge).
 */
export class MfaMethods1764700000000 implements MigrationInterface {
  name = 'MfaMethods1764700000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    const toUser = { columnNames: ['userId'], referencedTableName: 'directory_user', referencedColumnNames: ['id'], onDelete: 'CASCADE' };
    await q.createTable(
      new Table({
        name: 'mfa_method',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('userId', 36),
          str('kind', 16),
          str('label', 64),
          { name: 'totpSecret', type: 'text', isNullable: true },
          { name: 'totpLastStep', type: 'integer', isNullable: true },
          { ...str('credentialId', 512, true), isUnique: true },
          { name: 'publicKey', type: 'text', isNullable: true },
          { name: 'signCount', type: 'integer', default: 0 },
          str('transports', 128, true),
          { name: 'backedUp', type: 'boolean', default: false },
          { name: 'confirmedAt', type: time, isNullable: true },
          { name: 'createdAt', type: time },
          { name: 'lastUsedAt', type: time, isNullable: true },
        ],
        indices: [{ name: 'IDX_mfa_method_user', columnNames: ['userId'] }],
        foreignKeys: [toUser],
      }),
    );
    await q.createTable(
      new Table({
        name: 'recovery_code',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('userId', 36),
          str('codeHash', 64),
          { name: 'usedAt', type: time, isNullable: true },
          { name: 'createdAt', type: time },
        ],
        indices: [{ name: 'IDX_recovery_code_user', columnNames: ['userId'] }],
        foreignKeys: [toUser],
      }),
    );
    await q.addColumns('browser_session', [
      new TableColumn(str('amr', 128, true)),
      new TableColumn({ name: 'authenticatedAt', type: time, isNullable: true }),
      new TableColumn({ name: 'mfaAt', type: time, isNullable: true }),
      new TableColumn(str('pendingUserId', 36, true)),
      new TableColumn({ name: 'mfaChallenge', type: 'text', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['mfaChallenge', 'pendingUserId', 'mfaAt', 'authenticatedAt', 'amr'])
      await q.dropColumn('browser_session', column);
    await q.dropTable('recovery_code');
    await q.dropTable('mfa_method');
  }
}
