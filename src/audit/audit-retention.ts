import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { uuidV7 } from '../shared/ids.js';
import { AuditEvent } from './audit-event.entity.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Events deleted per statement: each is its own short transaction, so writers are not held up. */
export const AUDIT_SWEEP_BATCH = 5000;

/** Batches per sweep: a first sweep over years of events spreads over several runs (every 10 minutes). */
const MAX_BATCHES_PER_SWEEP = 100;

/**
 * Deletes audit events older than AUDIT_LOG_RETENTION_DAYS (run by the periodic sweep); unset keeps them
 * forever, as before the setting existed. Entra keeps 7 or 30 days; deployments with their own
 * obligations choose. Whole-deployment, like the sign-in log's retention.
 */
export class AuditRetention {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly options: { auditLogRetentionDays: number | null },
  ) {}

  /** Deletes the events past the retention; returns how many. */
  async sweep(): Promise<number> {
    const days = this.options.auditLogRetentionDays;
    if (days == null) return 0;
    const before = new Date(this.clock.now().getTime() - days * DAY_MS);
    // Ids are UUIDv7 from the same clock as createdAt, so every old event's id sorts below the first id
    // of `before`'s millisecond: the primary key finds them without an index on createdAt, which every
    // audited write (6000 rows an upload) would have to maintain. createdAt still decides.
    const below = uuidV7(before.getTime(), 0, new Uint8Array(16));
    let deleted = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_SWEEP; batch++) {
      const oldest = this.db.manager
        .createQueryBuilder()
        .select('e."id"')
        .from(AuditEvent, 'e')
        .where('e."id" < :below')
        .andWhere('e."createdAt" < :before')
        .orderBy('e."id"')
        .limit(AUDIT_SWEEP_BATCH);
      const result = await this.db.manager
        .createQueryBuilder()
        .delete()
        .from(AuditEvent)
        .where(`"id" IN (${oldest.getQuery()})`)
        .setParameters({ below, before })
        .execute();
      const affected = result.affected ?? 0;
      deleted += affected;
      if (affected < AUDIT_SWEEP_BATCH) break;
    }
    return deleted;
  }
}
