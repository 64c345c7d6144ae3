import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The rendered body shared by the invitation mails of one upload, with stand-ins for each guest's
 * name and link (see invitation-message.ts). Sealed like a message body; built by outbox-rows.ts,
 * written and read only by outbox.service.ts. It holds no link: each message seals its own.
 */
@Entity({ name: 'outbox_template' })
export class OutboxTemplate {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'text' })
  bodySealed: string;

  @Column({ type: Date })
  createdAt: Date;
}
