import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManagedTenant, type CreatedTenant } from '../../src/cli/create-tenant.js';
import type { Clock } from '../../src/shared/clock.js';
import { testDatabases } from '../helpers/databases.js';
import { clientCredentialsToken, createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { activate, createMember, linkIn, PASSWORD } from '../helpers/members.js';
import { latestMail, login, registerApp } from '../helpers/partner-flow.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { GraphQLClient, startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient, type WebResponse } from '../helpers/web-client.js';
import {
  CreateGroupDocument,
  CreateUserDocument,
  InviteUserDocument,
  MemberDocument,
  ResendActivationDocument,
  ResetUserPasswordDocument,
  SetUserEnabledDocument,
  SignInsDocument,
  UpdateSecurityPolicyDocument,
} from '../graphql/generated.js';

/** A clock the test moves forward; the domain reads time only through it. */
class TestClock implements Clock {
  private offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
  advanceDays(days: number) {
    this.offsetMs += days * 86_400_000;
  }
}

/**
 * Members of a managed tenant over HTTP: the first admin from tenant:create activates from its link
 * and signs in to an app; administrators create and resend; dead links offer a new one without
 * telling who has an account. (Resets, UserAdministrators, inviting people: member-admins.test.ts.)
 */
describe.each(testDatabases())('members on %s', (kind) => {
  const clock = new TestClock();
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let a: TenantFixture;
  let b: TenantFixture;
  let n = 0;
  const domainOf = (f: TenantFixture) => f.tenant.defaultDomain;
  const address = (f: TenantFixture, local: string) => `${local}${++n}@${domainOf(f)}`;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestGateway(kind, { SMTP_URL: smtp.url }, { clock });
    a = await createTenant(t);
    b = await createTenant(t);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  const created = (f: TenantFixture, local: string, extra: Record<string, unknown> = {}) => createMember(t, smtp, f, local, extra);

  it("activates the CLI's first admin from its link; the admin then signs in to an app", async () => {
    const domain = `fabrikam-${kind}.example`;
    const cli: CreatedTenant = await createManagedTenant(t.gateway.services, t.baseUrl, 'Fabrikam', [domain], {
      email: `Alex@${domain}`,
      displayName: 'Alex Wilber',
    });
    const email = `alex@${domain}`;
    expect(cli.admin).toMatchObject({ email, activationUrl: expect.stringMatching(new RegExp(`^${t.baseUrl}/activate\\?token=`)) });
    const mail = await latestMail(t, smtp, email);
    expect(linkIn(mail.text)).toBe(cli.admin!.activationUrl);
    expect(mail.text).toContain('Hello Alex Wilber,');
    expect(mail.subject).toBe('Activate your Fabrikam account');

    const automation = new GraphQLClient(t, await clientCredentialsToken(t, cli.tenantId, cli.adminClientId, cli.adminClientSecret));
    const before = (await automation.data(MemberDocument, { id: cli.admin!.userId })).user;
    expect(before).toMatchObject({ userType: 'Member', userPrincipalName: email, activationPending: true, roles: ['GlobalAdministrator'] });
    const fixture = {
      tenant: await t.gateway.services.tenants.get(cli.tenantId),
      admin: { client: automation },
    } as unknown as TenantFixture;
    const app = await registerApp(t, fixture, { assignmentRequired: false });

    // Not activated: no password works, and the sign-in rules refuse the account itself.
    const early = await login(new WebClient(), app, { credentials: { email, password: PASSWORD } });
    expect(early.tokens).toBeNull();
    expect(early.page.status).toBe(401);
    const pending = (await t.gateway.services.users.findById(cli.admin!.userId))!;
    await expect(t.gateway.services.access.checkSignIn(pending, null)).rejects.toMatchObject({ code: 'ACCESS_DENIED' });

    const web = new WebClient();
    const weak = await activate(web, cli.admin!.activationUrl, 'password123');
    expect(weak.status).toBe(400);
    expect(text(weak)).toContain('Choose a stronger password');
    const done = await web.submit(weak, '/activate', { password: PASSWORD });
    expect(done.status).toBe(200);
    expect(text(done)).toContain(`You are signed in as ${email}`);
    expect((await automation.data(MemberDocument, { id: cli.admin!.userId })).user.activationPending).toBe(false);
    // Activating signed the admin in, which the tenant's sign-in log records.
    const [signedIn] = (await automation.data(SignInsDocument, { first: 1 })).signIns.nodes;
    expect(signedIn).toMatchObject({ kind: 'Interactive', result: 'Success', userId: cli.admin!.userId, authMethods: ['pwd'] });

    // An administrator completes a second factor first (MFA for administrators is on by default) …
    const enrol = await login(web, app, { prompt: null });
    expect(new URL(enrol.page.url).pathname).toBe('/mfa/enrol');
    // … which is not what this test is about: without it, the activation signed the admin in.
    await automation.data(UpdateSecurityPolicyDocument, { input: { mfaForAdmins: false } });
    const silent = await login(web, app, { prompt: null });
    expect(silent.tokens!.claims()).toMatchObject({ sub: cli.admin!.userId, email, tid: cli.tenantId });
    // And with the password, in another browser.
    const fresh = await login(new WebClient(), app, { credentials: { email, password: PASSWORD } });
    expect(fresh.tokens!.claims()).toMatchObject({ sub: cli.admin!.userId, email });

    // The link worked once.
    const again = await new WebClient().get(cli.admin!.activationUrl);
    expect(again.status).toBe(410);
    expect(text(again)).toContain('This link no longer works');
    expect(again.body).toContain('action="/activate/resend"');
  });

  it("mails the link in the member's language, with its names and groups; admins resend, which kills the previous link", async () => {
    const { createGroup } = await a.admin.client.data(CreateGroupDocument, { input: { displayName: 'Staff' } });
    const { user, email, link } = await created(a, 'greta', {
      givenName: 'Greta',
      familyName: 'Garbo',
      preferredLanguage: 'de',
      groupIds: [createGroup.id],
    });
    expect(user).toMatchObject({
      givenName: 'Greta',
      familyName: 'Garbo',
      preferredLanguage: 'de',
      activationPending: true,
      accountEnabled: true,
      roles: [],
    });
    const mail = await latestMail(t, smtp, email);
    expect(mail.subject).toBe(`Aktivieren Sie Ihr Konto bei ${a.tenant.name}`);
    expect(mail.text).toContain('Hallo greta Person,');
    expect(text(await new WebClient().get(link))).toContain('Konto aktivieren');

    clock.advanceDays(2 / 1440); // past the minute a member waits between links
    await a.admin.client.data(ResendActivationDocument, { userId: user.id });
    const second = linkIn((await latestMail(t, smtp, email)).text);
    expect(second).not.toBe(link);
    expect((await new WebClient().get(link)).status).toBe(410);
    expect((await activate(new WebClient(), second)).status).toBe(200);
    expect(await a.admin.client.errorCode(ResendActivationDocument, { userId: user.id })).toBe('ACTIVATION_NOT_PENDING');
  });

  it('races: one link used twice at once activates once; one address created twice at once exists once', async () => {
    const { link } = await created(a, 'race');
    const one = new WebClient();
    const two = new WebClient();
    const [formOne, formTwo] = [await one.get(link), await two.get(link)];
    const statuses = await Promise.all([
      one.submit(formOne, '/activate', { password: PASSWORD }),
      two.submit(formTwo, '/activate', { password: 'Other-Juniper-Lantern-9' }),
    ]).then((pages) => pages.map((p) => p.status).sort());
    expect(statuses).toEqual([200, 410]);

    const email = address(a, 'twice');
    const results = await Promise.all([1, 2].map(() => a.admin.client.run(CreateUserDocument, { input: { email, displayName: 'Twice' } })));
    expect(results.map((r) => r.errors?.[0]?.extensions?.code ?? 'created').sort()).toEqual(['USER_ALREADY_MEMBER', 'created']);
  });

  it("an activated member redeems another tenant's invitation with its password (a managed partner without federation)", async () => {
    const { user, email, link } = await created(a, 'partner');
    const { inviteUser } = await b.admin.client.data(InviteUserDocument, {
      input: { email, displayName: 'Partner Person', redirectUrl: null },
    });
    // Before activation there is no account to sign in with, and nothing says one is waiting.
    const early = new WebClient();
    const refused = await early.submit(await early.get(inviteUser.inviteRedeemUrl!), '/redeem/accept');
    expect(refused.body).not.toContain('name="password"');
    await activate(new WebClient(), link);
    const web = new WebClient();
    const signIn = await web.submit(await web.get(inviteUser.inviteRedeemUrl!), '/redeem/accept');
    expect(signIn.body).toContain('name="password"');
    const done = await web.submit(signIn, '/redeem/signin', { password: PASSWORD });
    expect(done.status).toBe(303);
    const guest = (await b.admin.client.data(MemberDocument, { id: inviteUser.invitedUser!.id })).user;
    expect(guest).toMatchObject({ userType: 'Guest', mail: email });
    const stored = await t.gateway.services.users.findById(guest.id);
    expect(stored).toMatchObject({ externalUserState: 'Accepted', homeUserId: user.id });
  });

  it("a disabled member's link does not work until it is enabled again", async () => {
    const { user, link } = await created(a, 'paused');
    await a.admin.client.data(SetUserEnabledDocument, { id: user.id, enabled: false });
    expect((await new WebClient().get(link)).status).toBe(410);
    await a.admin.client.data(SetUserEnabledDocument, { id: user.id, enabled: true });
    expect((await activate(new WebClient(), link)).status).toBe(200);
  });

  it('refuses bad input with stable codes', async () => {
    const email = address(a, 'dup');
    await a.admin.client.data(CreateUserDocument, { input: { email, displayName: 'Dup' } });
    const code = (input: Record<string, unknown>) =>
      a.admin.client.errorCode(CreateUserDocument, { input: { displayName: 'X', ...input } as never });
    expect(await code({ email: email.toUpperCase() })).toBe('USER_ALREADY_MEMBER');
    expect(await code({ email: 'not an address' })).toBe('INVALID_EMAIL');
    expect(await code({ email: 'someone@unverified.example' })).toBe('EMAIL_DOMAIN_NOT_VERIFIED');
    expect(await code({ email: address(a, 'lang'), preferredLanguage: 'xx' })).toBe('UNSUPPORTED_LANGUAGE');
    expect(await code({ email: address(a, 'group'), groupIds: ['01a20000-0000-7000-8000-000000000000'] })).toBe('NOT_FOUND');
    expect(await code({ email: address(a, 'name'), givenName: 'x'.repeat(65) })).toBe('BAD_USER_INPUT');
    expect(await a.admin.client.errorCode(ResendActivationDocument, { userId: a.admin.app.id })).toBe('NOT_FOUND');
  });

  it("cross-tenant twins: another tenant's domain, users and links are out of reach", async () => {
    expect(await a.admin.client.errorCode(CreateUserDocument, { input: { email: address(b, 'intruder'), displayName: 'X' } })).toBe(
      'EMAIL_DOMAIN_NOT_VERIFIED',
    );
    const { user } = await created(b, 'bea');
    expect(await a.admin.client.errorCode(ResendActivationDocument, { userId: user.id })).toBe('NOT_FOUND');
    expect(await a.admin.client.errorCode(ResetUserPasswordDocument, { userId: user.id })).toBe('NOT_FOUND');
    expect(await a.admin.client.errorCode(MemberDocument, { id: user.id })).toBe('NOT_FOUND');
    expect((await b.admin.client.data(MemberDocument, { id: user.id })).user).toEqual(user);
  });

  it('an expired link shows the page to ask for a new one; asking never says whether the address has an account', async () => {
    const { email, link } = await created(a, 'late');
    clock.advanceDays(8);
    try {
      const dead = await new WebClient().get(link);
      expect(dead.status).toBe(410);
      const web = new WebClient();
      const form = await web.get(`${t.baseUrl}/activate/resend`);
      const sentBefore = smtp.received.length;
      const nobody = address(a, 'nobody');
      const forUnknown = await web.submit(form, '/activate/resend', { email: nobody });
      await t.gateway.outboxWorker.drain();
      expect(smtp.received.length).toBe(sentBefore);
      const forPending = await web.submit(form, '/activate/resend', { email });
      expect(forPending.status).toBe(forUnknown.status);
      const shown = (page: WebResponse, who: string) =>
        text(page)
          .replace(who, '<address>')
          .replace(/Request id: \S+/, '');
      expect(shown(forPending, email)).toBe(shown(forUnknown, nobody));
      expect(shown(forPending, email)).toContain('If an account at <address> is waiting for activation, a new link is on its way');
      // The link is queued after the answer was written.
      for (let i = 0; i < 50 && !smtp.received.slice(sentBefore).some((m) => m.to.includes(email)); i++) {
        await t.gateway.outboxWorker.drain();
        await new Promise((r) => setTimeout(r, 100));
      }
      const fresh = linkIn((await latestMail(t, smtp, email)).text);
      expect((await activate(new WebClient(), fresh)).status).toBe(200);
    } finally {
      clock.advanceDays(-8);
    }
  });

  it('every new form needs its CSRF token, and asking for links is rate limited per address', async () => {
    const { link } = await created(a, 'csrf');
    const token = new URL(link).searchParams.get('token')!;
    const forged = await new WebClient().post(`${t.baseUrl}/activate`, { token, password: PASSWORD });
    expect(forged.status).toBe(403);
    expect((await new WebClient().get(link)).status).toBe(200); // the forged post spent nothing
    expect((await new WebClient().post(`${t.baseUrl}/activate/resend`, { email: 'x@y.example' })).status).toBe(403);

    const web = new WebClient();
    const form = await web.get(`${t.baseUrl}/activate/resend`);
    const target = address(a, 'flood');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await web.submit(form, '/activate/resend', { email: target })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
