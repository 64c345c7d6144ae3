import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * A tenant's session lifetime (security_policy), and when a browser's sign-in as its person began
 * (browser_session), which re-authentication of the same person keeps: the lifetime counts from it.
 */
export class SessionLifetime1764740000000 implements MigrationInterface {
  name = 'SessionLifetime1764740000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.addColumn('security_policy', new TableColumn({ name: 'sessionLifetimeMinutes', type: 'integer', isNullable: true }));
    await q.addColumn('browser_session', new TableColumn({ name: 'sessionStartedAt', type: time, isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('browser_session', 'sessionStartedAt');
    await q.dropColumn('security_policy', 'sessionLifetimeMinutes');
  }
}
