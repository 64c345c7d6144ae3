import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils.js';
import type { MailConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Clock } from '../shared/clock.js';
import { DeliveryStatus, MessageAudience, OutboxMessage } from './outbox-message.entity.js';
import type { OutboxService } from './outbox.service.js';
import type { MailTransport } from './transport.js';

const BATCH_SIZE = 20;
/** A claimed message not finished within this time is taken over by another worker. */
const LEASE_SECONDS = 120;

export type WorkerOptions = Pick<MailConfig, 'maxAttempts' | 'retryBaseSeconds' | 'retryMaxSeconds' | 'pollMs'>;

/**
 * Sends due outbox messages. Claiming is one atomic UPDATE … RETURNING (with FOR UPDATE SKIP LOCKED
 * on PostgreSQL), so any number of workers in any number of processes send each message once.
 * A failure is retried with exponential backoff up to a cap, then the message is Failed.
 */
export class OutboxWorker {
  readonly id = `worker-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** Set by stop(): finish the message in hand, send no more, hand the rest back. */
  private stopRequested = false;

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxService,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: WorkerOptions,
    private readonly metrics?: Metrics,
  ) {}

  get isRunning(): boolean {
    return !this.stopped;
  }

  start(): void {
    this.stopped = false;
    this.stopRequested = false;
    this.schedule(0);
  }

  /**
   * Finishes the message in hand, then hands claimed-but-unsent rows back to the queue at once (not
   * after the lease), uncounted: they were never attempted.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopRequested = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.db.manager.update(
      OutboxMessage,
      { lockedBy: this.id, status: DeliveryStatus.Sending },
      { status: DeliveryStatus.Queued, lockedBy: null, lockedUntil: null, attempts: () => 'attempts - 1' },
    );
  }

  /** Sends everything that is due now; returns how many messages were attempted. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      total += n;
      if (n === 0 || this.stopRequested) return total;
    }
  }

  /** One claim-and-send round. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim();
    for (const message of claimed) {
      if (this.stopRequested) break;
      await this.deliver(message);
    }
    return claimed.length;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((err: unknown) => this.logger.error({ err }, 'outbox worker round failed'))
        .finally(() => this.schedule(this.options.pollMs));
    }, delay);
    this.timer.unref();
  }

  private async claim(): Promise<OutboxMessage[]> {
    const now = this.clock.now();
    const leaseEnd = new Date(now.getTime() + LEASE_SECONDS * 1000);
    const postgres = this.db.isPostgres;
    const p = (i: number) => (postgres ? `$${i}` : '?');
    const time = (d: Date) => (postgres ? d : DateUtils.mixedDateToUtcDatetimeString(d));
    const sql = `UPDATE outbox_message
      SET status = 'Sending', "lockedBy" = ${p(1)}, "lockedUntil" = ${p(2)}, attempts = attempts + 1, "updatedAt" = ${p(3)}
      WHERE id IN (
        SELECT id FROM outbox_message
        WHERE (status = 'Queued' AND "nextAttemptAt" <= ${p(4)}) OR (status = 'Sending' AND "lockedUntil" < ${p(5)})
        ORDER BY "nextAttemptAt" LIMIT ${BATCH_SIZE}${postgres ? ' FOR UPDATE SKIP LOCKED' : ''}
      )
      RETURNING id`;
    const result: unknown = await this.db.dataSource.query(sql, [this.id, time(leaseEnd), time(now), time(now), time(now)]);
    // pg answers [rows, count] for UPDATE … RETURNING; better-sqlite3 answers rows.
    const rows = (postgres ? (result as [{ id: string }[], number])[0] : (result as { id: string }[])) ?? [];
    if (rows.length === 0) return [];
    return this.db.manager.find(OutboxMessage, { where: { id: In(rows.map((r) => r.id)), lockedBy: this.id }, order: { id: 'ASC' } });
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    try {
      const body = await this.outbox.openBody(message);
      const result = await this.transport.send({
        messageId: message.messageId,
        from: message.fromAddress,
        replyTo: message.replyTo ?? undefined,
        to: { name: message.toName, address: message.toAddress },
        cc: message.ccAddress ?? undefined,
        subject: body.subject ?? message.subject,
        text: body.text,
        html: body.html,
        redeemUrl: body.redeemUrl,
      });
      this.metrics?.outboxSends.inc({ outcome: 'sent' });
      await this.finish(message, {
        status: DeliveryStatus.Sent,
        sentAt: this.clock.now(),
        serverResponse: result.response,
        bodySealed: '',
        lastError: null,
      });
    } catch (error) {
      const lastError = error instanceof Error ? error.message.slice(0, 2000) : String(error);
      const failed = message.attempts >= this.options.maxAttempts;
      this.metrics?.outboxSends.inc({ outcome: failed ? 'failed' : 'retry' });
      await this.finish(message, {
        status: failed ? DeliveryStatus.Failed : DeliveryStatus.Queued,
        nextAttemptAt: new Date(this.clock.now().getTime() + this.backoffMs(message.attempts)),
        lastError,
        // Nobody can retry system mail (the person asks for a new code): its secret goes now.
        ...(failed && message.audience === MessageAudience.System ? { bodySealed: '' } : {}),
      });
      this.logger.warn({ outboxId: message.id, attempts: message.attempts, failed, error: lastError }, 'email delivery failed');
    }
  }

  /** Records the outcome, unless another worker took the lease over meanwhile. */
  private async finish(message: OutboxMessage, changes: Partial<OutboxMessage>): Promise<void> {
    await this.db.manager.update(
      OutboxMessage,
      { id: message.id, lockedBy: this.id, status: DeliveryStatus.Sending },
      { ...changes, lockedBy: null, lockedUntil: null, updatedAt: this.clock.now() },
    );
  }

  /** base · 2^(attempt−1), capped. */
  private backoffMs(attempt: number): number {
    const { retryBaseSeconds, retryMaxSeconds } = this.options;
    return Math.min(retryBaseSeconds * 2 ** Math.max(0, attempt - 1), retryMaxSeconds) * 1000;
  }
}
