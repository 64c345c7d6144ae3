import { beforeAll, describe, expect, it } from 'vitest';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Database } from '../../src/db/database.js';
import { PrincipalKind } from '../../src/directory/actor.js';
import { ExternalUserState, User } from '../../src/directory/user.entity.js';
import { Invitation, InvitationStatus } from '../../src/invitations/invitation.entity.js';
import { altSecIdOf, RedemptionService } from '../../src/redemption/redemption.service.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { testDatabases } from '../helpers/databases.js';
import { NO_SOURCE, PUBLIC_URL, useRedemptionHarness } from '../helpers/redemption-harness.js';

/** Redeeming an invitation (RedemptionService) on a real database, with a fake clock. */
describe.each(testDatabases())('RedemptionService on %s', (kind) => {
  const h = useRedemptionHarness(kind);
  const { clock, at, outcomes, tenant, home, invite, failure } = h;
  let db: Database;
  let redemption: RedemptionService;
  beforeAll(() => {
    ({ db, redemption } = h);
  });

  describe('redeem', () => {
    it('binds the guest to the home account, accepts the invitation, audits, and goes to the panel', async () => {
      const t = await tenant();
      const me = await home();
      const { invitation, ticket, guest } = await invite(t, me.mail);
      const opened = await redemption.open(t.id, invitation.id, ticket);
      const accepted = (await outcomes()).accepted ?? 0;
      clock.at = at(5_000);

      expect(await redemption.redeem(opened, me, NO_SOURCE)).toBe(`${PUBLIC_URL}/${t.id}/myapps`);

      const bound = await db.manager.findOneByOrFail(User, { id: guest.id });
      expect(bound).toMatchObject({
        externalUserState: ExternalUserState.Accepted,
        signInName: me.mail,
        altSecId: altSecIdOf(me),
        displayName: 'Guest Name',
        homeUserId: me.id,
      });
      expect(bound.externalUserStateChangedAt?.toISOString()).toBe(clock.now().toISOString());
      const stored = await db.manager.findOneByOrFail(Invitation, { id: invitation.id });
      expect(stored.status).toBe(InvitationStatus.Accepted);
      expect(stored.redeemedAt?.toISOString()).toBe(clock.now().toISOString());
      const events = await db.manager.findBy(AuditEvent, { tenantId: t.id, action: AuditAction.RedeemExternalUserInvite });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actorKind: PrincipalKind.User,
        actorId: guest.id,
        actorDisplayName: me.mail,
        targetType: 'User',
        targetId: guest.id,
        details: { invitationId: invitation.id, homeTenantId: me.tenantId },
      });
      expect((await outcomes()).accepted).toBe(accepted + 1);

      // Exactly once: the same opened link a second time.
      expect(await failure(redemption.redeem(opened, me, NO_SOURCE))).toEqual({
        code: ErrorCode.INVITATION_INVALID,
        message: 'This invitation has been used already.',
      });
    });

    it("goes to the invitation's redirect URL when it has one, and names the guest after the home account when it has no name", async () => {
      const t = await tenant();
      const me = await home({ displayName: 'Pat Home' });
      const { invitation, ticket, guest } = await invite(t, me.mail, { redirectUrl: 'https://app.resource.example/start' }, '');
      expect(await redemption.redeem(await redemption.open(t.id, invitation.id, ticket), me, NO_SOURCE)).toBe(
        'https://app.resource.example/start',
      );
      expect((await db.manager.findOneByOrFail(User, { id: guest.id })).displayName).toBe('Pat Home');

      const nameless = await home({ displayName: '' });
      const second = await invite(t, nameless.mail, {}, '');
      await redemption.redeem(await redemption.open(t.id, second.invitation.id, second.ticket), nameless, NO_SOURCE);
      expect((await db.manager.findOneByOrFail(User, { id: second.guest.id })).displayName).toBe(nameless.mail);
    });

    it('refuses a home account that does not own the invited address, or has not verified it', async () => {
      const t = await tenant();
      const me = await home();
      const { invitation, ticket, guest } = await invite(t, 'someone-else@partner.example');
      const opened = await redemption.open(t.id, invitation.id, ticket);
      const before = (await outcomes()).wrong_account ?? 0;
      expect(await failure(redemption.redeem(opened, me, NO_SOURCE))).toEqual({
        code: ErrorCode.WRONG_ACCOUNT,
        message: `This invitation is for someone-else@partner.example; you are signed in as ${me.mail}`,
      });
      const unverified = await home({ emailVerified: false });
      const mine = await invite(t, unverified.mail);
      expect(
        await failure(redemption.redeem(await redemption.open(t.id, mine.invitation.id, mine.ticket), unverified, NO_SOURCE)),
      ).toMatchObject({
        code: ErrorCode.WRONG_ACCOUNT,
      });
      expect((await outcomes()).wrong_account).toBe(before + 2);
      expect((await db.manager.findOneByOrFail(Invitation, { id: invitation.id })).status).toBe(InvitationStatus.PendingAcceptance);
      expect((await db.manager.findOneByOrFail(User, { id: guest.id })).externalUserState).toBe(ExternalUserState.PendingAcceptance);
    });

    it('refuses, and keeps the invitation pending, when its guest was removed or belongs elsewhere', async () => {
      const t = await tenant();
      const me = await home();
      const gone = await invite(t, me.mail);
      const opened = await redemption.open(t.id, gone.invitation.id, gone.ticket);
      await db.manager.delete(User, { id: gone.guest.id });
      const removed = { code: ErrorCode.INVITATION_INVALID, message: 'The guest account of this invitation was removed.' };
      expect(await failure(redemption.redeem(opened, me, NO_SOURCE))).toEqual(removed);
      expect((await db.manager.findOneByOrFail(Invitation, { id: gone.invitation.id })).status).toBe(InvitationStatus.PendingAcceptance);

      const noGuest = await invite(t, me.mail, { invitedUserId: null });
      expect(await failure(redemption.redeem(await redemption.open(t.id, noGuest.invitation.id, noGuest.ticket), me, NO_SOURCE))).toEqual(
        removed,
      );

      const elsewhere = await tenant();
      const foreignGuest = await invite(elsewhere, me.mail);
      const wrongTenant = await invite(t, me.mail, { invitedUserId: foreignGuest.guest.id });
      expect(
        await failure(redemption.redeem(await redemption.open(t.id, wrongTenant.invitation.id, wrongTenant.ticket), me, NO_SOURCE)),
      ).toEqual(removed);
      expect((await db.manager.findOneByOrFail(User, { id: foreignGuest.guest.id })).externalUserState).toBe(
        ExternalUserState.PendingAcceptance,
      );
    });
  });

  it('lets an unexpected failure through unchanged, uncounted, and rolled back', async () => {
    const t = await tenant();
    const countedBefore = await outcomes();
    // Not a domain rule: a ticket that is not a string fails in hashing, before any lookup.
    await expect(redemption.open(t.id, newId(), undefined as unknown as string)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });

    // A home account whose stored upstream issuer is not a URL fails while binding the guest.
    const me = await home({ upstreamIssuer: 'not a url', upstreamSubject: 'sub' });
    const { invitation, ticket, guest } = await invite(t, me.mail);
    const opened = await redemption.open(t.id, invitation.id, ticket);
    await expect(redemption.redeem(opened, me, NO_SOURCE)).rejects.toMatchObject({ code: 'ERR_INVALID_URL' });
    expect(await outcomes()).toEqual(countedBefore);
    expect((await db.manager.findOneByOrFail(Invitation, { id: invitation.id })).status).toBe(InvitationStatus.PendingAcceptance);
    expect((await db.manager.findOneByOrFail(User, { id: guest.id })).externalUserState).toBe(ExternalUserState.PendingAcceptance);
  });
});
