import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * A console session's refresh claim: the process that rotates the refresh token holds it until it has
 * stored the new tokens, so another process never spends the old (one-use) refresh token meanwhile.
 */
export class ConsoleSessionRefreshClaim1764940000000 implements MigrationInterface {
  name = 'ConsoleSessionRefreshClaim1764940000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.addColumn('console_session', new TableColumn({ name: 'refreshClaimedUntil', type: time, isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('console_session', 'refreshClaimedUntil');
  }
}
