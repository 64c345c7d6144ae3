// Partners' pending invitation counts kept on their rows (src/partners/partner-pending.ts): after each
// write that changes a guest's pending invitation, across expiries with and without a sweep, per
// tenant, in bulk, against a concurrent sweep (PostgreSQL), and over random sequences against the
// count derived from scratch (test/helpers/partner-oracle.ts) on the harness's stopped clock.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/directory/actor.js';
import { Invitation, InvitationStatus } from '../../src/invitations/invitation.entity.js';
import { PartnerRow } from '../../src/partners/partner.entity.js';
import { PartnerRows } from '../../src/partners/partner.rows.js';
import { domainPartnerId } from '../../src/shared/partner-key.js';
import { testDatabases } from '../helpers/databases.js';
import { derivePartners } from '../helpers/partner-oracle.js';
import { useServicesHarness, unique } from '../helpers/services-harness.js';
import { StatementCounter } from '../helpers/statement-counter.js';

const DAY = 86_400_000;
const NO_SOURCE = { context: { ip: null, userAgent: null }, authMethods: [] };

describe.each(testDatabases())('partner pending counts on %s', (kind) => {
  const h = useServicesHarness(kind);

  async function host(): Promise<Actor> {
    return h.admin((await h.tenant('Host')).id);
  }

  const invite = async (actor: Actor, email: string) => {
    const issued = await h.s.invitations.invite(actor, { email, displayName: 'Guest', sendInvitationMessage: false });
    const url = new URL(issued.inviteRedeemUrl);
    return { ...issued, ticket: url.searchParams.get('ticket')! };
  };

  /** What the API answers, by partner id (every partner of the tenant). */
  async function answered(actor: Actor): Promise<Record<string, number>> {
    const page = await h.s.partners.list(actor, {}, { first: 100 });
    const counts = await h.s.partners.pendingInvitations(page.nodes);
    return Object.fromEntries(page.nodes.map((p) => [p.id, counts.get(p.id) ?? 0]));
  }

  /** The answer equals the direct count at this instant; returns it. */
  async function expectExact(actor: Actor): Promise<Record<string, number>> {
    const derived = await derivePartners(h.db, actor.tenantId, h.clock.now());
    const counts = await answered(actor);
    expect(counts).toEqual(Object.fromEntries(derived.map((p) => [p.id, p.pendingInvitations])));
    return counts;
  }

  const row = (actor: Actor, id: string) => h.db.manager.findOneByOrFail(PartnerRow, { tenantId: actor.tenantId, id });

  it('follows invite, revoke, supersede, redeem, and expiry before and after a sweep', async () => {
    const actor = await host();
    const domain = `pend${unique()}.example`;
    const partner = domainPartnerId(domain);
    const fabrikam = await h.s.tenants.create({ name: `Fabrikam ${unique()}`, domains: [`fab${unique()}.example`] });
    const bob = await h.s.users.createMember(fabrikam.id, { displayName: 'Bob', mail: `bob@${domain}` });
    await h.s.accounts.setPassword(bob.id, 'Juniper-Lantern-Orbit-7');
    const [a, b, c] = [await invite(actor, `a@${domain}`), await invite(actor, `b@${domain}`), await invite(actor, `c@${domain}`)];
    expect((await expectExact(actor))[partner]).toBe(3);
    await h.s.invitations.revoke(actor, a.invitation.id);
    expect((await expectExact(actor))[partner]).toBe(2);
    h.advance(10 * DAY);
    await h.s.invitations.resend(actor, b.invitation.id); // supersedes b's expiry: still one pending
    expect((await expectExact(actor))[partner]).toBe(2);
    h.advance(25 * DAY); // c expired, no sweep yet: the read takes it off
    expect((await expectExact(actor))[partner]).toBe(1);
    expect((await row(actor, partner)).pendingCount).toBe(2);
    expect(await h.s.partners.sweepPending()).toBeGreaterThanOrEqual(1);
    expect(await row(actor, partner)).toMatchObject({ pendingCount: 1, pendingSweptUntil: h.clock.now() });
    expect((await expectExact(actor))[partner]).toBe(1);
    // A sweep by a process whose clock runs 10 days ahead (past b's expiry): here b still counts.
    const now = h.clock.now();
    h.advance(10 * DAY);
    await h.s.partners.sweepPending();
    h.clock.fixed = now;
    expect((await row(actor, partner)).pendingCount).toBe(0);
    expect((await expectExact(actor))[partner]).toBe(1);
    h.clock.fixed = (await h.db.manager.findOneByOrFail(Invitation, { id: b.invitation.id })).expiresAt; // its last instant: expired
    expect((await expectExact(actor))[partner]).toBe(0);
    await h.s.partners.sweepPending();
    expect((await row(actor, partner)).pendingCount).toBe(0);
    await h.s.invitations.resend(actor, c.invitation.id); // an expired invitation superseded after the sweep
    expect((await expectExact(actor))[partner]).toBe(1);
    expect((await row(actor, partner)).pendingCount).toBe(1);
    const bobs = await invite(actor, bob.mail);
    expect((await expectExact(actor))[partner]).toBe(2);
    const opened = await h.s.redemption.open(actor.tenantId, bobs.invitation.id, bobs.ticket);
    await h.s.redemption.redeem(opened, (await h.s.accounts.findUser(bob.id))!, NO_SOURCE);
    const counts = await expectExact(actor);
    expect([counts[partner], counts[fabrikam.id]]).toEqual([1, 0]);
    await h.s.users.remove(actor, c.invitation.invitedUserId!);
    expect((await expectExact(actor))[partner]).toBe(0);
  });

  it('never counts another tenant’s guests of the same partner, before or after a sweep', async () => {
    const [mine, twin] = [await host(), await host()];
    const domain = `twin${unique()}.example`;
    const partner = domainPartnerId(domain);
    await invite(mine, `x1@${domain}`);
    await invite(mine, `x2@${domain}`);
    await invite(twin, `y1@${domain}`);
    expect([(await expectExact(mine))[partner], (await expectExact(twin))[partner]]).toEqual([2, 1]);
    h.advance(31 * DAY);
    expect([(await expectExact(mine))[partner], (await expectExact(twin))[partner]]).toEqual([0, 0]);
    await h.s.partners.sweepPending();
    expect([(await row(mine, partner)).pendingCount, (await row(twin, partner)).pendingCount]).toEqual([0, 0]);
    await invite(twin, `y2@${domain}`);
    await invite(twin, `y3@${domain}`);
    await invite(mine, `x3@${domain}`);
    expect([(await expectExact(mine))[partner], (await expectExact(twin))[partner]]).toEqual([1, 2]);
  });

  it('a CSV upload adjusts its partners’ counts in one statement per transaction, not one per guest or partner', async () => {
    const actor = await host();
    const [d1, d2] = [`csv${unique()}.example`, `csv${unique()}.example`];
    const rows = Array.from({ length: 40 }, (_, i) => `g${i}@${i % 4 ? d1 : d2},Guest ${i}`);
    const counter = new StatementCounter(h.db);
    const statements = await counter.record(() =>
      h.s.batches.upload(actor, { fileName: 'g.csv', content: Buffer.from(['Email,DisplayName', ...rows].join('\n')), dryRun: false }),
    );
    expect(statements.filter((s) => /UPDATE "partner" SET "pendingCount"/.test(s))).toHaveLength(1);
    const counts = await expectExact(actor);
    expect([counts[domainPartnerId(d1)], counts[domainPartnerId(d2)]]).toEqual([30, 10]);
  });

  it('stays exact over random writes, clock moves and sweeps (also by a process whose clock runs ahead)', async () => {
    const actor = await host();
    const domains = [1, 2, 3].map(() => `rnd${unique()}.example`);
    const emails = Array.from({ length: 10 }, (_, i) => `r${i}@${domains[i % 3]}`);
    let seed = 16;
    const random = (n: number) => {
      // mulberry32: a seeded sequence, the same on every run
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const invitations = async () => h.db.manager.find(Invitation, { where: { tenantId: actor.tenantId }, order: { id: 'ASC' } });
    const ignore = (e: unknown) => (e instanceof Error && 'code' in e ? undefined : Promise.reject(e));
    for (let step = 0; step < 60; step++) {
      const all = await invitations();
      const one = all.length ? all[random(all.length)]! : null;
      const pending = all.filter((i) => i.status === InvitationStatus.PendingAcceptance && i.expiresAt);
      switch (random(8)) {
        case 0:
        case 1:
          await invite(actor, emails[random(emails.length)]!).catch(ignore);
          break;
        case 2:
          if (one) await h.s.invitations.resend(actor, one.id).catch(ignore);
          break;
        case 3:
          if (one) await h.s.invitations.revoke(actor, one.id).catch(ignore);
          break;
        case 4:
          if (one?.invitedUserId) await h.s.users.remove(actor, one.invitedUserId).catch(ignore);
          break;
        case 5: {
          // To an expiry exactly, a moment either side of it, or days on.
          const ahead = pending.filter((i) => i.expiresAt! >= h.clock.now());
          const to = ahead.length ? ahead[random(ahead.length)]!.expiresAt! : null;
          if (to) h.clock.fixed = new Date(to.getTime() + random(3) - 1);
          else h.advance(random(20) * DAY);
          break;
        }
        case 6:
          await h.s.partners.sweepPending();
          break;
        default: {
          const now = h.clock.now();
          h.advance(random(5) * DAY + random(2));
          await h.s.partners.sweepPending();
          h.clock.fixed = now;
        }
      }
      await expectExact(actor);
    }
  });

  it.runIf(kind === 'postgres')('a sweep and a write to the same partner at once count each expiry once', async () => {
    const actor = await host();
    const domain = `race${unique()}.example`;
    const key = { tenantId: actor.tenantId, id: domainPartnerId(domain) };
    const first = await invite(actor, `r1@${domain}`);
    await invite(actor, `r2@${domain}`);
    h.advance(10 * DAY);
    const later = await invite(actor, `r3@${domain}`);
    h.advance(21 * DAY); // r1 and r2 expired, r3 not yet
    const rows = new PartnerRows();
    const [writer, sweeper] = [h.db.dataSource.createQueryRunner(), h.db.dataSource.createQueryRunner()];
    const revoke = async (invitation: Invitation) => {
      await writer.startTransaction();
      await writer.manager.update(Invitation, { id: invitation.id }, { status: InvitationStatus.Revoked });
      await rows.usersChanged(writer.manager, [invitation.invitedUserId!]);
    };
    try {
      // The sweep first: it counts r1's expiry; the revocation waits for its row lock, then adjusts against the new sweptUntil.
      await sweeper.startTransaction();
      expect(await rows.sweepPending(sweeper.manager, key, h.clock.now())).toBe(true);
      const revoking = revoke(first.invitation);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await sweeper.commitTransaction();
      await revoking;
      await writer.commitTransaction();
      expect(await expectExact(actor)).toMatchObject({ [key.id]: 1 });
      expect((await row(actor, key.id)).pendingCount).toBe(1);
      // The write first (r3 expired since the sweep, then revoked): the sweep skips the locked row rather
      // than count the expiry from its snapshot that the write takes off too.
      h.advance(10 * DAY);
      await revoke(later.invitation);
      await sweeper.startTransaction();
      const sweeping = rows.sweepPending(sweeper.manager, key, h.clock.now());
      await new Promise((resolve) => setTimeout(resolve, 200));
      await writer.commitTransaction();
      expect(await sweeping).toBe(false);
      await sweeper.commitTransaction();
      await h.s.partners.sweepPending();
      expect((await row(actor, key.id)).pendingCount).toBe(0);
      expect(await expectExact(actor)).toMatchObject({ [key.id]: 0 });
    } finally {
      await writer.release();
      await sweeper.release();
    }
  });
});
