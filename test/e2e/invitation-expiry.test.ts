import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/shared/clock.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { InvitationDocument, InvitationsDocument, InviteUserDocument, ResendInvitationDocument, RevokeInvitationDocument } from '../graphql/generated.js';

/** A clock the test moves forward; the domain reads time only through it. */
class TestClock implements Clock {
  private offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
  advanceDays(days: number) {
    this.offsetMs += days * 86_400_000;
  }
}

describe.each(testDatabases())('invitation expiry on %s', (kind) => {
  const clock = new TestClock();
  let t: TestGateway;
  let a: TenantFixture;

  beforeAll(async () => {
    t = await startTestGateway(kind, { INVITATION_TTL_DAYS: '30' }, { clock });
    a = await createTenant(t);
  });
  afterAll(() => t.stop());

  it('expires after the configured days, reads as Expired, and a resend renews it', async () => {
    const { inviteUser } = await a.admin.client.data(InviteUserDocument, { input: { email: 'late@fabrikam.example' } });
    clock.advanceDays(29);
    expect((await a.admin.client.data(InvitationDocument, { id: inviteUser.id })).invitation.status).toBe('PendingAcceptance');
    clock.advanceDays(2);
    expect((await a.admin.client.data(InvitationDocument, { id: inviteUser.id })).invitation.status).toBe('Expired');
    const expired = await a.admin.client.data(InvitationsDocument, { filter: { status: 'Expired' } });
    expect(expired.invitations.nodes.map((n) => n.id)).toEqual([inviteUser.id]);
    const pending = await a.admin.client.data(InvitationsDocument, { filter: { status: 'PendingAcceptance' } });
    expect(pending.invitations.nodes.map((n) => n.id)).not.toContain(inviteUser.id);

    const resent = (await a.admin.client.data(ResendInvitationDocument, { id: inviteUser.id })).resendInvitation;
    expect(resent.status).toBe('PendingAcceptance');
    expect(new Date(resent.expiresAt!).getTime()).toBeGreaterThan(clock.now().getTime() + 29 * 86_400_000);
  });

  it('an expired invitation never blocks a new one for the same person', async () => {
    const first = (await a.admin.client.data(InviteUserDocument, { input: { email: 'again@fabrikam.example' } })).inviteUser;
    clock.advanceDays(31);
    const second = (await a.admin.client.data(InviteUserDocument, { input: { email: 'again@fabrikam.example' } })).inviteUser;
    expect(second.status).toBe('PendingAcceptance');
    expect(second.invitedUser!.id).toBe(first.invitedUser!.id);
    expect((await a.admin.client.data(RevokeInvitationDocument, { id: second.id })).revokeInvitation.status).toBe('Revoked');
  });

  it('honours a tenant override; 0 means the link never expires', async () => {
    const forever = await createTenant(t, 'http', { invitationTtlDays: 0 });
    const { inviteUser } = await forever.admin.client.data(InviteUserDocument, { input: { email: 'forever@fabrikam.example' } });
    expect(inviteUser.expiresAt).toBeNull();
    clock.advanceDays(3650);
    expect((await forever.admin.client.data(InvitationDocument, { id: inviteUser.id })).invitation.status).toBe('PendingAcceptance');
  });
});
