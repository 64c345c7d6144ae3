import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Given and family names of a user, for the `given_name`/`family_name` claims (issue 12). Other
 * branches of issue 12 add the same two columns with the same shape; each skips what exists, so
 * whichever runs first adds them and the other changes nothing.
 */
export class UserNames1764620000000 implements MigrationInterface {
  name = 'UserNames1764620000000';

  async up(q: QueryRunner): Promise<void> {
    for (const name of ['givenName', 'familyName']) {
      if (!(await q.hasColumn('directory_user', name))) {
        await q.addColumn('directory_user', new TableColumn({ name, type: 'varchar', length: '64', isNullable: true }));
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['familyName', 'givenName']) {
      if (await q.hasColumn('directory_user', name)) await q.dropColumn('directory_user', name);
    }
  }
}
