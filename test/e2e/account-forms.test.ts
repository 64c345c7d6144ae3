import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { BrowserSession } from '../../src/accounts/browser-session.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { PASSWORD, useAccountPageSuite } from '../helpers/account-page.js';
import { testDatabases } from '../helpers/databases.js';
import { userToken } from '../helpers/members.js';
import { login } from '../helpers/partner-flow.js';
import { GraphQLClient } from '../helpers/test-gateway.js';
import { text, WebClient } from '../helpers/web-client.js';
import { GrantApiAccessDocument, ViewerDocument } from '../graphql/generated.js';

/** The account page's forms over HTTP: password, sign out everywhere, names, budgets, bad input, languages. */
describe.each(testDatabases())('the account page forms (%s)', (kind) => {
  const { s, refresh, guestOfBoth, account, afterRedirect, signedIn } = useAccountPageSuite(kind);
  beforeAll(async () => {
    await s.contoso.admin.client.data(GrantApiAccessDocument, { applicationId: s.contosoApp.id, scopes: ['DirectoryAccessAsUserAll'] });
  });

  /** The guest's API access token at Contoso, once the second it was issued in has passed (`iat` has whole seconds). */
  async function apiClient(email: string, password = PASSWORD): Promise<GraphQLClient> {
    const token = await userToken(s.t, s.contosoApp, email, password);
    await new Promise((r) => setTimeout(r, Math.max(0, (decodeJwt(token).iat! + 1) * 1000 - Date.now())));
    return new GraphQLClient(s.t, token);
  }
  const apiAnswer = async (client: GraphQLClient) => (await client.run(ViewerDocument)).errors?.[0]?.extensions?.code ?? 'OK';

  it('changes the password with the current one; every other sign-in ends, this browser stays', async () => {
    const person = await guestOfBoth();
    const other = await signedIn(person.email);
    const page = await account(person.web);
    // Both browsers are listed; this one is marked as such (the other signed in later, so it comes first).
    const sessions = /<section id="sessions">(.*?)<\/section>/s.exec(page.body)![1]!;
    expect([...sessions.matchAll(/<li( class="current")?>\s*<strong>([^<]+)<\/strong>/g)].map((m) => [Boolean(m[1]), m[2]])).toEqual([
      [false, 'Another browser'],
      [true, 'This browser'],
    ]);
    const api = await apiClient(person.email);
    expect(await apiAnswer(api)).toBe('OK');

    const wrong = await person.web.submit(page, '/account/password', {
      currentPassword: 'not the password at all',
      newPassword: 'Quiet-River-Stone-42',
    });
    expect(wrong.status).toBe(401);
    const weak = await person.web.submit(page, '/account/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(await refresh(s.contosoApp, person.contosoRefresh)).toHaveProperty('token');

    const changed = await afterRedirect(
      person.web,
      await person.web.submit(page, '/account/password', { currentPassword: PASSWORD, newPassword: 'Quiet-River-Stone-42' }),
    );
    expect(changed.body).toContain('id="notice"');
    expect(await s.t.gateway.db.manager.countBy(AuditEvent, { action: AuditAction.ChangeOwnPassword, actorId: person.home.id })).toBe(1);
    expect((await account(other)).body).toContain('action="/account/signin"');
    expect(await refresh(s.northwindApp, person.northwindRefresh)).toEqual({ error: 'invalid_grant' });
    expect(await apiAnswer(api), 'an API access token of before').toBe('UNAUTHENTICATED');
    const again = await login(new WebClient(), s.contosoApp, { credentials: { email: person.email, password: 'Quiet-River-Stone-42' } });
    expect(again.tokens?.refresh_token).toBeTruthy();
  });

  it('signs out everywhere: every browser and every refresh token', async () => {
    const person = await guestOfBoth();
    const other = await signedIn(person.email);
    const api = await apiClient(person.email);
    const out = await person.web.submit(await account(person.web), '/account/signout-everywhere');
    expect(out.status).toBe(200);
    expect(text(out)).toContain('You are signed out everywhere');
    expect((await account(person.web)).body).toContain('action="/account/signin"');
    expect((await account(other)).body).toContain('action="/account/signin"');
    expect(await refresh(s.contosoApp, person.contosoRefresh)).toEqual({ error: 'invalid_grant' });
    expect(await refresh(s.northwindApp, person.northwindRefresh)).toEqual({ error: 'invalid_grant' });
    expect(await s.t.gateway.db.manager.countBy(BrowserSession, { userId: person.home.id })).toBe(0);
    expect(await apiAnswer(api), 'an API access token of before').toBe('UNAUTHENTICATED');
  });

  it('saves the names; refuses an empty display name and a forged form, writing nothing', async () => {
    const person = await guestOfBoth();
    const page = await account(person.web);
    const saved = await afterRedirect(
      person.web,
      await person.web.submit(page, '/account/profile', { displayName: '  Dana Partner ', givenName: 'Dana', familyName: 'Partner' }),
    );
    expect(saved.body).toContain('value="Dana Partner"');
    expect(await s.t.gateway.db.manager.findOneByOrFail(User, { id: person.home.id })).toMatchObject({
      displayName: 'Dana Partner',
      givenName: 'Dana',
      familyName: 'Partner',
    });

    const empty = await person.web.submit(page, '/account/profile', { displayName: '   ', givenName: 'X', familyName: 'Y' });
    expect(empty.status).toBe(400);
    const tooLong = await person.web.submit(page, '/account/profile', { displayName: 'Dana', givenName: 'x'.repeat(65), familyName: '' });
    expect(tooLong.status).toBe(400);
    const forged = await person.web.post(`${s.t.baseUrl}/account/profile`, { displayName: 'Mallory', givenName: '', familyName: '' });
    expect(forged.status).toBe(403);
    expect(await s.t.gateway.db.manager.findOneByOrFail(User, { id: person.home.id })).toMatchObject({
      displayName: 'Dana Partner',
      givenName: 'Dana',
    });
  });

  it('limits password checks per account: the eleventh in the window is refused, even the right one', async () => {
    const person = await guestOfBoth();
    const page = await account(person.web);
    for (let i = 0; i < 10; i++) {
      expect((await person.web.submit(page, '/account/delete', { password: `wrong password ${i}` })).status).toBe(401);
    }
    const limited = await person.web.submit(page, '/account/delete', { password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(await s.t.gateway.db.manager.countBy(User, { id: person.home.id })).toBe(1);
  });

  it('limits forms per account: after 60 in the window the next is refused and writes nothing', async () => {
    const person = await guestOfBoth();
    const page = await account(person.web);
    for (let i = 0; i < 60; i++) {
      expect((await person.web.submit(page, '/account/profile', { displayName: `Name ${i}`, givenName: '', familyName: '' })).status).toBe(
        303,
      );
    }
    const limited = await person.web.submit(page, '/account/profile', { displayName: 'One too many', givenName: '', familyName: '' });
    expect(limited.status).toBe(429);
    expect((await s.t.gateway.db.manager.findOneByOrFail(User, { id: person.home.id })).displayName).toBe('Name 59');
  });

  it('answers malformed requests with a page, never a 500', async () => {
    const person = await guestOfBoth();
    expect((await person.web.get(`${s.t.baseUrl}/account?done=a&done=b`)).status).toBe(400);
    expect((await person.web.get(`${s.t.baseUrl}/account?done=nonsense`)).body).not.toContain('id="notice"');
    const page = await account(person.web);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const huge = await person.web.post(`${s.t.baseUrl}/account/profile`, {
      csrf,
      displayName: 'x'.repeat(20_000),
      givenName: '',
      familyName: '',
    });
    expect(huge.status).toBe(413);
    expect((await person.web.post(`${s.t.baseUrl}/account/leave`, { csrf, guestId: 'not-an-id' })).status).toBe(404);
  });

  it('is there in every language', async () => {
    const person = await guestOfBoth();
    const german = await signedIn(person.email, PASSWORD, { 'accept-language': 'de' });
    const page = await account(german);
    expect(page.body).toContain('<html lang="de">');
    expect(text(page)).toContain('Organisation verlassen');
  });
});
