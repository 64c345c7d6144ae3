import { beforeAll, describe, expect, it } from 'vitest';
import { PartnerDomainPolicy } from '../../src/directory/tenant.entity.js';
import { InvitationStatus } from '../../src/invitations/invitation.entity.js';
import { altSecIdOf, RedemptionService } from '../../src/redemption/redemption.service.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { randomToken, sha256Hex } from '../../src/shared/secrets.js';
import { testDatabases } from '../helpers/databases.js';
import { PUBLIC_URL, useRedemptionHarness } from '../helpers/redemption-harness.js';

describe('altSecIdOf', () => {
  it('is 5::<16 hex> of tenant and id for a gateway account', () => {
    const home = { tenantId: 't1', id: 'u1', upstreamIssuer: null, upstreamSubject: null };
    expect(altSecIdOf(home)).toBe(`5::${sha256Hex('t1:u1').slice(0, 16).toUpperCase()}`);
    expect(altSecIdOf(home)).toMatch(/^5::[0-9A-F]{16}$/);
  });

  it('is 1:<issuer host>:<16 hex> of issuer and subject for an upstream identity', () => {
    const home = { tenantId: 't1', id: 'u1', upstreamIssuer: 'https://login.partner.example:8443/tenant', upstreamSubject: 'sub-1' };
    expect(altSecIdOf(home)).toBe(
      `1:login.partner.example:8443:${sha256Hex('https://login.partner.example:8443/tenant:sub-1').slice(0, 16).toUpperCase()}`,
    );
    // Both halves are needed for the upstream form.
    expect(altSecIdOf({ ...home, upstreamSubject: null })).toBe(`5::${sha256Hex('t1:u1').slice(0, 16).toUpperCase()}`);
    expect(altSecIdOf({ ...home, upstreamIssuer: null })).toBe(`5::${sha256Hex('t1:u1').slice(0, 16).toUpperCase()}`);
  });
});

/** Opening an invitation (RedemptionService) on a real database, with a fake clock. */
describe.each(testDatabases())('RedemptionService on %s', (kind) => {
  const h = useRedemptionHarness(kind);
  const { clock, at, outcomes, tenant, app, home, invite, failure, INVALID } = h;
  let redemption: RedemptionService;
  beforeAll(() => {
    ({ redemption } = h);
  });

  describe('open', () => {
    it("opens a pending link with the tenant and only that tenant's listed apps, counting nothing", async () => {
      const t = await tenant();
      const other = await tenant();
      const b = await app(t.id, 'B');
      const a = await app(t.id, 'A');
      const foreign = await app(other.id, 'Foreign');
      await app(t.id, 'Unlisted');
      const { invitation, ticket } = await invite(t, 'pat@partner.example', { applicationIds: [a.id, b.id, foreign.id] });
      const before = await outcomes();

      const opened = await redemption.open(t.id, invitation.id, ticket);
      expect(opened.invitation.id).toBe(invitation.id);
      expect(opened.tenant.id).toBe(t.id);
      expect(opened.apps.map((x) => x.displayName).sort()).toEqual(['A', 'B']);
      expect(await outcomes()).toEqual(before);
    });

    it('lists no apps when the invitation names none', async () => {
      const t = await tenant();
      await app(t.id, 'Some app');
      const { invitation, ticket } = await invite(t, 'pat@partner.example');
      expect((await redemption.open(t.id, invitation.id, ticket)).apps).toEqual([]);
    });

    it('gives the same INVITATION_INVALID for a bad id, unknown id, wrong ticket, other tenant, used and revoked links', async () => {
      const t = await tenant();
      const other = await tenant();
      const { invitation, ticket } = await invite(t, 'pat@partner.example');
      const used = await invite(t, 'pat@partner.example', { status: InvitationStatus.Accepted, redeemedAt: clock.now() });
      const revoked = await invite(t, 'pat@partner.example', {
        status: InvitationStatus.Revoked,
        revokedAt: clock.now(),
        expiresAt: at(-1),
      });
      const before = (await outcomes()).invitation_invalid ?? 0;

      expect(await failure(redemption.open(t.id, 'not-a-uuid', ticket))).toEqual(INVALID);
      expect(await failure(redemption.open(t.id, newId(), ticket))).toEqual(INVALID);
      expect(await failure(redemption.open(t.id, invitation.id, randomToken(32)))).toEqual(INVALID);
      expect(await failure(redemption.open(other.id, invitation.id, ticket))).toEqual(INVALID);
      expect(await failure(redemption.open(t.id, used.invitation.id, used.ticket))).toEqual(INVALID);
      expect(await failure(redemption.open(t.id, revoked.invitation.id, revoked.ticket))).toEqual(INVALID);
      expect((await outcomes()).invitation_invalid).toBe(before + 6);
    });

    it('refuses a ticket hash of another length without comparing', async () => {
      const t = await tenant();
      const { invitation } = await invite(t, 'pat@partner.example');
      expect(await failure(redemption.openByHash(invitation.id, invitation.ticketHash.slice(0, 62)))).toEqual(INVALID);
      expect(await failure(redemption.openByHash(invitation.id, `${invitation.ticketHash}00`))).toEqual(INVALID);
      expect((await redemption.openByHash(invitation.id, invitation.ticketHash)).invitation.id).toBe(invitation.id);
    });

    it('says a link expired exactly at expiresAt, naming the inviter', async () => {
      const t = await tenant();
      const expired = await invite(t, 'pat@partner.example', { expiresAt: at(0) });
      const live = await invite(t, 'pat@partner.example', { expiresAt: at(1) });
      const never = await invite(t, 'pat@partner.example', { expiresAt: null });
      const before = (await outcomes()).invitation_expired ?? 0;

      expect(await failure(redemption.open(t.id, expired.invitation.id, expired.ticket))).toEqual({
        code: ErrorCode.INVITATION_EXPIRED,
        message: 'This invitation has expired. Ask Ina Inviter for a new one.',
        details: { inviter: 'Ina Inviter' },
      });
      expect((await outcomes()).invitation_expired).toBe(before + 1);
      expect((await redemption.open(t.id, live.invitation.id, live.ticket)).invitation.id).toBe(live.invitation.id);
      expect((await redemption.open(t.id, never.invitation.id, never.ticket)).invitation.id).toBe(never.invitation.id);
    });

    it("applies the tenant's current partner domain policy", async () => {
      const t = await tenant({ partnerDomainPolicy: PartnerDomainPolicy.BlockList, partnerDomains: ['partner.example'] });
      const { invitation, ticket } = await invite(t, 'pat@sub.partner.example');
      expect(await failure(redemption.open(t.id, invitation.id, ticket))).toMatchObject({
        code: ErrorCode.DOMAIN_NOT_ALLOWED,
        details: { domain: 'sub.partner.example' },
      });
      expect((await outcomes()).domain_not_allowed).toBeGreaterThanOrEqual(1);
    });
  });

  it("names a home account's issuer", async () => {
    const me = await home();
    expect(redemption.homeIssuer(me)).toBe(`${PUBLIC_URL}/${me.tenantId}/v2.0`);
  });
});
