import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** Signing-key rotation: when a key starts signing and when it stops. */
export class SigningKeyRotation1764200000000 implements MigrationInterface {
  name = 'SigningKeyRotation1764200000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.addColumns('signing_key', [
      new TableColumn({ name: 'activatesAt', type: time, isNullable: true }),
      new TableColumn({ name: 'retiresAt', type: time, isNullable: true }),
    ]);
    // Existing keys have signed since they were created.
    await q.query(`UPDATE signing_key SET "activatesAt" = "createdAt"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('signing_key', 'retiresAt');
    await q.dropColumn('signing_key', 'activatesAt');
  }
}
