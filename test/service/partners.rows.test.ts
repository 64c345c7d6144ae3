// The partner rows kept on write (src/partners/partner.rows.ts) against a derivation from scratch
// (test/helpers/partner-oracle.ts) after each kind of write that changes a partner: invite, CSV,
// redemption, sign-in, disable, removal, reset redemption, a domain changing owner, a home account
// removed; and the migration's backfill. Each maintenance call has a step here that fails without it.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/directory/actor.js';
import type { Tenant } from '../../src/directory/tenant.entity.js';
import type { User } from '../../src/directory/user.entity.js';
import { SignInKind } from '../../src/sign-ins/sign-in-event.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { derivePartners } from '../helpers/partner-oracle.js';
import { useServicesHarness, unique } from '../helpers/services-harness.js';

const NO_SOURCE = { context: { ip: null, userAgent: null }, authMethods: [] };

describe.each(testDatabases())('partner rows on %s', (kind) => {
  const h = useServicesHarness(kind);
  let host: Tenant;
  let actor: Actor;
  let fabrikam: Tenant;
  let bob: User;
  let free: string;
  let wide: string;
  let bobGuestId: string;
  let bobTicket: { invitationId: string; ticket: string };

  /** Every partner of the host as the API reads them (all pages), pending counts included. */
  async function fromRows() {
    const all = [];
    let after: string | null = null;
    for (;;) {
      const page = await h.s.partners.list(actor, {}, { first: 2, after });
      all.push(...page.nodes);
      if (!page.hasNextPage) {
        expect(await page.totalCount()).toBe(all.length);
        break;
      }
      after = Buffer.from(`c1:${page.nodes.at(-1)!.id}`).toString('base64url');
    }
    const pending = await h.s.partners.pendingInvitations(all);
    return all.map(({ id, name, kind: k, domains, guestCount, lastSignInAt }) => ({
      id,
      name,
      kind: k,
      domains,
      guestCount,
      pendingInvitations: pending.get(id) ?? 0,
      lastSignInAt: lastSignInAt ? lastSignInAt.toISOString() : null,
    }));
  }

  async function expectRowsMatchDerivation() {
    const derived = await derivePartners(h.db, host.id, h.clock.now());
    expect(await fromRows()).toEqual(derived);
    return derived;
  }

  const invite = async (email: string) => {
    const issued = await h.s.invitations.invite(actor, { email, displayName: email.split('@')[0], sendInvitationMessage: false });
    const url = new URL(issued.inviteRedeemUrl);
    return { issued, invitationId: url.searchParams.get('invitation')!, ticket: url.searchParams.get('ticket')! };
  };

  it('an invitation creates its guest in a partner of its domain', async () => {
    host = await h.tenant('Host');
    actor = h.admin(host.id);
    fabrikam = await h.s.tenants.create({ name: `Fabrikam ${unique()}`, domains: [`fab${unique()}.example`] });
    free = `free${unique()}.example`;
    // Bob is Fabrikam's member with an address at a domain nobody verified: his guest starts at the bare domain.
    bob = (await h.s.users.createMember(fabrikam.id, { displayName: 'Bob', mail: `bob@${free}` }))!;
    await h.s.accounts.setPassword(bob.id, 'Juniper-Lantern-Orbit-7');
    bob = (await h.s.accounts.findUser(bob.id))!;
    const invited = await invite(bob.mail);
    bobGuestId = invited.issued.invitation.invitedUserId!;
    bobTicket = invited;
    await invite(`ann@${fabrikam.defaultDomain}`);
    const derived = await expectRowsMatchDerivation();
    expect(derived.map((p) => p.guestCount).sort()).toEqual([1, 1]);
  });

  it('a CSV upload adds its guests to their partners', async () => {
    const csv = ['Email,DisplayName', `carl@${free},Carl`, `dora@${fabrikam.defaultDomain},Dora`, `eve@lone${unique()}.example,Eve`].join(
      '\n',
    );
    const { batch } = await h.s.batches.upload(actor, { fileName: 'guests.csv', content: Buffer.from(csv), dryRun: false });
    expect(batch.failedCount ?? 0).toBe(0);
    const derived = await expectRowsMatchDerivation();
    expect(derived.map((p) => p.guestCount).sort()).toEqual([1, 2, 2]);
  });

  it('a redemption moves the guest to its home account’s tenant', async () => {
    const opened = await h.s.redemption.open(host.id, bobTicket.invitationId, bobTicket.ticket);
    await h.s.redemption.redeem(opened, bob, NO_SOURCE);
    const derived = await expectRowsMatchDerivation();
    expect(derived.find((p) => p.id === fabrikam.id)?.guestCount).toBe(3);
  });

  it('a sign-in sets the partner’s last sign-in', async () => {
    h.advance(60_000);
    const guest = (await h.s.accounts.findUser(bobGuestId))!;
    await h.s.access.recordSignIn(guest, null, { ...NO_SOURCE, kind: SignInKind.Interactive });
    const derived = await expectRowsMatchDerivation();
    expect(derived.find((p) => p.id === fabrikam.id)?.lastSignInAt).toBe(h.clock.now().toISOString());
  });

  it('revoking or re-issuing an invitation changes its partner’s pending count', async () => {
    const [first] = await Promise.all([invite(`hal@${free}`), invite(`ida@${free}`)]);
    await expectRowsMatchDerivation();
    await h.s.invitations.revoke(actor, first.issued.invitation.id);
    await expectRowsMatchDerivation();
    const second = (await h.s.invitations.list(actor, { email: `ida@${free}` }, { first: 1 })).nodes[0]!;
    h.advance(40 * 86_400_000); // past its expiry: no longer pending
    let derived = await expectRowsMatchDerivation();
    expect(derived.find((p) => p.name === free)?.pendingInvitations).toBe(0);
    await h.s.invitations.resend(actor, second.id);
    derived = await expectRowsMatchDerivation();
    expect(derived.find((p) => p.name === free)?.pendingInvitations).toBe(1);
  });

  it('disabling a guest keeps it in its partner', async () => {
    await h.s.users.setEnabled(actor, bobGuestId, false);
    await expectRowsMatchDerivation();
  });

  it('a reset redemption moves the guest to the partner of its new address', async () => {
    await h.s.invitations.resetRedemption(actor, bobGuestId, `bob@new${unique()}.example`);
    const derived = await expectRowsMatchDerivation();
    // Bob's sign-in left Fabrikam with him.
    expect(derived.find((p) => p.id === fabrikam.id)).toMatchObject({ guestCount: 2, lastSignInAt: null });
  });

  it('removing a guest takes it out of its partner, and a partner without guests goes', async () => {
    const derivedBefore = await derivePartners(h.db, host.id, h.clock.now());
    const lone = derivedBefore.find((p) => p.name.startsWith('lone'))!;
    const [guest] = (await h.s.partners.guests(actor, (await h.s.partners.get(actor, lone.id))!, { first: 5 })).nodes;
    await h.s.users.remove(actor, guest!.id);
    const derived = await expectRowsMatchDerivation();
    expect(derived.some((p) => p.id === lone.id)).toBe(false);
  });

  it('a domain verified, released, or created with a tenant moves the guests still bound by it', async () => {
    wide = `wide${unique()}.example`;
    await invite(`walt@${wide}`);
    await h.s.domains.addVerifiedAsOperator(fabrikam.id, [wide]);
    let derived = await expectRowsMatchDerivation();
    expect(derived.find((p) => p.id === fabrikam.id)?.domains).toContain(wide);
    await h.s.domains.remove(h.admin(fabrikam.id), wide);
    derived = await expectRowsMatchDerivation();
    expect(derived.find((p) => p.id === fabrikam.id)?.domains).not.toContain(wide);
    expect(derived.find((p) => p.name === wide)?.guestCount).toBe(1);
    const litware = await h.s.tenants.create({ name: `Litware ${unique()}`, domains: [wide] });
    derived = await expectRowsMatchDerivation();
    expect(derived.find((p) => p.id === litware.id)?.guestCount).toBe(1);
  });

  it('removing a home account returns its guests to the owner of their domain', async () => {
    const home = await h.s.users.createMember(fabrikam.id, { displayName: 'Gus', mail: `gus@${wide}` });
    await h.s.accounts.setPassword(home.id, 'Juniper-Lantern-Orbit-7');
    const invited = await invite(home.mail);
    const opened = await h.s.redemption.open(host.id, invited.invitationId, invited.ticket);
    await h.s.redemption.redeem(opened, (await h.s.accounts.findUser(home.id))!, NO_SOURCE);
    await expectRowsMatchDerivation();
    await h.s.users.remove(h.admin(fabrikam.id), home.id);
    const derived = await expectRowsMatchDerivation();
    expect(derived.find((p) => p.name.startsWith('Litware'))?.guestCount).toBe(2);
  });

  it('a first sign-up from a domain makes its self-service tenant the partner', async () => {
    const lit = `lit${unique()}.example`;
    const invited = await invite(`lee@${lit}`);
    await h.s.accounts.signUp(`lee@${lit}`, 'Lee', 'Juniper-Lantern-Orbit-7', { tenantId: host.id, invitationId: invited.invitationId });
    const derived = await expectRowsMatchDerivation();
    expect(derived.find((p) => p.domains.includes(lit))).toMatchObject({ kind: 'SelfServiceTenant', guestCount: 1 });
  });

  it('concurrent invitations to one new partner all count (the rows add up in place)', async () => {
    const busy = `busy${unique()}.example`;
    await Promise.all([1, 2, 3, 4, 5].map((i) => invite(`p${i}@${busy}`)));
    const derived = await expectRowsMatchDerivation();
    expect(derived.find((p) => p.name === busy)?.guestCount).toBe(5);
  });

  it('the migration backfills, and a rebuild makes, the same rows from the directory', async () => {
    const derived = await derivePartners(h.db, host.id, h.clock.now());
    const ds = h.db.dataSource;
    // Back to before the partner rows (the later migrations first), then forward again.
    const after = ds.migrations.length - ds.migrations.findIndex((m) => m.name === 'PartnerRows1764900000000');
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThanOrEqual(ds.migrations.length);
    for (let i = 0; i < after; i++) await ds.undoLastMigration({ transaction: 'each' });
    await ds.runMigrations({ transaction: 'each' });
    expect(await fromRows()).toEqual(derived);
    // And the rebuild for rows written straight to the tables (the benchmarks' seeding) agrees.
    await h.s.partners.rebuild(host.id);
    expect(await fromRows()).toEqual(derived);
  });
});
