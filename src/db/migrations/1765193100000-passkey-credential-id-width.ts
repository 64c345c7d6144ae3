import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A passkey's credential id may be 1023 bytes (WebAuthn), 1364 characters in base64url; the column's
 * 512 made registering such a key a server error on PostgreSQL, which enforces it (an attacker's
 * test: the length comes from the browser). SQLite does not enforce a varchar length.
 */
export class PasskeyCredentialIdWidth1765193100000 implements MigrationInterface {
  name = 'PasskeyCredentialIdWidth1765193100000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') await q.query('ALTER TABLE "mfa_method" ALTER COLUMN "credentialId" TYPE varchar(1364)');
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') await q.query('ALTER TABLE "mfa_method" ALTER COLUMN "credentialId" TYPE varchar(512)');
  }
}
