// Attack on partners' pending counts (src/partners/partner-pending.ts): random sequences that the
// pinned random test does not draw — CSV uploads (new guests counted from the writer's own expiry,
// re-sent rows, duplicates, a row whose write fails so its chunk is retried row by row), reset
// redemptions — mixed with sweeps and clock moves, each step against the count derived from scratch.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/directory/actor.js';
import { Invitation, InvitationStatus } from '../../src/invitations/invitation.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { derivePartners } from '../helpers/partner-oracle.js';
import { useServicesHarness, unique } from '../helpers/services-harness.js';

const DAY = 86_400_000;

describe.each(testDatabases())('attack: partner pending counts under CSV and resets on %s', (kind) => {
  const h = useServicesHarness(kind);

  async function answered(actor: Actor): Promise<Record<string, number>> {
    const page = await h.s.partners.list(actor, {}, { first: 100 });
    const counts = await h.s.partners.pendingInvitations(page.nodes);
    return Object.fromEntries(page.nodes.map((p) => [p.id, counts.get(p.id) ?? 0]));
  }

  async function expectExact(actor: Actor, step: string): Promise<void> {
    const derived = await derivePartners(h.db, actor.tenantId, h.clock.now());
    expect(await answered(actor), step).toEqual(Object.fromEntries(derived.map((p) => [p.id, p.pendingInvitations])));
    for (const count of Object.values(await answered(actor))) expect(count, step).toBeGreaterThanOrEqual(0);
  }

  const q = (sql: string) => h.db.dataSource.query(sql);
  async function failOn(email: string): Promise<() => Promise<void>> {
    if (h.db.isPostgres) {
      await q(`CREATE FUNCTION attack_pending_boom() RETURNS trigger AS $$ BEGIN
        IF NEW.email = '${email}' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await q('CREATE TRIGGER attack_pending_boom BEFORE INSERT ON invitation FOR EACH ROW EXECUTE FUNCTION attack_pending_boom()');
      return async () => {
        await q('DROP TRIGGER attack_pending_boom ON invitation');
        await q('DROP FUNCTION attack_pending_boom()');
      };
    }
    await q(
      `CREATE TRIGGER attack_pending_boom BEFORE INSERT ON invitation WHEN NEW.email = '${email}' BEGIN SELECT RAISE(ABORT, 'boom'); END`,
    );
    return async () => void (await q('DROP TRIGGER attack_pending_boom'));
  }

  it('stays exact over CSV uploads (with a failing row), resets, resends, removals, sweeps and clock moves', async () => {
    const actor = h.admin((await h.tenant('Host')).id);
    const domains = [1, 2, 3].map(() => `atk${unique()}.example`);
    const emails = Array.from({ length: 12 }, (_, i) => `p${i}@${domains[i % 3]}`);
    const boom = `boom@${domains[0]}`;
    const undo = await failOn(boom);
    let seed = 7;
    let seen = 0;
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const ignore = (e: unknown) => (e instanceof Error && 'code' in e ? undefined : Promise.reject(e));
    const pick = <T>(items: T[]) => items[random(items.length)]!;
    try {
      for (let step = 0; step < 120; step++) {
        const all = await h.db.manager.find(Invitation, { where: { tenantId: actor.tenantId }, order: { id: 'ASC' } });
        const one = all.length ? pick(all) : null;
        const action = random(9);
        switch (action) {
          case 0:
          case 1: {
            const rows = Array.from({ length: 1 + random(6) }, () => (random(5) === 0 ? boom : pick(emails)));
            const file = ['Email,DisplayName', ...rows.map((e, i) => `${e},Row ${i}`)].join('\n');
            await h.s.batches.upload(actor, { fileName: `f${step}.csv`, content: Buffer.from(file), dryRun: false });
            break;
          }
          case 2:
            await h.s.invitations.invite(actor, { email: pick(emails), displayName: 'G', sendInvitationMessage: false }).catch(ignore);
            break;
          case 3:
            if (one) await h.s.invitations.resend(actor, one.id).catch(ignore);
            break;
          case 4:
            if (one) await h.s.invitations.revoke(actor, one.id).catch(ignore);
            break;
          case 5:
            if (one?.invitedUserId) await h.s.invitations.resetRedemption(actor, one.invitedUserId, pick(emails)).catch(ignore);
            break;
          case 6:
            if (one?.invitedUserId && random(3) === 0) await h.s.users.remove(actor, one.invitedUserId).catch(ignore);
            else await h.s.partners.sweepPending();
            break;
          default: {
            const pending = all.filter(
              (i) => i.status === InvitationStatus.PendingAcceptance && i.expiresAt && i.expiresAt >= h.clock.now(),
            );
            if (pending.length && random(2)) h.clock.fixed = new Date(pick(pending).expiresAt!.getTime() + random(3) - 1);
            else h.advance(random(12) * DAY + random(2));
            if (random(2)) await h.s.partners.sweepPending();
          }
        }
        await expectExact(actor, `step ${step} (action ${action})`);
        seen += Object.values(await answered(actor)).reduce((a, b) => a + b, 0);
      }
      expect(await h.db.manager.countBy(Invitation, { email: boom })).toBe(0);
      // The sequence did something: guests were invited in bulk and some were still pending on the way.
      expect(await h.db.manager.countBy(Invitation, { tenantId: actor.tenantId })).toBeGreaterThan(20);
      expect(seen).toBeGreaterThan(0);
    } finally {
      await undo();
    }
  });
});
