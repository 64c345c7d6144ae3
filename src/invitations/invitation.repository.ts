import type { Database } from '../db/database.js';
import { RawReader } from '../db/raw-read.js';
import { canonicalEmail } from '../shared/email.js';
import { decodeCursor, type Page, type PageArgs, pageSize } from '../shared/pagination.js';
import { pendingSql } from './invitation-state.js';
import { Invitation, InvitationStatus } from './invitation.entity.js';

export interface InvitationFilter {
  status?: InvitationStatus | null;
  email?: string | null;
  batchId?: string | null;
}

/** What a listing shows or derives of an invitation; never the ticket hash. */
const LISTED_COLUMNS = [
  'id',
  'tenantId',
  'email',
  'displayName',
  'invitedUserId',
  'inviterDisplayName',
  'redirectUrl',
  'applicationIds',
  'groupIds',
  'invitationText',
  'ccEmailAddress',
  'language',
  'sendInvitationMessage',
  'status',
  'expiresAt',
  'redeemedAt',
  'revokedAt',
  'batchId',
  'accessExpiresAt',
  'createdAt',
] as const satisfies readonly (keyof Invitation)[];

export type ListedInvitation = Pick<Invitation, (typeof LISTED_COLUMNS)[number]>;

export class InvitationRepository {
  private reader?: RawReader<Invitation, (typeof LISTED_COLUMNS)[number]>;

  constructor(private readonly db: Database) {}

  /**
   * Newest first, keyset-paginated on the id (see paginate in shared/pagination.ts); `Expired` and
   * `PendingAcceptance` are told apart by `expiresAt` against `now` (the rule of invitation-state.ts).
   * One raw read of the listed columns: the hot path of the API's biggest listing.
   */
  async list(tenantId: string, filter: InvitationFilter, page: PageArgs, now: Date): Promise<Page<ListedInvitation>> {
    const r = (this.reader ??= new RawReader(this.db.dataSource, Invitation, LISTED_COLUMNS));
    const size = pageSize(page.first);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => r.param(params.push(value));
    where.push(`"tenantId" = ${param(tenantId)}`);
    if (filter.email) where.push(`"email" = ${param(canonicalEmail(filter.email))}`);
    if (filter.batchId) where.push(`"batchId" = ${param(filter.batchId)}`);
    switch (filter.status) {
      case InvitationStatus.PendingAcceptance:
        where.push(pendingSql.live(param(InvitationStatus.PendingAcceptance), param(r.date(now))));
        break;
      case InvitationStatus.Expired:
        where.push(pendingSql.expired(param(InvitationStatus.PendingAcceptance), param(r.date(now))));
        break;
      case InvitationStatus.Accepted:
      case InvitationStatus.Revoked:
        where.push(`"status" = ${param(filter.status)}`);
        break;
    }
    const filtered = where.join(' AND ');
    const countParams = [...params];
    const keyset = page.after ? ` AND "id" < ${param(decodeCursor(page.after))}` : '';
    const rows = await r.query(
      `SELECT ${r.columns} FROM ${r.table} WHERE ${filtered}${keyset} ORDER BY "id" DESC LIMIT ${size + 1}`,
      params,
    );
    return {
      nodes: rows.slice(0, size),
      hasNextPage: rows.length > size,
      totalCount: async () => {
        const [row] = (await this.db.dataSource.query(`SELECT COUNT(*) AS "n" FROM ${r.table} WHERE ${filtered}`, countParams)) as {
          n: unknown;
        }[];
        return Number(row!.n);
      },
    };
  }
}
