import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Per tenant, when a browser's session began anew after that tenant's session lifetime ended
 * (browser_session.tenantSessionStarts, JSON): a new session for one tenant leaves the others' alone.
 */
export class TenantSessionStarts1764950000000 implements MigrationInterface {
  name = 'TenantSessionStarts1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('browser_session', new TableColumn({ name: 'tenantSessionStarts', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('browser_session', 'tenantSessionStarts');
  }
}
