import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * The expired-guest sweep (UserService.disableExpiredGuests, every minute in every process) asks for
 * users whose access end has passed. Without an index it read every user of every tenant: about a
 * second at a million users, during which SQLite holds the event loop (bench/growth.ts). Only users
 * with an access end are indexed, so the index stays as small as the guests who have one.
 */
export class GuestAccessEndIndex1764980000000 implements MigrationInterface {
  name = 'GuestAccessEndIndex1764980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'directory_user',
      new TableIndex({ name: 'IDX_directory_user_access_end', columnNames: ['accessExpiresAt'], where: '"accessExpiresAt" IS NOT NULL' }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('directory_user', 'IDX_directory_user_access_end');
  }
}
