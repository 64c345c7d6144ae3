import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** The lookup columns most artefacts leave empty, and the name of each one's index from now on. */
const PARTIAL = { grantId: 'IDX_oidc_payload_grant', uid: 'IDX_oidc_payload_uid', userCode: 'IDX_oidc_payload_user_code' } as const;
const ACCOUNT = 'IDX_oidc_payload_account';

/**
 * oidc_payload's lookup indexes, as its reads need them (bench/oidc-statements.ts; the plans in
 * test/service/oidc-payload-index-plans.test.ts):
 * - The grant, uid and user-code indexes hold only the rows that have a value. Every read through them
 *   names a value (`= ?`, which NULL never matches), but a full index took an entry for NULL too: each
 *   token its empty uid and user code, each grant and session its empty grant id (device codes, the only
 *   artefacts with a user code, are never issued). On SQLite each entry is a page more that the commit
 *   writes to the WAL, about 12 µs of CPU.
 * - The account index leads with the account: led by the tenant, which every adapter statement names,
 *   SQLite (which has no statistics: the gateway never runs ANALYZE) took it for a session's uid lookup
 *   and a grant's revocation, and read the tenant's artefacts in account order until it met the one
 *   (0.22 ms for a code flow's session lookup among 66k: in proportion to the tenant's artefacts).
 */
export class OidcPayloadLookupIndexes1765160000000 implements MigrationInterface {
  name = 'OidcPayloadLookupIndexes1765160000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [column, name] of Object.entries(PARTIAL)) {
      await q.dropIndex('oidc_payload', q.connection.namingStrategy.indexName('oidc_payload', [column]));
      await q.createIndex('oidc_payload', new TableIndex({ name, columnNames: [column], where: `"${column}" IS NOT NULL` }));
    }
    await q.dropIndex('oidc_payload', ACCOUNT);
    await q.createIndex('oidc_payload', new TableIndex({ name: ACCOUNT, columnNames: ['accountId', 'tenantId'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('oidc_payload', ACCOUNT);
    await q.createIndex('oidc_payload', new TableIndex({ name: ACCOUNT, columnNames: ['tenantId', 'accountId'] }));
    for (const [column, name] of Object.entries(PARTIAL)) {
      await q.dropIndex('oidc_payload', name);
      await q.createIndex('oidc_payload', new TableIndex({ columnNames: [column] }));
    }
  }
}
