import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A sign-in entry's address is the account's, which may be 320 characters (the mail columns' width);
 * the log's 254 made every sign-in of such an account fail on PostgreSQL, which enforces it (an
 * attacker's test). SQLite does not enforce a varchar length.
 */
export class SignInAddressWidth1765150000000 implements MigrationInterface {
  name = 'SignInAddressWidth1765150000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres')
      await q.query('ALTER TABLE "sign_in_event" ALTER COLUMN "signInAddress" TYPE varchar(320)');
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres')
      await q.query('ALTER TABLE "sign_in_event" ALTER COLUMN "signInAddress" TYPE varchar(254)');
  }
}
