import type { EntityManager } from 'typeorm';
import { PartnerRow } from './partner.entity.js';

/**
 * A partner's pending invitations, kept as a counter so that reading it costs the same at 10k pending
 * guests and at 1M. Invariant, per partner row: `pendingCount` = its guests with `pendingUntil >
 * pendingSweptUntil`. The count at `now` is then `pendingCount` less the guests whose invitation
 * expired in (pendingSweptUntil, now]: an index range over the few that expired since the last sweep.
 * Used by partner.rows.ts, the tables' only writer, and the partner service's reads and sweep.
 */

/** Net change of a partner's guests per `pendingUntil` instant (ms): +1 one came, −1 one went. */
export type PendingDelta = Map<number, number>;

export function notePending(delta: PendingDelta, until: Date | null, n: 1 | -1): void {
  if (!until) return; // no pending invitation: never counted
  const at = until.getTime();
  delta.set(at, (delta.get(at) ?? 0) + n);
}

/** Instants per statement (each is a bound parameter, as are each partner's two key columns). */
const TERMS = 200;

/** One partner row's pending change. */
export interface PendingChange {
  tenantId: string;
  id: string;
  pending: PendingDelta;
}

/**
 * Adds `Σ n·[instant > pendingSweptUntil]` to each partner's count, all partners in one UPDATE per 200
 * instants (an upload's 50 partners were 50 round trips), read against each row's current
 * `pendingSweptUntil`: on PostgreSQL the UPDATE waits for the row lock a sweep holds and then re-reads
 * the row, so a write and a sweep never both count one expiry.
 */
export async function adjustPending(em: EntityManager, changes: readonly PendingChange[]): Promise<void> {
  const terms = changes.flatMap(({ tenantId, id, pending }) =>
    [...pending].flatMap(([at, n]) => (n === 0 ? [] : [{ tenantId, id, at, n: Math.trunc(n) }])),
  );
  for (let i = 0; i < terms.length; i += TERMS) {
    const params: Record<string, unknown> = {};
    const partners = new Map<string, { tenantId: string; id: string; sum: string[] }>();
    terms.slice(i, i + TERMS).forEach(({ tenantId, id, at, n }, j) => {
      const key = `${tenantId}/${id}`;
      let partner = partners.get(key);
      if (!partner) partners.set(key, (partner = { tenantId, id, sum: [] }));
      params[`pending${j}`] = new Date(at);
      partner.sum.push(`CASE WHEN :pending${j} > "pendingSweptUntil" THEN ${n} ELSE 0 END`);
    });
    const cases: string[] = [];
    const tenants = new Map<string, string[]>();
    [...partners.values()].forEach(({ tenantId, id, sum }, k) => {
      params[`tenant${k}`] = tenantId;
      params[`partner${k}`] = id;
      cases.push(`WHEN "tenantId" = :tenant${k} AND "id" = :partner${k} THEN ${sum.join(' + ')}`);
      tenants.set(tenantId, [...(tenants.get(tenantId) ?? []), id]);
    });
    const where = [...tenants.keys()].map((tenantId, k) => {
      params[`whereTenant${k}`] = tenantId;
      params[`whereIds${k}`] = tenants.get(tenantId);
      return `("tenantId" = :whereTenant${k} AND "id" IN (:...whereIds${k}))`;
    });
    await em
      .createQueryBuilder()
      .update(PartnerRow)
      .set({ pendingCount: () => `"pendingCount" + CASE ${cases.join(' ')} ELSE 0 END` })
      .where(where.join(' OR '))
      .setParameters(params)
      .execute();
  }
}

/** The tenant's counters from scratch at `now` (after a rebuild of its rows, in its transaction). */
export async function recountPending(em: EntityManager, tenantId: string, now: Date): Promise<void> {
  await em
    .createQueryBuilder()
    .update(PartnerRow)
    .set({
      pendingSweptUntil: now,
      pendingCount: () =>
        `(SELECT COUNT(*) FROM "partner_guest" "g" WHERE "g"."tenantId" = "partner"."tenantId" ` +
        `AND "g"."partnerId" = "partner"."id" AND "g"."pendingUntil" > :now)`,
    })
    .where({ tenantId })
    .setParameters({ now })
    .execute();
}

/** Guests of partner `p` whose `pendingUntil` lies in (from, to]. */
const expiredBetween = (from: string, to: string) =>
  `(SELECT COUNT(*) FROM "partner_guest" "g" WHERE "g"."tenantId" = "p"."tenantId" AND "g"."partnerId" = "p"."id" ` +
  `AND "g"."pendingUntil" > ${from} AND "g"."pendingUntil" <= ${to})`;

/**
 * Pending, unexpired invitations at `now` of the tenant's partners `ids`, in one statement (one
 * snapshot: the counter and the guests agree). A sweep from a process whose clock runs ahead may
 * have moved `pendingSweptUntil` past `now`: the invitations expiring in (now, sweptUntil] count again.
 */
export async function pendingAt(em: EntityManager, tenantId: string, ids: readonly string[], now: Date): Promise<Map<string, number>> {
  const rows = await em
    .createQueryBuilder()
    .select('"p"."id"', 'id')
    .addSelect(
      `"p"."pendingCount" - ${expiredBetween('"p"."pendingSweptUntil"', ':now')} + ${expiredBetween(':now', '"p"."pendingSweptUntil"')}`,
      'n',
    )
    .from(PartnerRow, 'p')
    .where('"p"."tenantId" = :tenantId AND "p"."id" IN (:...ids)', { tenantId, ids, now })
    .getRawMany<{ id: string; n: string | number }>();
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export interface PartnerKey {
  tenantId: string;
  id: string;
}

/** Up to `limit` partners (after `after`, in key order) with invitations that expired in (sweptUntil, until]. */
export async function partnersToSweep(em: EntityManager, until: Date, after: PartnerKey | null, limit: number): Promise<PartnerKey[]> {
  const query = em
    .createQueryBuilder()
    .select('"p"."tenantId"', 'tenantId')
    .addSelect('"p"."id"', 'id')
    .from(PartnerRow, 'p')
    .where(`${expiredBetween('"p"."pendingSweptUntil"', ':until')} > 0`, { until });
  if (after)
    query.andWhere('("p"."tenantId" > :afterTenant OR ("p"."tenantId" = :afterTenant AND "p"."id" > :afterId))', {
      afterTenant: after.tenantId,
      afterId: after.id,
    });
  return query.orderBy('"p"."tenantId"').addOrderBy('"p"."id"').limit(limit).getRawMany<PartnerKey>();
}

/**
 * Moves one partner's `pendingSweptUntil` to `until`, less the invitations that expired in between:
 * run in its own transaction. The row is locked first (PostgreSQL: skipped when a writer or another
 * process's sweep holds it; the next sweep takes it), and the expiries are counted after, in a new
 * snapshot, so every write either committed before the count or adjusts against the new sweptUntil.
 */
export async function sweepPartner(em: EntityManager, key: PartnerKey, until: Date): Promise<boolean> {
  const postgres = em.connection.options.type === 'postgres';
  const read = em
    .createQueryBuilder(PartnerRow, 'p')
    .select(['p.tenantId', 'p.id', 'p.pendingSweptUntil'])
    .where({ tenantId: key.tenantId, id: key.id });
  if (postgres) read.setLock('pessimistic_write').setOnLocked('skip_locked');
  const row = await read.getOne();
  if (!row || row.pendingSweptUntil >= until) return false;
  const expired = await em
    .createQueryBuilder()
    .select(expiredBetween(':from', ':until'), 'n')
    .from(PartnerRow, 'p')
    .where({ tenantId: key.tenantId, id: key.id })
    .setParameters({ from: row.pendingSweptUntil, until })
    .getRawOne<{ n: string | number }>();
  await em
    .createQueryBuilder()
    .update(PartnerRow)
    .set({ pendingSweptUntil: until, pendingCount: () => `"pendingCount" - ${Math.trunc(Number(expired?.n ?? 0))}` })
    .where({ tenantId: key.tenantId, id: key.id })
    .execute();
  return true;
}
