import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { activate, createMember, linkIn, PASSWORD, userToken } from '../helpers/members.js';
import { latestMail, login, registerApp } from '../helpers/partner-flow.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { TestClock } from '../helpers/test-clock.js';
import { GraphQLClient, startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient } from '../helpers/web-client.js';
import {
  AssignDirectoryRoleDocument,
  CreateUserDocument,
  GrantApiAccessDocument,
  InviteUserDocument,
  MemberDocument,
  RemoveUserDocument,
  ResendActivationDocument,
  ResetRedemptionDocument,
  ResetUserPasswordDocument,
  SetUserEnabledDocument,
  ViewerDocument,
} from '../graphql/generated.js';

/**
 * What administrators do to members over HTTP: reset a password; a UserAdministrator's reach (users
 * without directory roles only); invitations a person makes, which name that person.
 */
describe.each(testDatabases())('administering members on %s', (kind) => {
  const clock = new TestClock();
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let a: TenantFixture;
  let n = 0;
  const created = (f: TenantFixture, local: string, extra: Record<string, unknown> = {}) => createMember(t, smtp, f, local, extra);
  const address = (f: TenantFixture, local: string) => `${local}${++n}@${f.tenant.defaultDomain}`;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestGateway(kind, { SMTP_URL: smtp.url }, { clock });
    a = await createTenant(t);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  it('a password reset ends the password and the sessions at once and sends the member through activation again', async () => {
    const { user, email, link } = await created(a, 'reset');
    const web = new WebClient();
    await activate(web, link);
    const app = await registerApp(t, a, { assignmentRequired: false });
    expect((await login(web, app, { prompt: null })).tokens).not.toBeNull();
    const panel = `${t.baseUrl}/${a.tenant.id}/myapps`;
    expect(text(await web.get(panel))).toContain(`Signed in as ${email}`);

    const { resetUserPassword } = await a.admin.client.data(ResetUserPasswordDocument, { userId: user.id });
    expect(resetUserPassword.activationPending).toBe(true);
    // The browser is signed out: the panel asks for a password again.
    const after = await web.get(panel);
    expect(after.body).toContain('name="password"');
    expect(text(after)).not.toContain('Signed in as');
    expect((await login(web, app, { prompt: null })).tokens).toBeNull();
    expect((await login(new WebClient(), app, { credentials: { email, password: PASSWORD } })).page.status).toBe(401);
    const mail = await latestMail(t, smtp, email);
    expect(mail.text).toContain('reset the password');
    await activate(new WebClient(), linkIn(mail.text), 'Second-Juniper-Lantern-8');
    expect((await login(new WebClient(), app, { credentials: { email, password: 'Second-Juniper-Lantern-8' } })).tokens).not.toBeNull();
  });

  it('an admin app mails a member at most one link a minute, by resend or by password reset', async () => {
    const userAdmin = await a.principal([DirectoryRole.UserAdministrator]);
    const email = address(a, 'flooded');
    const { id } = (await userAdmin.client.data(CreateUserDocument, { input: { email, displayName: 'Flooded' } })).createUser;
    const queued = () => t.gateway.db.manager.countBy(OutboxMessage, { toAddress: email });
    const refusal = async (op: 'resend' | 'reset') =>
      (op === 'resend'
        ? await userAdmin.client.run(ResendActivationDocument, { userId: id })
        : await userAdmin.client.run(ResetUserPasswordDocument, { userId: id })
      ).errors?.[0]?.extensions;

    // The attack: 40 resends in a row. The creation's link went out a moment ago, so none is sent.
    for (let i = 0; i < 40; i++) {
      expect(await refusal('resend')).toMatchObject({
        code: 'TOO_MANY_ATTEMPTS',
        details: { retryAfterSeconds: expect.any(Number) },
      });
    }
    expect(await refusal('reset')).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(await queued()).toBe(1);
    const wait = (await refusal('resend')) as { details: { retryAfterSeconds: number } };
    expect(wait.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(wait.details.retryAfterSeconds).toBeLessThanOrEqual(60);

    clock.advance(61_000);
    await userAdmin.client.data(ResendActivationDocument, { userId: id });
    expect(await refusal('resend')).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(await refusal('reset')).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    clock.advance(61_000);
    await userAdmin.client.data(ResetUserPasswordDocument, { userId: id });
    expect(await refusal('reset')).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(await queued()).toBe(3);
  });

  it('a UserAdministrator manages users without directory roles, never a role holder, and grants no roles', async () => {
    const userAdmin = await a.principal([DirectoryRole.UserAdministrator]);
    const plain = (await userAdmin.client.data(CreateUserDocument, { input: { email: address(a, 'plain'), displayName: 'Plain' } }))
      .createUser;
    expect(
      await userAdmin.client.errorCode(CreateUserDocument, {
        input: { email: address(a, 'boss'), displayName: 'Boss', roles: ['GuestInviter'] },
      }),
    ).toBe('FORBIDDEN');
    const { user: holder } = await created(a, 'holder', { roles: ['GuestInviter'] });
    expect(holder.roles).toEqual(['GuestInviter']);

    for (const [document, variables] of [
      [ResendActivationDocument, { userId: holder.id }],
      [ResetUserPasswordDocument, { userId: holder.id }],
      [SetUserEnabledDocument, { id: holder.id, enabled: false }],
      [RemoveUserDocument, { id: holder.id }],
    ] as const) {
      expect(await userAdmin.client.errorCode(document as never, variables as never)).toBe('FORBIDDEN');
    }
    expect((await a.admin.client.data(MemberDocument, { id: holder.id })).user).toMatchObject({
      accountEnabled: true,
      activationPending: true,
    });

    clock.advance(61_000); // past the minute a member waits between links
    await userAdmin.client.data(ResendActivationDocument, { userId: plain.id });
    expect((await userAdmin.client.data(SetUserEnabledDocument, { id: plain.id, enabled: false })).setUserEnabled.accountEnabled).toBe(
      false,
    );
    expect((await userAdmin.client.data(RemoveUserDocument, { id: plain.id })).removeUser).toBe(plain.id);

    // A guest holding a role: its redemption is an administrator's to reset.
    const { inviteUser } = await userAdmin.client.data(InviteUserDocument, { input: { email: `guest${n}@partner-members.example` } });
    await a.admin.client.data(AssignDirectoryRoleDocument, {
      principal: { type: 'User', id: inviteUser.invitedUser!.id },
      role: 'GuestInviter',
    });
    expect(
      await userAdmin.client.errorCode(ResetRedemptionDocument, {
        userId: inviteUser.invitedUser!.id,
        newEmail: `other${n}@partner-members.example`,
      }),
    ).toBe('FORBIDDEN');
    const reset = await a.admin.client.data(ResetRedemptionDocument, {
      userId: inviteUser.invitedUser!.id,
      newEmail: `other${n}@partner-members.example`,
    });
    expect(reset.resetRedemption.invitedUser!.id).toBe(inviteUser.invitedUser!.id);
  });

  it('an invitation made by a person names that person in the mail and on the review page, and greets the invitee by name', async () => {
    const { email, link } = await created(a, 'inviter', { displayName: 'Ines Inviter', roles: ['GuestInviter'] });
    await activate(new WebClient(), link);
    const frontend = await registerApp(t, a, { assignmentRequired: false });
    await a.admin.client.data(GrantApiAccessDocument, { applicationId: frontend.id, scopes: ['DirectoryAccessAsUserAll'] });
    const person = new GraphQLClient(t, await userToken(t, frontend, email, PASSWORD));
    expect((await person.data(ViewerDocument)).viewer).toMatchObject({
      kind: 'User',
      displayName: 'Ines Inviter',
      roles: ['GuestInviter'],
    });

    const guest = `pat${n}@partner-members.example`;
    const { inviteUser } = await person.data(InviteUserDocument, { input: { email: guest, displayName: 'Pat Partner' } });
    const mail = await latestMail(t, smtp, guest);
    expect(mail.subject).toBe(`Ines Inviter invited you to access applications in ${a.tenant.name}`);
    expect(mail.from?.value[0]?.name).toBe(`Ines Inviter from ${a.tenant.name} (via b2b-gateway)`);
    expect(mail.text).toContain('Hello Pat Partner,');
    const review = await new WebClient().get(inviteUser.inviteRedeemUrl!);
    expect(text(review)).toContain(`Ines Inviter invited ${guest}`);
  });
});
