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
import { decideRows, type PlannedRow, validateRow } from './batch-plan.js';
import { parseInvitationCsv, splitIds } from './csv-format.js';
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

/** Rows per transaction: a row is always either fully written or untouched and reported. */
export const CHUNK = Number(process.env.CSV_CHUNK ?? 250);

const sendsMail = (p: PlannedRow) => Boolean(p.invite?.sendInvitationMessage);

/** Rows past the tenant's invitation mail budget fail with INVITATION_MAIL_LIMIT. */
function withRefusals(planned: PlannedRow[], refused: ReadonlyMap<PlannedRow, DomainError>): PlannedRow[] {
  return planned.map((p) => {
    const error = refused.get(p);
    return error ? { ...p, outcome: RowOutcome.Failed, code: error.code, message: error.message, invite: undefined } : p;
  });
}

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
   * the single-invitation rules and reported. Valid rows are written in transactions of 250 rows;
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

    await this.db.transaction(async (em) => {
      await em.insert(InvitationBatch, batch);
      await this.audit.record(
        em,
        actor,
        AuditAction.BatchInvitesUploaded,
        { type: 'InvitationBatch', id: batch.id },
        {
          fileName: batch.fileName,
          rows: planned.length,
        },
      );
    });
    // One mail reservation for the file (each is a store write); a chunk that fails gives its part back.
    const { refused, refund } = await this.mailLimit.reserveFor(tenant.id, planned, sendsMail);
    const budgeted = withRefusals(planned, refused);
    const reportRows: InvitationBatchRow[] = [];
    let i = 0;
    try {
      for (; i < budgeted.length; i += CHUNK) {
        reportRows.push(...(await this.writeChunk(actor, tenant, batch, budgeted.slice(i, i + CHUNK), refund)));
      }
    } catch (error) {
      await refund(budgeted.slice(i));
      throw error;
    }
    const done = await this.complete(actor, batch, reportRows);
    const timings = { parse: t1 - t0, validate: t2 - t1, write: performance.now() - t2 };
    return this.counted({ batch: done, rows: reportRows, timings });
  }

  private counted(result: BatchResult): BatchResult {
    this.metrics.csvBatches.inc({ status: result.batch.status });
    for (const row of result.rows) this.metrics.csvRows.inc({ outcome: row.outcome });
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
        apps: rows.flatMap((r) => [...splitIds(r.fields.applications), ...splitIds(r.fields.brandingApp)]),
        groups: rows.flatMap((r) => splitIds(r.fields.groups)),
      },
      this.clock.now(),
    );
    const validated = rows.map((row) => validateRow(row, context));
    const emails = validated.flatMap((p) => (p.invite ? [p.invite.email] : []));
    return decideRows(validated, await existingState(em, actor.tenantId, emails, fileSha256));
  }

  /**
   * Writes one chunk in one transaction, its mail already reserved (`refund` gives it back). On a
   * database error, retries its rows one by one, each with its own reservation.
   */
  private async writeChunk(
    actor: Actor,
    tenant: Tenant,
    batch: InvitationBatch,
    chunk: PlannedRow[],
    refund: (rows: readonly PlannedRow[]) => Promise<void>,
  ): Promise<InvitationBatchRow[]> {
    try {
      return await this.db.transaction((em) => this.writeRows(em, actor, tenant, batch, chunk));
    } catch (error) {
      await refund(chunk);
      if (chunk.length === 1) {
        this.logger.error({ err: error, batchId: batch.id, line: chunk[0]!.row.line }, 'CSV row could not be written');
        const failed: PlannedRow = {
          ...chunk[0]!,
          outcome: RowOutcome.Failed,
          code: ErrorCode.WRITE_FAILED,
          message: 'The row could not be written; nothing of it was saved',
          invite: undefined,
        };
        return this.db.transaction((em) => this.writeRows(em, actor, tenant, batch, [failed]));
      }
      const rows: InvitationBatchRow[] = [];
      for (const one of chunk) {
        // Rows past the tenant's invitation mail budget fail with INVITATION_MAIL_LIMIT.
        const again = await this.mailLimit.reserveFor(tenant.id, [one], sendsMail);
        rows.push(...(await this.writeChunk(actor, tenant, batch, withRefusals([one], again.refused), again.refund)));
      }
      return rows;
    }
  }

  private async writeRows(
    em: EntityManager,
    actor: Actor,
    tenant: Tenant,
    batch: InvitationBatch,
    chunk: PlannedRow[],
  ): Promise<InvitationBatchRow[]> {
    const toWrite = chunk.filter((p) => p.invite);
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

  private async complete(actor: Actor, batch: InvitationBatch, rows: InvitationBatchRow[]): Promise<InvitationBatch> {
    const c = counts(rows);
    Object.assign(batch, c, {
      status: c.failedCount > 0 ? BatchStatus.CompletedWithErrors : BatchStatus.Completed,
      completedAt: this.clock.now(),
    });
    await this.db.transaction(async (em) => {
      await em.update(
        InvitationBatch,
        { id: batch.id, status: Not(BatchStatus.Completed) },
        { ...c, status: batch.status, completedAt: batch.completedAt },
      );
      await this.audit.record(
        em,
        actor,
        AuditAction.BatchInvitesProcessed,
        { type: 'InvitationBatch', id: batch.id },
        {
          created: c.createdCount,
          resent: c.resentCount,
          skipped: c.skippedCount,
          failed: c.failedCount,
        },
      );
    });
    return batch;
  }
}
