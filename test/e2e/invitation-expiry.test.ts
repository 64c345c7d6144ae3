import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { TestClock } from '../helpers/test-clock.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import {
  InvitationDocument,
  InvitationsDocument,
  InviteUserDocument,
  ResendInvitationDocument,
  RevokeInvitationDocument,
} from '../graphql/generated.js';

describe.each(testDatabases())('invitation expiry on %s', (kind) => {
  const clock = new TestClock();
  let t: TestGateway;
  let a: TenantFixture;

  const suite = useGatewaySuite(kind, { env: { INVITATION_TTL_DAYS: '30' }, clock, tenants: [{}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a],
      } = suite),
  );

  it('expires after the configured days, reads as Expired, and a resend renews it', async () => {
    const { inviteUser } = await a.admin.client.data(InviteUserDocument, { input: { email: 'late@fabrikam.example' } });
    clock.advance(29 * 86_400_000);
    expect((await a.admin.client.data(InvitationDocument, { id: inviteUser.id })).invitation.status).toBe('PendingAcceptance');
    clock.advance(2 * 86_400_000);
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
    clock.advance(31 * 86_400_000);
    const second = (await a.admin.client.data(InviteUserDocument, { input: { email: 'again@fabrikam.example' } })).inviteUser;
    expect(second.status).toBe('PendingAcceptance');
    expect(second.invitedUser!.id).toBe(first.invitedUser!.id);
    expect((await a.admin.client.data(RevokeInvitationDocument, { id: second.id })).revokeInvitation.status).toBe('Revoked');
  });

  it('honours a tenant override; 0 means the link never expires', async () => {
    const forever = await createTenant(t, 'http', { invitationTtlDays: 0 });
    const { inviteUser } = await forever.admin.client.data(InviteUserDocument, { input: { email: 'forever@fabrikam.example' } });
    expect(inviteUser.expiresAt).toBeNull();
    clock.advance(3650 * 86_400_000);
    expect((await forever.admin.client.data(InvitationDocument, { id: inviteUser.id })).invitation.status).toBe('PendingAcceptance');
  });
});
