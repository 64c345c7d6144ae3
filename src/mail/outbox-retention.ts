import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { OutboxTemplate } from './outbox-template.entity.js';
import { DeliveryStatus, MessageAudience, OutboxMessage } from './outbox-message.entity.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A template younger than this is kept whatever its messages say (a margin, not a rule). */
const TEMPLATE_GRACE_MS = 60 * 60 * 1000;

/** Messages that may still go out: they need their body, and their template if they have one. */
const UNFINISHED = [DeliveryStatus.Queued, DeliveryStatus.Sending, DeliveryStatus.Failed];

/**
 * What the outbox stops keeping (run by the periodic sweep):
 * - system mail (sign-up codes, password resets, activation links) once it is finished and older than
 *   its retention: no tenant lists it, and anyone can make the gateway queue some, so it must not
 *   pile up. Invitation mail stays: a message is its invitation's delivery record.
 * - an upload's shared template once none of its messages can still be sent. A failed invitation
 *   mail can be retried by an administrator, so it keeps its template.
 */
export class OutboxRetention {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly options: { systemMailRetentionDays: number },
  ) {}

  async sweep(): Promise<{ systemMessages: number; templates: number }> {
    const now = this.clock.now().getTime();
    // Literals, not parameters: SQLite uses the partial index only when the query repeats its WHERE.
    const systemMessages = await this.db.manager
      .createQueryBuilder()
      .delete()
      .from(OutboxMessage)
      .where(`"audience" = '${MessageAudience.System}'`)
      .andWhere(`"status" IN ('${DeliveryStatus.Sent}', '${DeliveryStatus.Failed}', '${DeliveryStatus.Cancelled}')`)
      .andWhere('"updatedAt" < :before', { before: new Date(now - this.options.systemMailRetentionDays * DAY_MS) })
      .execute();
    const stillSent = this.db.manager
      .createQueryBuilder()
      .select('m."templateId"')
      .from(OutboxMessage, 'm')
      .where('m."status" IN (:...unfinished)')
      .andWhere('m."templateId" IS NOT NULL');
    const templates = await this.db.manager
      .createQueryBuilder()
      .delete()
      .from(OutboxTemplate)
      .where('"createdAt" < :grace', { grace: new Date(now - TEMPLATE_GRACE_MS) })
      .andWhere(`"id" NOT IN (${stillSent.getQuery()})`)
      .setParameter('unfinished', UNFINISHED)
      .execute();
    return { systemMessages: systemMessages.affected ?? 0, templates: templates.affected ?? 0 };
  }
}
