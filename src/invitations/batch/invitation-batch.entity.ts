import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum BatchStatus {
  Processing = 'Processing',
  Completed = 'Completed',
  CompletedWithErrors = 'CompletedWithErrors',
  /** A dry run: validated and reported, nothing written but the report. */
  Validated = 'Validated',
}

export enum RowOutcome {
  Created = 'created',
  Resent = 'resent',
  Skipped = 'skipped',
  Failed = 'failed',
  /** Dry run: the row would be processed. */
  Valid = 'valid',
}

/** One CSV upload and its counts. */
@Entity({ name: 'invitation_batch' })
export class InvitationBatch {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 64 })
  fileSha256: string;

  @Column({ type: 'varchar', length: 16 })
  uploaderKind: string;

  @Column({ type: 'varchar', length: 36 })
  uploaderId: string;

  @Column({ type: 'varchar', length: 256 })
  uploaderDisplayName: string;

  @Column({ type: 'boolean' })
  dryRun: boolean;

  @Column({ type: 'varchar', length: 32 })
  status: BatchStatus;

  @Column({ type: 'integer' })
  totalRows: number;

  @Column({ type: 'integer' })
  createdCount: number;

  @Column({ type: 'integer' })
  resentCount: number;

  @Column({ type: 'integer' })
  skippedCount: number;

  @Column({ type: 'integer' })
  failedCount: number;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  completedAt: Date | null;
}

/** The report line of one data row. */
@Entity({ name: 'invitation_batch_row' })
export class InvitationBatchRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  batchId: string;

  /** 1-based index among data rows. */
  @Column({ type: 'integer' })
  rowNumber: number;

  /** Line of the file where the row starts (the header is line 1). */
  @Column({ type: 'integer' })
  line: number;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome: RowOutcome;

  @Column({ type: 'varchar', length: 64, nullable: true })
  code: string | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  invitationId: string | null;
}
