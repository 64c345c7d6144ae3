import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** When a user's sign-ins last ended: API access tokens issued before it are refused. */
export class SignInSessionsValidFrom1764620000000 implements MigrationInterface {
  name = 'SignInSessionsValidFrom1764620000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.addColumn('directory_user', new TableColumn({ name: 'signInSessionsValidFrom', type: time, isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('directory_user', 'signInSessionsValidFrom');
  }
}
