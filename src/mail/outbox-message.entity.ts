import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum DeliveryStatus {
  Queued = 'Queued',
  Sending = 'Sending',
  Sent = 'Sent',
  Failed = 'Failed',
  /** Superseded before it went out (the invitation was resent or revoked). */
  Cancelled = 'Cancelled',
}

/**
 * Whose mail it is. Tenant mail (invitations) is listed to the tenant's admins. System mail is about a
 * person's own account (sign-up codes; password resets and MFA later): it carries a secret for that
 * person only, so no tenant ever lists it, and its subject is sealed with the body.
 */
export enum MessageAudience {
  Tenant = 'Tenant',
  System = 'System',
}

/**
 * One email waiting to be sent, already rendered. The body is sealed (it carries a live
 * redemption link or a code) and erased once the message is sent or cancelled.
 */
@Entity({ name: 'outbox_message' })
export class OutboxMessage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  invitationId: string | null;

  @Column({ type: 'varchar', length: 16 })
  audience: MessageAudience;

  /** RFC 5322 Message-ID, fixed per row so a retry after an ambiguous failure is recognisable. */
  @Column({ type: 'varchar', length: 255 })
  messageId: string;

  @Column({ type: 'varchar', length: 512 })
  fromAddress: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  replyTo: string | null;

  @Column({ type: 'varchar', length: 320 })
  toAddress: string;

  @Column({ type: 'varchar', length: 256 })
  toName: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  ccAddress: string | null;

  /** Empty for system mail: its subject may carry the secret, so it is sealed in the body. */
  @Column({ type: 'varchar', length: 512 })
  subject: string;

  /** Sealed: the whole body, or (with `templateId`) only the guest's name and link to fill in. */
  @Column({ type: 'text' })
  bodySealed: string;

  /** The shared body of an upload's invitation mails (outbox_template), if this message has one. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  templateId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: DeliveryStatus;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ type: Date })
  nextAttemptAt: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  lockedBy: string | null;

  @Column({ type: Date, nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'text', nullable: true })
  serverResponse: string | null;

  @Column({ type: Date, nullable: true })
  sentAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
