import type { Database } from '../db/database.js';
import { RawReader } from '../db/raw-read.js';
import { type ListedUser, listedUserReader, USER_KEY_COLUMNS, userJoin } from '../directory/user.reads.js';
import { type Delivery, DELIVERY_AUDIENCE, deliveryReader, latestDeliveryJoin } from '../mail/delivery.reads.js';
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

/** Read whatever a listing shows: its key and tenant, what the status derives from, the guest's id. */
const KEY_COLUMNS = ['id', 'tenantId', 'status', 'expiresAt', 'invitedUserId'] as const satisfies readonly (keyof Invitation)[];
const DELIVERY_KEY_COLUMNS = ['id', 'invitationId'] as const satisfies readonly (keyof Delivery)[];

/**
 * What to read with a page (what the query selects). A set names properties to read besides the
 * key columns: the rows then hold only those (every listed property when absent or `true`).
 */
export interface ListInclude {
  fields?: ReadonlySet<string>;
  /** Join each row's guest. */
  guests?: ReadonlySet<string> | boolean;
  /** Join each row's newest delivery. */
  deliveries?: ReadonlySet<string> | boolean;
}

const only = <R extends { narrowed: (wanted: ReadonlySet<string>, always: readonly K[]) => R }, K>(
  reader: R,
  wanted: ReadonlySet<string> | boolean | undefined,
  always: readonly K[],
): R => (typeof wanted === 'object' ? reader.narrowed(wanted, always) : reader);

/** A page, with the guests (by user id) and newest deliveries (by invitation id) `include` asked for. */
export interface ListedPage extends Page<ListedInvitation> {
  guests?: Map<string, ListedUser | null>;
  deliveries?: Map<string, Delivery | null>;
}

export class InvitationRepository {
  private reader?: RawReader<Invitation, (typeof LISTED_COLUMNS)[number]>;

  constructor(private readonly db: Database) {}

  /**
   * Newest first, keyset-paginated on the id (as paginate in shared/pagination.ts); `Expired` and
   * `PendingAcceptance` are told apart by `expiresAt` against `now` (the rule of invitation-state.ts).
   * One raw read of the listed columns, the hot path of the API's biggest listing; with `include`,
   * the same statement joins each row's guest and newest delivery (in the row's tenant only).
   */
  async list(tenantId: string, filter: InvitationFilter, page: PageArgs, now: Date, include: ListInclude = {}): Promise<ListedPage> {
    this.reader ??= new RawReader(this.db.dataSource, Invitation, LISTED_COLUMNS);
    const r = only(this.reader, include.fields, KEY_COLUMNS);
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
    const pageSql = `SELECT ${r.columns} FROM ${r.table} WHERE ${filtered}${keyset} ORDER BY "id" DESC LIMIT ${size + 1}`;
    const totalCount = async () => {
      const [row] = (await this.db.dataSource.query(`SELECT COUNT(*) AS "n" FROM ${r.table} WHERE ${filtered}`, countParams)) as {
        n: unknown;
      }[];
      return Number(row!.n);
    };
    // Rows as arrays of values (no object per row): the page's columns first, then each join's.
    if (!include.guests && !include.deliveries) {
      const rows = await r.arrays(pageSql, params);
      return { nodes: rows.slice(0, size).map((row) => r.mapAt(row, 0)!), hasNextPage: rows.length > size, totalCount };
    }
    // The page first (at most size + 1 rows), then one lookup per row for each join.
    const users = only(listedUserReader(this.db.dataSource), include.guests, USER_KEY_COLUMNS);
    const deliveries = only(deliveryReader(this.db.dataSource), include.deliveries, DELIVERY_KEY_COLUMNS);
    const sql =
      `SELECT i.*${include.guests ? `, ${users.columnsAs('u')}` : ''}${include.deliveries ? `, ${deliveries.columnsAs('m')}` : ''} ` +
      `FROM (${pageSql}) i ${include.guests ? userJoin('u', 'i', 'invitedUserId') : ''} ` +
      `${include.deliveries ? latestDeliveryJoin('m', 'i', param(DELIVERY_AUDIENCE)) : ''} ORDER BY i."id" DESC`;
    const raw = await r.arrays(sql, params);
    const userAt = r.width;
    const deliveryAt = userAt + (include.guests ? users.width : 0);
    const nodes = raw.slice(0, size).map((row) => r.mapAt(row, 0)!);
    const guests = new Map<string, ListedUser | null>();
    const latest = new Map<string, Delivery | null>();
    raw.slice(0, size).forEach((row, i) => {
      const invitation = nodes[i]!;
      if (include.guests && invitation.invitedUserId) guests.set(invitation.invitedUserId, users.mapAt(row, userAt, true));
      if (include.deliveries) latest.set(invitation.id, deliveries.mapAt(row, deliveryAt, true));
    });
    return { nodes, hasNextPage: raw.length > size, totalCount, guests, deliveries: latest };
  }
}
