import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * `invitations(first, after)` without a status filter reads `WHERE tenantId = ? [AND id < ?] ORDER BY id
 * DESC LIMIT n`: (tenantId, id) makes that an index range scan at any depth (bench/graphql).
 */
export class InvitationListingIndex1764400000000 implements MigrationInterface {
  name = 'InvitationListingIndex1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('invitation', new TableIndex({ name: 'IDX_invitation_tenant_id', columnNames: ['tenantId', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('invitation', 'IDX_invitation_tenant_id');
  }
}
