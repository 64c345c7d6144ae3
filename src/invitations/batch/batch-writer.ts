import { type EntityManager, Not } from 'typeorm';
import { AuditAction } from '../../shared/audit-actions.js';
import type { AuditService } from '../../audit/audit.service.js';
import { insertMany } from '../../db/bulk.js';
import type { Database } from '../../db/database.js';
import { type Actor } from '../../directory/actor.js';
import type { Tenant } from '../../directory/tenant.entity.js';
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../shared/clock.js';
import { ErrorCode } from '../../shared/errors.js';
import type { InvitationService } from '../invitation.service.js';
import type { InvitationMailLimit } from '../mail-limit.js';
import { writeInvitations } from '../invitation.writer.js';
import { type PlannedRow, sendsMail, withRefusals } from './batch-plan.js';
import { BatchStatus, InvitationBatch, InvitationBatchRow, RowOutcome } from './invitation-batch.entity.js';
import { counts, toReportRow } from './batch-rows.js';

/**
 * Rows per transaction: a row is always either fully written or untouched and reported. Larger is
 * fewer commits; smaller keeps other writers on SQLite (one connection) waiting less.
 */
export const CHUNK = 1000;

/** What the first and last transactions of an upload also write (see write()). */
interface Frame {
  open: ((em: EntityManager) => Promise<void>) | null;
  close: ((em: EntityManager, rows: InvitationBatchRow[]) => Promise<void>) | null;
}
const NO_FRAME: Frame = { open: null, close: null };

/** Writes a validated upload: its invitations, report rows and the batch itself, in chunked transactions. */
export class BatchWriter {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly invitations: InvitationService,
    private readonly audit: AuditService,
    private readonly logger: Logger,
    private readonly mailLimit: InvitationMailLimit,
  ) {}

  /**
   * Writes the rows in transactions of CHUNK rows, their mail reserved once. The first transaction
   * also stores the batch (Processing) with its "uploaded" event, the last completes it with its
   * counts and "processed" event: a 2000-row file is two commits (each a sync of the database log).
   */
  async write(actor: Actor, tenant: Tenant, batch: InvitationBatch, planned: PlannedRow[]): Promise<InvitationBatchRow[]> {
    const { refused, refund } = await this.mailLimit.reserveFor(tenant.id, planned, sendsMail);
    const budgeted = withRefusals(planned, refused);
    const rows: InvitationBatchRow[] = [];
    let i = 0;
    try {
      do {
        const frame: Frame = {
          open: i === 0 ? (em) => this.open(em, actor, batch) : null,
          close: i + CHUNK >= budgeted.length ? (em, last) => this.complete(em, actor, batch, [...rows, ...last]) : null,
        };
        rows.push(...(await this.writeChunk(actor, tenant, batch, budgeted.slice(i, i + CHUNK), refund, frame)));
        i += CHUNK;
      } while (i < budgeted.length);
    } catch (error) {
      await refund(budgeted.slice(i));
      throw error;
    }
    return rows;
  }

  /**
   * Writes one chunk (and its part of the frame) in one transaction, its mail already reserved
   * (`refund` gives it back). On a database error, retries its rows one by one, each with its own
   * reservation, and the frame in transactions of its own.
   */
  private async writeChunk(
    actor: Actor,
    tenant: Tenant,
    batch: InvitationBatch,
    chunk: PlannedRow[],
    refund: (rows: readonly PlannedRow[]) => Promise<void>,
    frame: Frame = NO_FRAME,
  ): Promise<InvitationBatchRow[]> {
    const framed = (rows: PlannedRow[]) =>
      this.db.transaction(async (em) => {
        await frame.open?.(em);
        const written = await this.writeRows(em, actor, tenant, batch, rows);
        await frame.close?.(em, written);
        return written;
      });
    try {
      return await framed(chunk);
    } catch (error) {
      await refund(chunk);
      if (chunk.length === 0) throw error;
      if (chunk.length === 1) {
        this.logger.error({ err: error, batchId: batch.id, line: chunk[0]!.row.line }, 'CSV row could not be written');
        const failed: PlannedRow = {
          ...chunk[0]!,
          outcome: RowOutcome.Failed,
          code: ErrorCode.WRITE_FAILED,
          message: 'The row could not be written; nothing of it was saved',
          invite: undefined,
        };
        return framed([failed]);
      }
      if (frame.open) await this.db.transaction(frame.open);
      const rows: InvitationBatchRow[] = [];
      for (const one of chunk) {
        const again = await this.mailLimit.reserveFor(tenant.id, [one], sendsMail);
        rows.push(...(await this.writeChunk(actor, tenant, batch, withRefusals([one], again.refused), again.refund)));
      }
      if (frame.close) await this.db.transaction((em) => frame.close!(em, rows));
      return rows;
    }
  }

  /** Stores the batch, still processing, with its "uploaded" event. */
  private async open(em: EntityManager, actor: Actor, batch: InvitationBatch): Promise<void> {
    await em.insert(InvitationBatch, batch);
    await this.audit.record(
      em,
      actor,
      AuditAction.BatchInvitesUploaded,
      { type: 'InvitationBatch', id: batch.id },
      { fileName: batch.fileName, rows: batch.totalRows },
    );
  }

  private async writeRows(
    em: EntityManager,
    actor: Actor,
    tenant: Tenant,
    batch: InvitationBatch,
    chunk: PlannedRow[],
  ): Promise<InvitationBatchRow[]> {
    const toWrite = chunk.filter((p) => p.invite);
    if (toWrite.length === 0) {
      const rows = chunk.map((p) => toReportRow(batch.id, p, null));
      await insertMany(em, InvitationBatchRow, rows);
      return rows;
    }
    const written = await writeInvitations(
      em,
      this.invitations.writerDeps(),
      actor,
      tenant,
      toWrite.map((p) => ({ invite: p.invite!, guest: p.guest ?? null, resend: p.resend ?? null, batchId: batch.id })),
    );
    const invitationIdByRow = new Map(toWrite.map((p, i) => [p.row.rowNumber, written[i]!.invitation.id]));
    const rows = chunk.map((p) => toReportRow(batch.id, p, invitationIdByRow.get(p.row.rowNumber) ?? null));
    await insertMany(em, InvitationBatchRow, rows);
    return rows;
  }

  /** Completes the batch with its counts and "processed" event, in the last transaction. */
  private async complete(em: EntityManager, actor: Actor, batch: InvitationBatch, rows: InvitationBatchRow[]): Promise<void> {
    const c = counts(rows);
    const status = c.failedCount > 0 ? BatchStatus.CompletedWithErrors : BatchStatus.Completed;
    const completedAt = this.clock.now();
    await em.update(InvitationBatch, { id: batch.id, status: Not(BatchStatus.Completed) }, { ...c, status, completedAt });
    await this.audit.record(
      em,
      actor,
      AuditAction.BatchInvitesProcessed,
      { type: 'InvitationBatch', id: batch.id },
      { created: c.createdCount, resent: c.resentCount, skipped: c.skippedCount, failed: c.failedCount },
    );
    Object.assign(batch, c, { status, completedAt });
  }
}
