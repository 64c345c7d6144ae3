import type { Database } from '../db/database.js';
import { canonicalEmail } from '../shared/email.js';
import { type Page, type PageArgs, paginate } from '../shared/pagination.js';
import { pendingSql } from './invitation-state.js';
import { Invitation, InvitationStatus } from './invitation.entity.js';

export interface InvitationFilter {
  status?: InvitationStatus | null;
  email?: string | null;
  batchId?: string | null;
}

export class InvitationRepository {
  constructor(private readonly db: Database) {}

  /** Newest first; `Expired` and `PendingAcceptance` are told apart by `expiresAt` against `now`. */
  async list(tenantId: string, filter: InvitationFilter, page: PageArgs, now: Date): Promise<Page<Invitation>> {
    const query = this.db.manager.getRepository(Invitation).createQueryBuilder('i').where('i.tenantId = :tenantId', { tenantId });
    if (filter.email) query.andWhere('i.email = :email', { email: canonicalEmail(filter.email) });
    if (filter.batchId) query.andWhere('i.batchId = :batchId', { batchId: filter.batchId });
    switch (filter.status) {
      case InvitationStatus.PendingAcceptance:
        query.andWhere(pendingSql.live('i'), { pending: InvitationStatus.PendingAcceptance, now });
        break;
      case InvitationStatus.Expired:
        query.andWhere(pendingSql.expired('i'), { pending: InvitationStatus.PendingAcceptance, now });
        break;
      case InvitationStatus.Accepted:
      case InvitationStatus.Revoked:
        query.andWhere('i.status = :status', { status: filter.status });
        break;
    }
    return paginate(query, page, 'DESC');
  }
}
