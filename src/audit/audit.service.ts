import type { EntityManager } from 'typeorm';
import { type Actor } from '../directory/actor.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { insertMany } from '../db/bulk.js';
import { newId } from '../shared/ids.js';
import { type Page, type PageArgs, paginate } from '../shared/pagination.js';
import type { AuditAction, AuditDetails } from '../shared/audit-actions.js';
import { AuditEvent } from './audit-event.entity.js';
import { authorize, Permission } from '../directory/permissions.js';
import { type AuditFilter, checkAuditFilter } from './audit-filter.js';

export interface AuditTarget {
  type: string;
  id: string;
}

export interface AuditEntry {
  action: AuditAction;
  target: AuditTarget | null;
  details?: AuditDetails;
}

export class AuditService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Writes an event through `em`, so it commits or rolls back with the change it describes. */
  async record(
    em: EntityManager,
    actor: Pick<Actor, 'tenantId' | 'kind' | 'id' | 'displayName'>,
    action: AuditAction,
    target: AuditTarget | null,
    details: AuditDetails = {},
  ): Promise<void> {
    await em.insert(AuditEvent, {
      id: newId(),
      tenantId: actor.tenantId,
      action,
      actorKind: actor.kind,
      actorId: actor.id,
      actorDisplayName: actor.displayName,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      details,
      createdAt: this.clock.now(),
    });
  }

  /** Writes several events through `em` in one multi-row insert. */
  async recordMany(
    em: EntityManager,
    actor: Pick<Actor, 'tenantId' | 'kind' | 'id' | 'displayName'>,
    entries: AuditEntry[],
  ): Promise<void> {
    const createdAt = this.clock.now();
    await insertMany(
      em,
      AuditEvent,
      entries.map((e) => ({
        id: newId(),
        tenantId: actor.tenantId,
        action: e.action,
        actorKind: actor.kind,
        actorId: actor.id,
        actorDisplayName: actor.displayName,
        targetType: e.target?.type ?? null,
        targetId: e.target?.id ?? null,
        details: e.details ?? {},
        createdAt,
      })),
    );
  }

  /**
   * The caller's tenant's events, newest first, narrowed by `filter`. Only GlobalAdministrators read the audit log.
   * @throws FORBIDDEN, INVALID_TIME_RANGE, BAD_USER_INPUT
   */
  async list(actor: Actor, filter: AuditFilter, page: PageArgs): Promise<Page<AuditEvent>> {
    authorize(actor, Permission.ReadAuditLog);
    const { actions, targetId, actorId, from, to } = checkAuditFilter(filter);
    const query = this.db.manager
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.tenantId = :tenantId', { tenantId: actor.tenantId });
    if (actions) query.andWhere('e.action IN (:...actions)', { actions });
    if (targetId != null) query.andWhere('e.targetId = :targetId', { targetId });
    if (actorId != null) query.andWhere('e.actorId = :actorId', { actorId });
    if (from) query.andWhere('e.createdAt >= :from', { from });
    if (to) query.andWhere('e.createdAt <= :to', { to });
    return paginate(query, page, 'DESC');
  }
}
