import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type EntityManager, Not } from 'typeorm';
import { AuditAction } from '../../shared/audit-actions.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { Config } from '../../config/config.js';
import { insertMany } from '../../db/bulk.js';
import type { Database } from '../../db/database.js';
import { type Actor } from '../../directory/actor.js';
import type { Tenant } from '../../directory/tenant.entity.js';
import type { TenantService } from '../../directory/tenant.service.js';
import type { Logger } from '../../logging/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import type { Clock } from '../../shared/clock.js';
import { checkCsvSize } from './csv-size.js';
import { DomainError, ErrorCode, notFound } from '../../shared/errors.js';
import { type Page, type PageArgs, paginate } from '../../shared/pagination.js';
import { loadInviteContext } from '../invite-context.js';
import type { InvitationService } from '../invitation.service.js';
import type { InvitationMailLimit } from '../mail-limit.js';
import { writeInvitations } from '../invitation.writer.js';
import { decideRows, idsOf, type PlannedRow, sendsMail, validateRow, withRefusals } from './batch-plan.js';
import { parseInvitationCsv } from './csv-format.js';
import { BatchStatus, InvitationBatch, InvitationBatchRow, RowOutcome } from './invitation-batch.entity.js';
import { reportCsv } from './batch-report.js';
import { counts, existingState, newBatch, toReportRow } from './batch-rows.js';
import { authorize, Permission } from '../../directory/permissions.js';

export interface UploadInput {
  fileName: string;
  content: Buffer;
  dryRun: boolean;
}

/** A batch with its report rows in memory (a dry run is never stored). */
export interface BatchResult {
  batch: InvitationBatch;
  rows: InvitationBatchRow[];
  /** Where the upload's time went, in ms (read by bench/csv-import.ts; not part of the API). */
  timings?: UploadTimings;
}

export interface UploadTimings {
  parse: number;
  validate: number;
  write: number;
}

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

export class InvitationBatchService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'consumerEmailDomains' | 'csvMaxBytes'>,
    private readonly tenants: TenantService,
    private readonly invitations: InvitationService,
    private readonly audit: AuditService,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly mailLimit: InvitationMailLimit,
  ) {}

  /**
   * Invites everyone in an uploaded CSV file. The file is refused as a whole when it is not a
   * readable invitation CSV or has more than 2000 data rows; otherwise each row is validated with
   * the single-invitation rules and reported. Valid rows are written in transactions of CHUNK rows;
   * if one fails, its rows are retried one by one so that only the offending row is reported failed.
   * A dry run validates and reports without writing anything.
   * @throws FORBIDDEN, CSV_INVALID_FILE_TYPE, CSV_FILE_TOO_LARGE, CSV_* (file-level problems)
   */
  async upload(actor: Actor, input: UploadInput): Promise<BatchResult> {
    authorize(actor, Permission.InviteGuests);
    this.checkFile(input);
    const t0 = performance.now();
    const rows = parseInvitationCsv(input.content);
    const fileSha256 = createHash('sha256').update(input.content).digest('hex');
    const t1 = performance.now();
    const tenant = await this.tenants.get(actor.tenantId);
    const planned = await this.plan(actor, tenant, rows, fileSha256);
    const batch = newBatch(actor, input, fileSha256, planned.length, this.clock.now());
    const t2 = performance.now();
    if (input.dryRun) return this.counted(this.finishDryRun(batch, planned));

    const reportRows = await this.write(actor, tenant, batch, planned);
    const timings = { parse: t1 - t0, validate: t2 - t1, write: performance.now() - t2 };
    return this.counted({ batch, rows: reportRows, timings });
  }

  private counted(result: BatchResult): BatchResult {
    this.metrics.csvBatches.inc({ status: result.batch.status });
    // One increment per outcome, not per row: each looks up its labels' series.
    const byOutcome = new Map<RowOutcome, number>();
    for (const row of result.rows) byOutcome.set(row.outcome, (byOutcome.get(row.outcome) ?? 0) + 1);
    for (const [outcome, n] of byOutcome) this.metrics.csvRows.inc({ outcome }, n);
    return result;
  }

  /** Stored uploads of the tenant, newest first (dry runs are not stored). */
  async list(actor: Actor, page: PageArgs): Promise<Page<InvitationBatch>> {
    authorize(actor, Permission.ReadInvitations);
    const query = this.db.manager
      .getRepository(InvitationBatch)
      .createQueryBuilder('b')
      .where('b.tenantId = :tenantId', { tenantId: actor.tenantId });
    return paginate(query, page, 'DESC');
  }

  async get(actor: Actor, id: string): Promise<InvitationBatch> {
    authorize(actor, Permission.ReadInvitations);
    const batch = await this.db.manager.findOneBy(InvitationBatch, { id, tenantId: actor.tenantId });
    if (!batch) throw notFound('InvitationBatch', id);
    return batch;
  }

  /** A stored batch's report rows, in file order. */
  async rows(actor: Actor, batchId: string, outcome: RowOutcome | null, page: PageArgs): Promise<Page<InvitationBatchRow>> {
    await this.get(actor, batchId);
    const query = this.db.manager.getRepository(InvitationBatchRow).createQueryBuilder('r').where('r.batchId = :batchId', { batchId });
    if (outcome) query.andWhere('r.outcome = :outcome', { outcome });
    return paginate(query, page);
  }

  /** The report as CSV text (cells that could run as spreadsheet formulas are neutralised). */
  async report(actor: Actor, batchId: string): Promise<string> {
    await this.get(actor, batchId);
    return reportCsv(await this.db.manager.find(InvitationBatchRow, { where: { batchId }, order: { id: 'ASC' } }));
  }

  private checkFile(input: UploadInput): void {
    if (!/\.csv$/i.test(input.fileName)) {
      throw new DomainError(ErrorCode.CSV_INVALID_FILE_TYPE, `Only .csv files can be uploaded (got "${input.fileName}")`);
    }
    checkCsvSize(input.content.length, this.config.csvMaxBytes);
  }

  /** Validates every row and decides what to do with it, reading the directory in a few bulk queries. */
  private async plan(actor: Actor, tenant: Tenant, rows: ReturnType<typeof parseInvitationCsv>, fileSha256: string): Promise<PlannedRow[]> {
    const em = this.db.manager;
    const context = await loadInviteContext(
      em,
      actor,
      tenant,
      this.config.consumerEmailDomains,
      {
        apps: idsOf(rows, (r) => [r.fields.applications, r.fields.brandingApp]),
        groups: idsOf(rows, (r) => [r.fields.groups]),
      },
      this.clock.now(),
    );
    const validated = rows.map((row) => validateRow(row, context));
    const emails = validated.flatMap((p) => (p.invite ? [p.invite.email] : []));
    return decideRows(validated, await existingState(em, actor.tenantId, emails, fileSha256));
  }

  /**
   * Writes the rows in transactions of CHUNK rows, their mail reserved once. The first transaction
   * also stores the batch (Processing) with its "uploaded" event, the last completes it with its
   * counts and "processed" event: a 2000-row file is two commits (each a sync of the database log).
   */
  private async write(actor: Actor, tenant: Tenant, batch: InvitationBatch, planned: PlannedRow[]): Promise<InvitationBatchRow[]> {
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

  private finishDryRun(batch: InvitationBatch, planned: PlannedRow[]): BatchResult {
    const rows = planned.map((p) => toReportRow(batch.id, p, null));
    Object.assign(batch, counts(rows), { status: BatchStatus.Validated, completedAt: this.clock.now() });
    return { batch, rows };
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
