import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppAssignment } from '../../src/apps/app-assignment.entity.js';
import { GroupMember } from '../../src/directory/group.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, login, type PartnerApp, redeemBySignUp } from '../helpers/partner-flow.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { TestClock } from '../helpers/test-clock.js';
import { text, WebClient } from '../helpers/web-client.js';
import {
  CreateGroupDocument,
  InviteUserDocument,
  ResetRedemptionDocument,
  UpdatePartnerDomainPolicyDocument,
} from '../graphql/generated.js';

describe.each(testDatabases())('partner domain policy, access expiry and reset redemption on %s', (kind) => {
  const clock = new TestClock();
  const suite = useGatewaySuite(kind, { smtp: true, clock, tenants: [{ domains: ['contoso.example'] }, {}], app: true });
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let a: TenantFixture;
  let b: TenantFixture;
  let app: PartnerApp;
  beforeAll(
    () =>
      void ({
        smtp,
        t,
        tenants: [a, b],
        app,
      } = suite),
  );

  const policy = (
    f: TenantFixture,
    input: { policy: 'None' | 'AllowList' | 'BlockList'; domains: string[]; refuseConsumerDomains?: boolean },
  ) => f.admin.client.data(UpdatePartnerDomainPolicyDocument, { input });
  const inviteCode = async (email: string) =>
    (await a.admin.client.run(InviteUserDocument, { input: { email } })).errors?.[0]?.extensions?.code;

  it('an allow list admits listed domains and their subdomains only', async () => {
    await policy(a, { policy: 'AllowList', domains: ['Fabrikam.example'] });
    expect(await inviteCode('x@fabrikam.example')).toBeUndefined();
    expect(await inviteCode('x@eu.fabrikam.example')).toBeUndefined();
    expect(await inviteCode('x@litware.example')).toBe('DOMAIN_NOT_ALLOWED');
    await policy(a, { policy: 'None', domains: [] });
  });

  it('a block list refuses listed domains, at invite time and again at redemption', async () => {
    const sent = await invite(a, 'late@blocked.example', app);
    await policy(a, { policy: 'BlockList', domains: ['blocked.example'] });
    expect(await inviteCode('other@blocked.example')).toBe('DOMAIN_NOT_ALLOWED');
    expect(await inviteCode('ok@fabrikam.example')).toBeUndefined();
    const page = await new WebClient().get(sent.inviteRedeemUrl!);
    expect(page.status).toBe(400);
    expect(text(page)).toContain('does not collaborate with blocked.example');
    await policy(a, { policy: 'None', domains: [] });
    expect((await new WebClient().get(sent.inviteRedeemUrl!)).status).toBe(200);
  });

  it('the consumer-domain refusal is on by default and can be turned off per tenant', async () => {
    expect(await inviteCode('someone@gmail.com')).toBe('CONSUMER_EMAIL_NOT_SUPPORTED');
    const updated = await policy(a, { policy: 'None', domains: [], refuseConsumerDomains: false });
    expect(updated.updatePartnerDomainPolicy.refuseConsumerDomains).toBe(false);
    expect(await inviteCode('someone@gmail.com')).toBeUndefined();
    expect((await b.admin.client.run(InviteUserDocument, { input: { email: 'someone@gmail.com' } })).errors?.[0]?.extensions?.code).toBe(
      'CONSUMER_EMAIL_NOT_SUPPORTED',
    );
    await policy(a, { policy: 'None', domains: [], refuseConsumerDomains: true });
  });

  it('only GlobalAdministrators change the policy, and only of their own tenant', async () => {
    const inviter = await a.principal(['GuestInviter' as never]);
    expect(await inviter.client.errorCode(UpdatePartnerDomainPolicyDocument, { input: { policy: 'None', domains: [] } })).toBe('FORBIDDEN');
    await policy(b, { policy: 'BlockList', domains: ['fabrikam.example'] });
    expect(await inviteCode('y@fabrikam.example')).toBeUndefined();
    await policy(b, { policy: 'None', domains: [] });
  });

  it('disables a guest when its access expires, and its refresh token stops working', async () => {
    const email = 'expiring@fabrikam.example';
    const sent = await invite(a, email, app, { accessExpiresAt: new Date(Date.now() + 60 * 60_000).toISOString() });
    const web = new WebClient();
    await redeemBySignUp(t, smtp, web, sent.inviteRedeemUrl!, email);
    const { tokens } = await login(web, app);
    expect(tokens).not.toBeNull();
    const past = await a.admin.client.run(InviteUserDocument, {
      input: { email: 'past@fabrikam.example', accessExpiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    clock.advance(60 * 60_000 + 1000);
    expect(await t.gateway.services.users.disableExpiredGuests()).toBe(1);
    expect((await t.gateway.db.manager.findOneByOrFail(User, { id: sent.invitedUser!.id })).accountEnabled).toBe(false);
    await expect(oidc.refreshTokenGrant(app.config, tokens!.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    clock.offsetMs = 0;
  });

  it('reset redemption re-binds the guest to a new address, keeping id, UPN, groups and apps, and refuses the old identity', async () => {
    const oldEmail = 'mover@fabrikam.example';
    const group = (await a.admin.client.data(CreateGroupDocument, { input: { displayName: 'Movers' } })).createGroup;
    const sent = await invite(a, oldEmail, app, { groupIds: [group.id] });
    const oldWeb = new WebClient();
    await redeemBySignUp(t, smtp, oldWeb, sent.inviteRedeemUrl!, oldEmail);
    const { tokens } = await login(oldWeb, app);
    const guestId = sent.invitedUser!.id;

    const reset = (await a.admin.client.data(ResetRedemptionDocument, { userId: guestId, newEmail: 'mover@litware.example' }))
      .resetRedemption;
    expect(reset.invitedUser).toMatchObject({
      id: guestId,
      userPrincipalName: sent.invitedUser!.userPrincipalName,
      externalUserState: 'PendingAcceptance',
      mail: 'mover@litware.example',
    });
    expect(await t.gateway.db.manager.countBy(GroupMember, { userId: guestId, groupId: group.id })).toBe(1);
    expect(await t.gateway.db.manager.countBy(AppAssignment, { principalId: guestId, applicationId: app.id })).toBe(1);

    await expect(oidc.refreshTokenGrant(app.config, tokens!.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const refused = await login(oldWeb, app);
    expect(refused.tokens).toBeNull();
    expect(text(refused.page)).toContain('has no access to this organization');

    const newWeb = new WebClient();
    await redeemBySignUp(t, smtp, newWeb, reset.inviteRedeemUrl!, 'mover@litware.example');
    const again = await login(newWeb, app);
    expect(again.tokens!.claims()).toMatchObject({ oid: guestId, email: 'mover@litware.example' });
  });

  it("reset redemption cannot touch another tenant's guest", async () => {
    const theirs = (await b.admin.client.data(InviteUserDocument, { input: { email: 'theirs@fabrikam.example' } })).inviteUser;
    expect(
      await a.admin.client.errorCode(ResetRedemptionDocument, { userId: theirs.invitedUser!.id, newEmail: 'pwned@fabrikam.example' }),
    ).toBe('NOT_FOUND');
    expect((await t.gateway.db.manager.findOneByOrFail(User, { id: theirs.invitedUser!.id })).mail).toBe('theirs@fabrikam.example');
  });
});
