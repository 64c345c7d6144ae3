import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A guest's user principal name is its address (up to 254 characters), a number when the name is
 * taken, `#EXT#@` and the tenant's default domain (up to 253): the column's 400 made inviting the
 * longest address into a tenant with a long domain a server error on PostgreSQL, which enforces it
 * (an attacker's test). 530 holds the longest the rule builds. SQLite does not enforce a varchar length.
 */
export class UserPrincipalNameWidth1765193200000 implements MigrationInterface {
  name = 'UserPrincipalNameWidth1765193200000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres')
      await q.query('ALTER TABLE "directory_user" ALTER COLUMN "userPrincipalName" TYPE varchar(530)');
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres')
      await q.query('ALTER TABLE "directory_user" ALTER COLUMN "userPrincipalName" TYPE varchar(400)');
  }
}
