import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Audit targets are not only ids: domain events name the domain (up to 253 characters), which did not
 * fit the 36 characters of an id on PostgreSQL. SQLite does not enforce a varchar length.
 */
export class AuditTargetWidth1764630000000 implements MigrationInterface {
  name = 'AuditTargetWidth1764630000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') await q.query('ALTER TABLE "audit_event" ALTER COLUMN "targetId" TYPE varchar(255)');
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') await q.query('ALTER TABLE "audit_event" ALTER COLUMN "targetId" TYPE varchar(36)');
  }
}
