import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Stored status. `Expired` is derived from `expiresAt` when read (see invitation.policy.ts). */
export enum InvitationStatus {
  PendingAcceptance = 'PendingAcceptance',
  Accepted = 'Accepted',
  Revoked = 'Revoked',
  Expired = 'Expired',
}

@Entity({ name: 'invitation' })
export class Invitation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 256 })
  displayName: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  invitedUserId: string | null;

  @Column({ type: 'varchar', length: 16 })
  inviterKind: string;

  @Column({ type: 'varchar', length: 36 })
  inviterId: string;

  @Column({ type: 'varchar', length: 256 })
  inviterDisplayName: string;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  redirectUrl: string | null;

  @Column({ type: 'simple-json' })
  applicationIds: string[];

  @Column({ type: 'simple-json' })
  groupIds: string[];

  @Column({ type: 'text', nullable: true })
  invitationText: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  ccEmailAddress: string | null;

  @Column({ type: 'varchar', length: 8 })
  language: string;

  @Column({ type: 'boolean' })
  sendInvitationMessage: boolean;

  @Column({ type: 'varchar', length: 32 })
  status: InvitationStatus;

  /** SHA-256 (hex) of the redemption ticket; the ticket itself is never stored. */
  @Column({ type: 'varchar', length: 64 })
  ticketHash: string;

  @Column({ type: Date, nullable: true })
  expiresAt: Date | null;

  @Column({ type: Date, nullable: true })
  redeemedAt: Date | null;

  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  batchId: string | null;

  /** Contact link for this invitation's email (the 2015 CSV's InviteContactUsUrl); null uses the tenant's. */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  contactUrl: string | null;

  /** Optional end of the guest's access, copied to the guest. */
  @Column({ type: Date, nullable: true })
  accessExpiresAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
