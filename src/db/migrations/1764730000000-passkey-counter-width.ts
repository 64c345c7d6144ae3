import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A WebAuthn signature counter is an unsigned 32-bit value: above 2^31 - 1 it did not fit PostgreSQL's
 * integer (a 500 at registration or sign-in). SQLite's integer holds 64 bits already.
 */
export class PasskeyCounterWidth1764730000000 implements MigrationInterface {
  name = 'PasskeyCounterWidth1764730000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') await q.query('ALTER TABLE "mfa_method" ALTER COLUMN "signCount" TYPE bigint');
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') await q.query('ALTER TABLE "mfa_method" ALTER COLUMN "signCount" TYPE integer');
  }
}
