import { type EntityManager, IsNull, LessThan, LessThanOrEqual, Not, Or } from 'typeorm';
import { PartnerGuest, PartnerRow } from './partner.entity.js';
import { adjustPending, type PendingDelta } from './partner-pending.js';

const CHUNK = 500;

/** What one write (or a rebuild) changes in one partner row: `PartnerRows` (partner.rows.ts) settles it here. */
export interface Delta {
  tenantId: string;
  id: string;
  partnerTenantId: string | null;
  domain: string;
  count: number;
  latest: Date | null;
  /** A guest with a sign-in left: the latest sign-in is read again from the remaining guests. */
  recount: boolean;
  /** The guests' `pendingUntil` that came and went (not kept by a rebuild, which counts afresh). */
  pending: PendingDelta;
}

export function later(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
}

/**
 * Adds the deltas to the partner rows in place (`guestCount = guestCount + n`, an upsert for a
 * partner that gains guests), so concurrent writers to one partner add up instead of overwriting
 * each other; a partner left without guests loses its row. With `pending`, the pending counts move
 * too, in one statement for all of them (partner-pending.ts); a new row starts swept up to now.
 */
export async function settle(em: EntityManager, deltas: Delta[], pending: boolean, now: Date): Promise<void> {
  const gained = deltas.filter((d) => d.count > 0);
  for (let i = 0; i < gained.length; i += CHUNK) {
    await em
      .createQueryBuilder()
      .insert()
      .into(PartnerRow)
      .values(
        gained.slice(i, i + CHUNK).map((d) => ({
          tenantId: d.tenantId,
          id: d.id,
          partnerTenantId: d.partnerTenantId,
          domain: d.partnerTenantId ? null : d.domain,
          guestCount: d.count,
          lastSignInAt: d.latest,
          pendingCount: 0,
          pendingSweptUntil: now,
        })),
      )
      .onConflict(
        `("tenantId", "id") DO UPDATE SET "guestCount" = "partner"."guestCount" + EXCLUDED."guestCount", ` +
          `"lastSignInAt" = CASE WHEN "partner"."lastSignInAt" IS NULL OR EXCLUDED."lastSignInAt" > "partner"."lastSignInAt" ` +
          `THEN EXCLUDED."lastSignInAt" ELSE "partner"."lastSignInAt" END`,
      )
      .execute();
  }
  for (const d of deltas) {
    const key = { tenantId: d.tenantId, id: d.id };
    if (d.count < 0) {
      await em
        .createQueryBuilder()
        .update(PartnerRow)
        .set({ guestCount: () => `"guestCount" + ${Math.trunc(d.count)}` })
        .where(key)
        .execute();
      await em.delete(PartnerRow, { ...key, guestCount: LessThanOrEqual(0) });
    }
    if (d.recount) {
      const latest = await em.findOne(PartnerGuest, {
        select: { userId: true, lastSignInAt: true },
        where: { tenantId: d.tenantId, partnerId: d.id, lastSignInAt: Not(IsNull()) },
        order: { lastSignInAt: 'DESC' },
      });
      await em.update(PartnerRow, key, { lastSignInAt: latest?.lastSignInAt ?? null });
    } else if (d.latest && d.count <= 0) {
      await em.update(PartnerRow, { ...key, lastSignInAt: Or(IsNull(), LessThan(d.latest)) }, { lastSignInAt: d.latest });
    }
  }
  if (pending) await adjustPending(em, deltas);
}
