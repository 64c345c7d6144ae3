import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Outbox messages get an audience: Tenant (invitations, listed to admins) or System (mail about a
 * person's own account, never listed). Earlier sign-up code messages (the rows without an invitation)
 * become System mail; their subject held the code in plain text, so it is erased, and any still
 * unsent is cancelled (a code lives 10 minutes; the person asks for a new one).
 */
export class SystemMail1764500000000 implements MigrationInterface {
  name = 'SystemMail1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'outbox_message',
      new TableColumn({ name: 'audience', type: 'varchar', length: '16', isNullable: false, default: "'Tenant'" }),
    );
    await q.query(`UPDATE outbox_message SET audience = 'System', subject = '', "bodySealed" = '',
      status = CASE WHEN status IN ('Queued', 'Sending') THEN 'Cancelled' ELSE status END
      WHERE "invitationId" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('outbox_message', 'audience');
  }
}
