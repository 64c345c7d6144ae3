import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { AuditService } from '../../audit/audit.service.js';
import type { Config } from '../../config/config.js';
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
import { decideRows, idsOf, type PlannedRow, validateRow } from './batch-plan.js';
import { BatchWriter } from './batch-writer.js';
import { parseInvitationCsv } from './csv-format.js';
import { BatchStatus, InvitationBatch, InvitationBatchRow, type RowOutcome } from './invitation-batch.entity.js';
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

export class InvitationBatchService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'consumerEmailDomains' | 'csvMaxBytes'>,
    private readonly tenants: TenantService,
    invitations: InvitationService,
    audit: AuditService,
    logger: Logger,
    private readonly metrics: Metrics,
    mailLimit: InvitationMailLimit,
  ) {
    this.writer = new BatchWriter(db, clock, invitations, audit, logger, mailLimit);
  }

  private readonly writer: BatchWriter;

  /**
   * Invites everyone in an uploaded CSV file. The file is refused as a whole when it is not a
   * readable invitation CSV or has more than 2000 data rows; otherwise each row is validated with
   * the single-invitation rules and reported. Valid rows are written in transactions of CHUNK rows
   * (batch-writer.ts); if one fails, its rows are retried one by one so that only the offending row
   * is reported failed.
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

    const reportRows = await this.writer.write(actor, tenant, batch, planned);
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

  private finishDryRun(batch: InvitationBatch, planned: PlannedRow[]): BatchResult {
    const rows = planned.map((p) => toReportRow(batch.id, p, null));
    Object.assign(batch, counts(rows), { status: BatchStatus.Validated, completedAt: this.clock.now() });
    return { batch, rows };
  }
}
