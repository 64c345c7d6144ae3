import { type EntityManager, In, IsNull, LessThan, Or } from 'typeorm';
import { insertMany } from '../db/bulk.js';
import type { PartnerRowsPort } from '../directory/ports.js';
import { TenantDomain } from '../directory/tenant-domain.entity.js';
import { User, UserType } from '../directory/user.entity.js';
import { Invitation, InvitationStatus } from '../invitations/invitation.entity.js';
import { NO_EXPIRY, PartnerGuest, PartnerRow } from './partner.entity.js';
import { notePending, type PartnerKey, recountPending, sweepPartner } from './partner-pending.js';
import { type Delta, later, settle } from './partner-settle.js';
import { partnerKeyOf } from '../shared/partner-key.js';
import { type Clock, systemClock } from '../shared/clock.js';

const CHUNK = 500;

const same = (a: Date | null, b: Date | null) => a?.getTime() === b?.getTime();

type GuestState = Pick<User, 'id' | 'tenantId' | 'userType' | 'mail' | 'homeUserId' | 'lastSignInAt'>;

/**
 * The only writer of `partner` and `partner_guest`. Each module that changes what a partner is made
 * of (guests created by invitations and CSV files, redemption, a reset redemption, removal, sign-in,
 * a domain changing owner, members moving tenant) calls it through `PartnerRowsPort`
 * (src/directory/ports.ts) inside its own transaction, so the rows commit with the change.
 */
export class PartnerRows implements PartnerRowsPort {
  /** The clock only dates a new partner row's `pendingSweptUntil`; any instant keeps the count exact. */
  constructor(private readonly clock: Clock = systemClock) {}

  async guestsInvited(em: EntityManager, guests: readonly User[], created?: ReadonlyMap<string, Date | null>): Promise<void> {
    for (let i = 0; i < guests.length; i += CHUNK)
      await this.apply(
        em,
        guests.slice(i, i + CHUNK).map((g) => g.id),
        guests.slice(i, i + CHUNK),
        undefined,
        created,
      );
  }

  async usersChanged(em: EntityManager, userIds: readonly string[]): Promise<void> {
    const ids = [...new Set(userIds)];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      // The users themselves (guests, or gone) and the guests whose home accounts they are.
      const bound = await em.find(User, { select: { id: true }, where: { homeUserId: In(chunk), userType: UserType.Guest } });
      const all = [...new Set([...chunk, ...bound.map((b) => b.id)])];
      for (let j = 0; j < all.length; j += CHUNK)
        await this.apply(em, all.slice(j, j + CHUNK), await this.load(em, all.slice(j, j + CHUNK)));
    }
  }

  async domainsChanged(em: EntityManager, domains: readonly string[]): Promise<void> {
    if (domains.length === 0) return;
    const members = await em.find(PartnerGuest, { select: { userId: true }, where: { domain: In([...domains]) } });
    await this.usersChanged(
      em,
      members.map((m) => m.userId),
    );
  }

  async signedIn(em: EntityManager, userId: string, at: Date): Promise<void> {
    const member = await em.findOneBy(PartnerGuest, { userId });
    if (!member) return;
    await em.update(PartnerGuest, { userId }, { lastSignInAt: at });
    await em.update(
      PartnerRow,
      { tenantId: member.tenantId, id: member.partnerId, lastSignInAt: Or(IsNull(), LessThan(at)) },
      { lastSignInAt: at },
    );
  }

  /** Every guest of the tenant again, from scratch (after rows were written straight to the tables, e.g. seeding). */
  async rebuild(em: EntityManager, tenantId: string): Promise<void> {
    await em.delete(PartnerGuest, { tenantId });
    await em.delete(PartnerRow, { tenantId });
    const guests = await em.find(User, {
      select: { id: true, tenantId: true, userType: true, mail: true, homeUserId: true, lastSignInAt: true },
      where: { tenantId, userType: UserType.Guest },
    });
    // One settlement at the end: each partner row is written once, not once per chunk.
    const deltas = new Map<string, Delta>();
    for (let i = 0; i < guests.length; i += CHUNK) {
      const chunk = guests.slice(i, i + CHUNK);
      await this.apply(
        em,
        chunk.map((g) => g.id),
        chunk,
        deltas,
      );
    }
    await settle(em, [...deltas.values()], false, this.clock.now());
    await recountPending(em, tenantId, this.clock.now());
  }

  /** Takes the invitations that expired up to `until` off one partner's pending count (its own transaction). */
  sweepPending(em: EntityManager, key: PartnerKey, until: Date): Promise<boolean> {
    return sweepPartner(em, key, until);
  }

  private load(em: EntityManager, ids: string[]): Promise<GuestState[]> {
    return em.find(User, {
      select: { id: true, tenantId: true, userType: true, mail: true, homeUserId: true, lastSignInAt: true },
      where: { id: In(ids) },
    });
  }

  /**
   * Brings the memberships of `ids` to what `guests` (their current state; a missing id is gone) say,
   * and the partner rows with them. Guests in `created` were just created: no membership yet, and
   * their one pending invitation expires as given.
   */
  private async apply(
    em: EntityManager,
    ids: readonly string[],
    current: readonly GuestState[],
    pending?: Map<string, Delta>,
    created?: ReadonlyMap<string, Date | null>,
  ): Promise<void> {
    if (ids.length === 0) return;
    const guests = current.filter((g) => g.userType === UserType.Guest);
    const homeIds = [...new Set(guests.flatMap((g) => (g.homeUserId ? [g.homeUserId] : [])))];
    const homeTenantOf = new Map(
      (homeIds.length ? await em.find(User, { select: { id: true, tenantId: true }, where: { id: In(homeIds) } }) : []).map((h) => [
        h.id,
        h.tenantId,
      ]),
    );
    const domains = [...new Set(guests.map((g) => g.mail.slice(g.mail.lastIndexOf('@') + 1)))];
    const ownerOf = new Map(
      (domains.length ? await em.find(TenantDomain, { where: { domain: In(domains) } }) : []).map((d) => [d.domain, d.tenantId]),
    );
    const known = ids.filter((id) => !created?.has(id));
    const before = new Map((known.length ? await em.find(PartnerGuest, { where: { userId: In(known) } }) : []).map((m) => [m.userId, m]));
    const pendingUntil = new Map<string, Date>();
    for (const [id, expiresAt] of created ?? []) pendingUntil.set(id, expiresAt ?? NO_EXPIRY);
    const read = guests.filter((g) => !created?.has(g.id));
    const open = read.length
      ? await em.find(Invitation, {
          select: { id: true, invitedUserId: true, expiresAt: true },
          where: { invitedUserId: In(read.map((g) => g.id)), status: InvitationStatus.PendingAcceptance },
        })
      : [];
    for (const p of open) {
      const until = p.expiresAt ?? NO_EXPIRY;
      const known = pendingUntil.get(p.invitedUserId!);
      if (!known || until > known) pendingUntil.set(p.invitedUserId!, until);
    }

    const deltas = pending ?? new Map<string, Delta>();
    const delta = (tenantId: string, id: string, partnerTenantId: string | null, domain: string): Delta => {
      const key = `${tenantId}/${id}`;
      let d = deltas.get(key);
      if (!d) deltas.set(key, (d = { tenantId, id, partnerTenantId, domain, count: 0, latest: null, recount: false, pending: new Map() }));
      return d;
    };
    const after: PartnerGuest[] = [];
    const seen = new Set<string>();
    for (const guest of guests) {
      seen.add(guest.id);
      const key = partnerKeyOf(guest, homeTenantOf, ownerOf);
      const old = before.get(guest.id);
      // A plain row (only written and compared): a class instance grew its property store per row.
      const row: PartnerGuest = {
        userId: guest.id,
        tenantId: guest.tenantId,
        partnerId: key.id,
        domain: key.domain,
        lastSignInAt: guest.lastSignInAt,
        pendingUntil: pendingUntil.get(guest.id) ?? null,
      };
      if (old && old.partnerId === key.id && old.domain === key.domain && same(old.lastSignInAt, row.lastSignInAt)) {
        if (!same(old.pendingUntil, row.pendingUntil)) {
          await em.update(PartnerGuest, { userId: guest.id }, { pendingUntil: row.pendingUntil });
          const moved = delta(old.tenantId, old.partnerId, null, old.domain).pending;
          notePending(moved, old.pendingUntil, -1);
          notePending(moved, row.pendingUntil, 1);
        }
        continue;
      }
      if (old) {
        const left = delta(old.tenantId, old.partnerId, null, old.domain);
        if (old.partnerId !== key.id) left.count -= 1;
        if (old.lastSignInAt) left.recount = true;
        notePending(left.pending, old.pendingUntil, -1);
      }
      const joined = delta(guest.tenantId, key.id, key.partnerTenantId, key.domain);
      if (old?.partnerId !== key.id) joined.count += 1;
      if (!pending) notePending(joined.pending, row.pendingUntil, 1);
      joined.partnerTenantId = key.partnerTenantId;
      joined.latest = later(joined.latest, guest.lastSignInAt);
      after.push(row);
    }
    for (const [userId, old] of before) {
      if (seen.has(userId)) continue;
      const left = delta(old.tenantId, old.partnerId, null, old.domain);
      left.count -= 1;
      if (old.lastSignInAt) left.recount = true;
      notePending(left.pending, old.pendingUntil, -1);
    }
    const rewritten = [...before.keys()]
      .filter((id) => !seen.has(id))
      .concat(after.filter((m) => before.has(m.userId)).map((m) => m.userId));
    if (rewritten.length) await em.delete(PartnerGuest, { userId: In(rewritten) });
    if (after.length) await insertMany(em, PartnerGuest, after);
    if (!pending) await settle(em, [...deltas.values()], true, this.clock.now());
  }
}
