import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** The session start behind each sign-in to a tenant with a session lifetime (src/policies/session-starts.ts). */
export class SignInSessionStarts1764960000000 implements MigrationInterface {
  name = 'SignInSessionStarts1764960000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.createTable(
      new Table({
        name: 'sign_in_session_start',
        columns: [
          { name: 'accountId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'authTime', type: 'integer', isPrimary: true },
          { name: 'sessionStartedAt', type: time },
          { name: 'createdAt', type: time },
        ],
      }),
    );
    await q.createIndex('sign_in_session_start', new TableIndex({ name: 'IDX_sign_in_session_start_created', columnNames: ['createdAt'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('sign_in_session_start');
  }
}
