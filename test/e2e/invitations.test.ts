import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { Invitation } from '../../src/invitations/invitation.entity.js';
import { GroupMember } from '../../src/directory/group.entity.js';
import { AppAssignment } from '../../src/apps/app-assignment.entity.js';
import { consoleClientId } from '../../src/apps/console-client-id.js';
import { apiMatrix } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import {
  AuditEventsDocument,
  CreateApplicationDocument,
  CreateGroupDocument,
  GroupMembersDocument,
  InvitationDocument,
  InvitationsDocument,
  InviteUserDocument,
  type InviteUserInput,
  ResendInvitationDocument,
  RevokeInvitationDocument,
  ApplicationDocument,
  ApplicationsDocument,
} from '../graphql/generated.js';

describe.each(apiMatrix())('invitations (%s)', (_label, kind, transport) => {
  let t: TestGateway;
  let a: TenantFixture;
  let b: TenantFixture;
  let appId: string;
  let replyUrl: string;
  let groupId: string;
  let n = 0;
  const email = () => `person${++n}.${transport}@fabrikam.example`;

  beforeAll(async () => {
    t = await startTestGateway(kind);
    a = await createTenant(t, transport, {
      domains: ['contoso.example'],
      allowedRedirectHosts: ['*.contoso-apps.example', 'portal.example'],
    });
    b = await createTenant(t, transport);
    replyUrl = 'https://expenses.contoso.example/callback';
    const created = await a.admin.client.data(CreateApplicationDocument, { input: { displayName: 'Expenses', replyUrls: [replyUrl] } });
    appId = created.createApplication.application.id;
    groupId = (await a.admin.client.data(CreateGroupDocument, { input: { displayName: 'Partners' } })).createGroup.id;
  });
  afterAll(() => t.stop());

  const invite = (input: Partial<InviteUserInput>) => a.admin.client.run(InviteUserDocument, { input: { email: email(), ...input } });
  const inviteCode = async (input: Partial<InviteUserInput>) => (await invite(input)).errors?.[0]?.extensions?.code;

  it('creates the guest at once with the documented attributes and grants', async () => {
    const address = email();
    const result = await a.admin.client.data(InviteUserDocument, {
      input: {
        email: address.toUpperCase(),
        displayName: 'Alice Partner',
        applicationIds: [appId],
        groupIds: [groupId],
        redirectUrl: replyUrl,
      },
    });
    const inv = result.inviteUser;
    expect(inv).toMatchObject({
      email: address,
      displayName: 'Alice Partner',
      status: 'PendingAcceptance',
      language: 'en',
      sendInvitationMessage: true,
      applicationIds: [appId],
      groupIds: [groupId],
      redirectUrl: replyUrl,
      inviterDisplayName: a.admin.app.displayName,
    });
    expect(inv.invitedUser).toMatchObject({
      userType: 'Guest',
      creationType: 'Invitation',
      externalUserState: 'PendingAcceptance',
      accountEnabled: true,
      userPrincipalName: `${address.replace('@', '_')}#EXT#@contoso.example`,
      displayName: 'Alice Partner',
      signInName: null,
      altSecId: null,
    });
    const members = await a.admin.client.data(GroupMembersDocument, { id: groupId });
    expect(members.group.members.nodes.map((m) => m.id)).toContain(inv.invitedUser!.id);
    const app = await a.admin.client.data(ApplicationDocument, { id: appId });
    expect(app.application.assignments).toContainEqual(
      expect.objectContaining({ principalType: 'User', principalId: inv.invitedUser!.id }),
    );
    const audit = await a.admin.client.data(AuditEventsDocument, { first: 10 });
    const actions = audit.auditEvents.nodes.filter((e) => e.targetId === inv.invitedUser!.id).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['Invite external user.', 'Add external user to group.', 'Assign external user to application.']),
    );
  });

  it('returns a redemption URL whose ticket is stored only as a SHA-256 hash, and expires in 30 days', async () => {
    const { inviteUser } = await a.admin.client.data(InviteUserDocument, { input: { email: email() } });
    const url = new URL(inviteUser.inviteRedeemUrl!);
    expect(url.origin + url.pathname).toBe(`${t.baseUrl}/redeem`);
    expect(url.searchParams.get('tenant')).toBe(a.tenant.id);
    expect(url.searchParams.get('invitation')).toBe(inviteUser.id);
    const ticket = url.searchParams.get('ticket')!;
    expect(Buffer.from(ticket, 'base64url')).toHaveLength(32);
    const row = await t.gateway.db.manager.findOneByOrFail(Invitation, { id: inviteUser.id });
    expect(row.ticketHash).toBe(createHash('sha256').update(ticket).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(ticket);
    const days = (new Date(inviteUser.expiresAt!).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const read = await a.admin.client.data(InvitationDocument, { id: inviteUser.id });
    expect(read.invitation.inviteRedeemUrl).toBeNull();
  });

  it.each(['gmail.com', 'GoogleMail.com', 'hotmail.com', 'outlook.com', 'live.com', 'yahoo.com', 'aol.com', 'icloud.com', 'comcast.net'])(
    'refuses the consumer domain %s with CONSUMER_EMAIL_NOT_SUPPORTED',
    async (domain) => {
      expect(await inviteCode({ email: `someone@${domain}` })).toBe('CONSUMER_EMAIL_NOT_SUPPORTED');
    },
  );

  it.each([
    'not-an-email',
    'a@b',
    'two@@fabrikam.example',
    'x@fabrikam.example\r\nBcc: evil@evil.example',
    '"Bob" <bob@fabrikam.example>',
    '',
  ])('refuses the malformed address %j with INVALID_EMAIL', async (address) => {
    expect(await inviteCode({ email: address })).toBe('INVALID_EMAIL');
  });

  it("refuses an address on the tenant's own verified domain", async () => {
    expect(await inviteCode({ email: 'colleague@contoso.example' })).toBe('EMAIL_DOMAIN_OWNED_BY_TENANT');
  });

  it.each([
    ['a reply URL of a granted app', () => replyUrl, true, true],
    ['a reply URL of an app that is not granted', () => replyUrl, false, false],
    ['an allowed host', () => 'https://portal.example/welcome', false, true],
    ['a subdomain of an allowed wildcard', () => 'https://crm.contoso-apps.example/', false, true],
    ['the wildcard base itself', () => 'https://contoso-apps.example/', false, false],
    ['an allowed host over http', () => 'http://portal.example/welcome', false, false],
    ['a look-alike host', () => 'https://portal.example.evil.example/', false, false],
    ['credentials smuggling', () => 'https://portal.example@evil.example/', false, false],
    ['a javascript: URL', () => 'javascript:alert(1)', false, false],
    ['an unrelated site', () => 'https://evil.example/', false, false],
  ])('redirect URL: %s', async (_label, url, grantApp, allowed) => {
    const result = await invite({ redirectUrl: url(), applicationIds: grantApp ? [appId] : [] });
    if (allowed) expect(result.errors).toBeUndefined();
    else expect(result.errors?.[0]?.extensions?.code).toBe('REDIRECT_URL_NOT_ALLOWED');
  });

  it('accepts every documented language code, case-insensitively, and refuses others', async () => {
    for (const code of ['en', 'de', 'es', 'fr', 'it', 'ja', 'ko', 'pt-BR', 'ru', 'zh-HANS', 'zh-HANT']) {
      const { inviteUser } = await a.admin.client.data(InviteUserDocument, { input: { email: email(), language: code.toLowerCase() } });
      expect(inviteUser.language).toBe(code);
    }
    const result = await invite({ language: 'nl' });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNSUPPORTED_LANGUAGE');
    expect(result.errors?.[0]?.message).toContain('zh-HANT');
    expect((await a.admin.client.data(InviteUserDocument, { input: { email: email(), language: '' } })).inviteUser.language).toBe('en');
  });

  it('allows one CC address and refuses more', async () => {
    const { inviteUser } = await a.admin.client.data(InviteUserDocument, {
      input: { email: email(), ccEmailAddress: ' Manager@Fabrikam.example ' },
    });
    expect(inviteUser.ccEmailAddress).toBe('manager@fabrikam.example');
    expect(await inviteCode({ ccEmailAddress: 'a@fabrikam.example, b@fabrikam.example' })).toBe('TOO_MANY_CC_RECIPIENTS');
    expect(await inviteCode({ ccEmailAddress: 'a@fabrikam.example;b@fabrikam.example' })).toBe('TOO_MANY_CC_RECIPIENTS');
    expect(await inviteCode({ ccEmailAddress: 'not-an-address' })).toBe('INVALID_EMAIL');
  });

  it('keeps the invitation text as plain text and bounds its length', async () => {
    const text = 'Welcome! <b>not bold</b> & it’s fine';
    const { inviteUser } = await a.admin.client.data(InviteUserDocument, { input: { email: email(), invitationText: text } });
    expect(inviteUser.invitationText).toBe(text);
    expect(await inviteCode({ invitationText: 'x'.repeat(2001) })).toBe('BAD_USER_INPUT');
  });

  it('writes nothing when one group id is bad', async () => {
    const address = email();
    const before = await counts();
    expect(await inviteCode({ email: address, applicationIds: [appId], groupIds: [groupId, '01a20000-0000-7000-8000-000000000000'] })).toBe(
      'NOT_FOUND',
    );
    expect(await counts()).toEqual(before);
    expect(await t.gateway.db.manager.countBy(User, { mail: address })).toBe(0);
  });

  it("refuses another tenant's group or app as NOT_FOUND and writes nothing", async () => {
    const foreignGroup = (await b.admin.client.data(CreateGroupDocument, { input: { displayName: 'B only' } })).createGroup.id;
    const before = await counts();
    expect(await inviteCode({ groupIds: [foreignGroup] })).toBe('NOT_FOUND');
    expect(await inviteCode({ applicationIds: [b.admin.app.id] })).toBe('NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  it('gives only apps a person can use: refuses an app-only client and the admin console’s app, and writes nothing', async () => {
    const create = async (input: { displayName: string; homepageUrl?: string }) =>
      (await a.admin.client.data(CreateApplicationDocument, { input })).createApplication.application;
    const daemon = await create({ displayName: 'Nightly sync' });
    const wiki = await create({ displayName: 'Wiki', homepageUrl: 'https://wiki.contoso.example/' });
    await t.gateway.services.consoleApps.ensure(a.tenant.id); // as the first console sign-in registers it
    const { applications } = await a.admin.client.data(ApplicationsDocument, { first: 100 });
    const consoleApp = applications.nodes.find((x) => x.appId === consoleClientId(a.tenant.id))!;
    const usable = Object.fromEntries(applications.nodes.map((x) => [x.id, x.usableByPeople]));
    expect(usable).toMatchObject({ [daemon.id]: false, [consoleApp.id]: false, [a.admin.app.id]: false, [wiki.id]: true, [appId]: true });

    const before = await counts();
    expect(await inviteCode({ applicationIds: [daemon.id] })).toBe('APPLICATION_NOT_FOR_PEOPLE');
    expect(await inviteCode({ applicationIds: [appId, consoleApp.appId] })).toBe('APPLICATION_NOT_FOR_PEOPLE');
    const refused = await invite({ applicationIds: [a.admin.app.id] });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'APPLICATION_NOT_FOR_PEOPLE',
      details: { applicationId: a.admin.app.id },
    });
    expect(await counts()).toEqual(before);
    expect(await inviteCode({ applicationIds: [wiki.id] })).toBeUndefined();
  });

  it('re-inviting a pending guest reuses the guest, merges grants and supersedes the old link', async () => {
    const address = email();
    const first = (await a.admin.client.data(InviteUserDocument, { input: { email: address } })).inviteUser;
    const second = (await a.admin.client.data(InviteUserDocument, { input: { email: address, groupIds: [groupId] } })).inviteUser;
    expect(second.invitedUser!.id).toBe(first.invitedUser!.id);
    expect(second.id).not.toBe(first.id);
    expect((await a.admin.client.data(InvitationDocument, { id: first.id })).invitation.status).toBe('Revoked');
    expect(await t.gateway.db.manager.countBy(User, { mail: address, tenantId: a.tenant.id })).toBe(1);
    expect(await t.gateway.db.manager.countBy(GroupMember, { userId: first.invitedUser!.id })).toBe(1);
  });

  it('a revoked invitation never blocks a new one', async () => {
    const address = email();
    const first = (await a.admin.client.data(InviteUserDocument, { input: { email: address } })).inviteUser;
    const revoked = (await a.admin.client.data(RevokeInvitationDocument, { id: first.id })).revokeInvitation;
    expect(revoked.status).toBe('Revoked');
    expect(revoked.revokedAt).not.toBeNull();
    const again = (await a.admin.client.data(InviteUserDocument, { input: { email: address } })).inviteUser;
    expect(again.status).toBe('PendingAcceptance');
  });

  it('resend issues a new ticket and expiry; revoking twice is INVITATION_NOT_PENDING', async () => {
    const first = (await a.admin.client.data(InviteUserDocument, { input: { email: email() } })).inviteUser;
    const resent = (await a.admin.client.data(ResendInvitationDocument, { id: first.id })).resendInvitation;
    expect(resent.id).toBe(first.id);
    expect(resent.inviteRedeemUrl).not.toBe(first.inviteRedeemUrl);
    const row = await t.gateway.db.manager.findOneByOrFail(Invitation, { id: first.id });
    const newTicket = new URL(resent.inviteRedeemUrl!).searchParams.get('ticket')!;
    expect(row.ticketHash).toBe(createHash('sha256').update(newTicket).digest('hex'));
    await a.admin.client.data(RevokeInvitationDocument, { id: first.id });
    expect(await a.admin.client.errorCode(RevokeInvitationDocument, { id: first.id })).toBe('INVITATION_NOT_PENDING');
    expect(await a.admin.client.errorCode(ResendInvitationDocument, { id: first.id })).toBe('INVITATION_NOT_PENDING');
  });

  it('lets a GuestInviter invite (granting nothing) but not a principal without a role', async () => {
    const inviter = await a.principal([DirectoryRole.GuestInviter]);
    const result = await inviter.client.data(InviteUserDocument, { input: { email: email() } });
    expect(result.inviteUser.status).toBe('PendingAcceptance');
    expect(await inviter.client.errorCode(InviteUserDocument, { input: { email: email(), groupIds: [groupId] } })).toBe(
      'GRANT_NOT_ALLOWED',
    );
    const nobody = await a.principal([]);
    expect(await nobody.client.errorCode(InviteUserDocument, { input: { email: email() } })).toBe('FORBIDDEN');
    expect(await nobody.client.errorCode(InvitationsDocument, {})).toBe('FORBIDDEN');
  });

  it('filters and paginates invitations, newest first', async () => {
    const address = email();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await a.admin.client.data(InviteUserDocument, { input: { email: address } })).inviteUser.id);
    const byEmail = await a.admin.client.data(InvitationsDocument, { filter: { email: address.toUpperCase() }, first: 2 });
    expect(byEmail.invitations.totalCount).toBe(3);
    expect(byEmail.invitations.nodes.map((x) => x.id)).toEqual([ids[2], ids[1]]);
    expect(byEmail.invitations.pageInfo.hasNextPage).toBe(true);
    const next = await a.admin.client.data(InvitationsDocument, {
      filter: { email: address },
      first: 2,
      after: byEmail.invitations.pageInfo.endCursor,
    });
    expect(next.invitations.nodes.map((x) => x.id)).toEqual([ids[0]]);
    expect(next.invitations.pageInfo.hasNextPage).toBe(false);
    const pending = await a.admin.client.data(InvitationsDocument, { filter: { status: 'PendingAcceptance', email: address } });
    expect(pending.invitations.nodes.map((x) => x.id)).toEqual([ids[2]]);
    const revoked = await a.admin.client.data(InvitationsDocument, { filter: { status: 'Revoked', email: address } });
    expect(revoked.invitations.totalCount).toBe(2);
    expect(await a.admin.client.errorCode(InvitationsDocument, { first: 0 })).toBe('BAD_USER_INPUT');
    expect(await a.admin.client.errorCode(InvitationsDocument, { after: 'bogus' })).toBe('BAD_USER_INPUT');
  });

  describe('tenant isolation', () => {
    it("cannot read, resend or revoke another tenant's invitation", async () => {
      const theirs = (await b.admin.client.data(InviteUserDocument, { input: { email: email() } })).inviteUser;
      expect(await a.admin.client.errorCode(InvitationDocument, { id: theirs.id })).toBe('NOT_FOUND');
      expect(await a.admin.client.errorCode(ResendInvitationDocument, { id: theirs.id })).toBe('NOT_FOUND');
      expect(await a.admin.client.errorCode(RevokeInvitationDocument, { id: theirs.id })).toBe('NOT_FOUND');
      const listed = await a.admin.client.data(InvitationsDocument, { filter: { email: theirs.email } });
      expect(listed.invitations.totalCount).toBe(0);
      expect((await b.admin.client.data(InvitationDocument, { id: theirs.id })).invitation.status).toBe('PendingAcceptance');
    });

    it('the same person invited by two tenants gets two independent guests', async () => {
      const address = email();
      const inA = (await a.admin.client.data(InviteUserDocument, { input: { email: address } })).inviteUser;
      const inB = (await b.admin.client.data(InviteUserDocument, { input: { email: address } })).inviteUser;
      expect(inA.invitedUser!.id).not.toBe(inB.invitedUser!.id);
      expect(inB.invitedUser!.userPrincipalName).toBe(`${address.replace('@', '_')}#EXT#@${b.tenant.defaultDomain}`);
    });
  });

  async function counts() {
    const em = t.gateway.db.manager;
    return {
      users: await em.count(User),
      invitations: await em.count(Invitation),
      members: await em.count(GroupMember),
      assignments: await em.count(AppAssignment),
    };
  }
});
