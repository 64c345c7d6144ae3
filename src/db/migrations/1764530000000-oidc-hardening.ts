import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * OIDC hardening (security issue #10):
 * - `oidc_payload` rows are now keyed by the SHA-256 of the token/code/session id, and payloads no
 *   longer hold the raw id. Existing rows are keyed by raw values and cannot be rewritten safely, so they
 *   are dropped: on upgrade every OIDC session, grant, code and token ends (users sign in again, apps
 *   get new refresh tokens; API access tokens are JWTs and keep working until they expire).
 * - Client secrets move to `application_secret` (several per app, each with an expiry). The existing
 *   secret becomes its app's first entry, sealed as before, without expiry and without a hint (the
 *   migration cannot read the sealed value).
 */
export class OidcHardening1764530000000 implements MigrationInterface {
  name = 'OidcHardening1764530000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await q.query('DELETE FROM "oidc_payload"');
    await q.createTable(
      new Table({
        name: 'application_secret',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('tenantId', 36),
          str('applicationId', 36),
          str('displayName', 256),
          str('hint', 8),
          { name: 'secretSealed', type: 'text' },
          { name: 'expiresAt', type: time, isNullable: true },
          { name: 'createdAt', type: time },
        ],
        foreignKeys: [
          { columnNames: ['applicationId'], referencedTableName: 'application', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
        indices: [{ columnNames: ['applicationId'] }],
      }),
    );
    // One secret per existing app: the app's id serves as the secret's id.
    await q.query(`INSERT INTO "application_secret" ("id", "tenantId", "applicationId", "displayName", "hint", "secretSealed", "expiresAt", "createdAt")
      SELECT "id", "tenantId", "id", 'Client secret', '', "clientSecretSealed", NULL, "createdAt" FROM "application"`);
    await q.dropColumn('application', 'clientSecretSealed');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.addColumn('application', new TableColumn({ name: 'clientSecretSealed', type: 'text', default: "''" }));
    // The oldest secret of each app becomes its only one again.
    await q.query(`UPDATE "application" SET "clientSecretSealed" = COALESCE((SELECT s."secretSealed" FROM "application_secret" s
      WHERE s."applicationId" = "application"."id" ORDER BY s."createdAt", s."id" LIMIT 1), '')`);
    await q.dropTable('application_secret');
    await q.query('DELETE FROM "oidc_payload"');
  }
}
