import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** The account page (issue 12): a member's given and family name, beside its display name. */
export class AccountNames1764700000000 implements MigrationInterface {
  name = 'AccountNames1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('directory_user', [
      new TableColumn({ name: 'givenName', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'surname', type: 'varchar', length: '64', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('directory_user', ['givenName', 'surname']);
  }
}
