import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { In } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/accounts/browser-session.entity.js';
import { storageId } from '../../src/oidc/adapter.js';
import { OidcPayload } from '../../src/oidc/oidc-payload.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import {
  invite,
  login,
  managedTenantWithMember,
  type PartnerApp,
  REPLY_URL,
  redeemBySignUp,
  registerApp,
} from '../helpers/partner-flow.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient, type WebResponse } from '../helpers/web-client.js';

/**
 * Browser sessions: sign-out ends every sign-in of the browser, a session id planted before sign-in is
 * worth nothing after it, CSRF on the sign-in, sign-out and abort forms, and bad input never a 500.
 */
describe.each(testDatabases())('browser sessions on %s', (kind) => {
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let home: TenantFixture;
  let other: TenantFixture;
  let appA: PartnerApp;
  let appB: PartnerApp;
  const bob = { email: 'bob@bobs-home.example', password: 'bob-has-a-long-password' };

  const suite = useGatewaySuite(kind, { smtp: true });
  beforeAll(async () => {
    ({ smtp, t } = suite);
    // Tenant A is Bob's own (he is a member); in tenant B he is a guest after redeeming with his account.
    home = await managedTenantWithMember(t, 'bobs-home.example', bob.email, bob.password);
    other = await createTenant(t);
    appA = await registerApp(t, home, { assignmentRequired: false });
    appB = await registerApp(t, other);
    await redeemWithPassword(other, appB);
  });

  async function redeemWithPassword(tenant: TenantFixture, app: PartnerApp, web = new WebClient()): Promise<WebClient> {
    const invitation = await invite(tenant, bob.email, app);
    const signIn = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
    const done = await web.submit(signIn, '/redeem/signin', { password: bob.password });
    if (done.location !== REPLY_URL) throw new Error(`redemption: ${done.status} ${text(done)}`);
    return web;
  }

  const myApps = (tenant: TenantFixture = home) => `${t.baseUrl}/${tenant.tenant.id}/myapps`;
  const signedIn = async (web: WebClient) => text(await web.get(myApps())).includes(`Signed in as ${bob.email}`);

  /** The next authorization at each app shows the password page: no code, no silent sign-in. */
  async function expectCredentialsAsked(web: WebClient, apps: PartnerApp[]) {
    for (const app of apps) {
      const next = await login(web, app);
      expect(next.callback, 'a code was issued without credentials').toBeNull();
      expect(next.page.status).toBe(200);
      expect(next.page.body).toContain('name="password"');
      const silent = await login(web, app, { prompt: 'none' });
      expect(silent.callback?.searchParams.get('error')).toBe('login_required');
      expect(silent.callback?.searchParams.get('code')).toBeNull();
    }
  }

  /** The provider sessions this browser holds a cookie for that are still stored. */
  async function storedProviderSessions(web: WebClient): Promise<number> {
    const ids = Object.entries(web.cookies())
      .filter(([name]) => /^_s_[^.]+$/.test(name))
      .map(([, value]) => value);
    expect(ids.length).toBeGreaterThan(0);
    return t.gateway.db.manager.countBy(OidcPayload, { model: 'Session', id: In(ids.map(storageId)) });
  }

  /** The app's sign-in page for a new authorization (an interaction waiting for credentials). */
  async function signInPageOf(web: WebClient, app: PartnerApp): Promise<{ page: WebResponse; base: string }> {
    const { page } = await login(web, app, { prompt: 'login' });
    const base = /<form method="post" action="([^"]+)\/login"/.exec(page.body)![1]!;
    return { page, base };
  }

  describe('signing out', () => {
    it('RP-initiated logout at tenant A signs the browser out of tenant B too', async () => {
      const web = new WebClient();
      const first = await login(web, appA, { credentials: bob });
      expect(first.tokens).not.toBeNull();
      expect((await login(web, appB)).tokens, 'silent sign-in at B').not.toBeNull();

      const logout = oidc.buildEndSessionUrl(appA.config, { id_token_hint: first.tokens!.id_token!, post_logout_redirect_uri: REPLY_URL });
      const confirm = await web.get(logout.href);
      expect(confirm.status).toBe(200);
      const action = /<form[^>]*action="([^"]+)"/.exec(confirm.body)![1]!;
      const out = await web.follow(await web.submit(confirm, action, { logout: 'yes' }), (u) => u.startsWith(REPLY_URL));
      expect(out.url.startsWith(REPLY_URL)).toBe(true);

      expect(await storedProviderSessions(web)).toBe(0);
      expect(await signedIn(web)).toBe(false);
      await expectCredentialsAsked(web, [appB, appA]);
    });

    it("the gateway's own sign-out ends the sign-in at every app, in every tenant", async () => {
      const web = new WebClient();
      expect((await login(web, appB, { credentials: bob })).tokens).not.toBeNull();
      expect((await login(web, appA)).tokens, 'silent sign-in at A').not.toBeNull();

      const panel = await web.get(myApps());
      const out = await web.submit(panel, '/signout');
      expect(out.status).toBe(200);
      expect(text(out)).toContain('You are signed out');

      expect(await storedProviderSessions(web)).toBe(0);
      await expectCredentialsAsked(web, [appA, appB]);
    });

    it("an app's session counts only while the browser is signed in to the gateway as the same person", async () => {
      const web = new WebClient();
      expect((await login(web, appA, { credentials: bob })).tokens).not.toBeNull();
      // The gateway session ends on its own (it expired): the provider session at A does not outlive it.
      // Deleted as the sweep deletes an expired session: 8 h on a fake clock would also expire the provider's
      // stored session (its adapter reads the same clock), which the steps below sign out.
      await t.gateway.db.manager.delete(BrowserSession, { idHash: createHash('sha256').update(web.cookies().gw_session!).digest('hex') });
      await expectCredentialsAsked(web, [appA]);

      // Someone else signs in on this browser: the app gets their sign-in, not Bob's.
      const carol = await t.gateway.services.users.createMember(home.tenant.id, { displayName: 'Carol', mail: 'carol@bobs-home.example' });
      await t.gateway.services.accounts.setPassword(carol.id, 'Lantern-Quartz-Meadow-41');
      await web.follow(
        await web.submit(await web.get(myApps()), `/${home.tenant.id}/myapps`, {
          email: 'carol@bobs-home.example',
          password: 'Lantern-Quartz-Meadow-41',
        }),
      );
      const { page } = await login(web, appA);
      // The provider signs Bob's session out first (its own auto-submitted form), then completes Carol's sign-in.
      const action = /<form method="post" action="([^"]+)"/.exec(page.body)![1]!;
      const callback = await web.follow(await web.submit(page, action), (u) => u.startsWith(REPLY_URL));
      const code = new URL(callback.url).searchParams.get('code')!;
      expect((await t.gateway.db.manager.findOneByOrFail(OidcPayload, { model: 'AuthorizationCode', id: storageId(code) })).accountId).toBe(
        carol.id,
      );
      expect(await signedIn(web), 'Bob is still signed in to the gateway').toBe(false);
      expect(text(await web.get(myApps()))).toContain('Signed in as carol@bobs-home.example');
    });

    it('signing in again after a sign-out works at every app', async () => {
      const web = new WebClient();
      await login(web, appA, { credentials: bob });
      await web.submit(await web.get(myApps()), '/signout');
      expect((await login(web, appB, { credentials: bob })).tokens).not.toBeNull();
      expect((await login(web, appA)).tokens).not.toBeNull();
    });
  });

  describe('session fixation', () => {
    /** An attacker's anonymous session cookie, planted in a new victim browser. */
    async function planted(): Promise<{ attacker: WebClient; victim: WebClient; cookie: string }> {
      const attacker = new WebClient();
      await attacker.get(myApps());
      const cookie = attacker.cookies().gw_session!;
      expect(cookie).toBeDefined();
      const victim = new WebClient();
      victim.plant(t.baseUrl, 'gw_session', cookie);
      return { attacker, victim, cookie };
    }

    async function expectAttackerOut({ attacker, victim, cookie }: { attacker: WebClient; victim: WebClient; cookie: string }) {
      expect(await signedIn(victim)).toBe(true);
      expect(victim.cookies().gw_session).not.toBe(cookie);
      expect(await signedIn(attacker), 'the planted cookie is signed in').toBe(false);
      expect((await login(attacker, appB)).callback, 'the planted cookie gets a code').toBeNull();
    }

    it('gives the browser a new session id when it signs in on the access panel', async () => {
      const fixture = await planted();
      const page = await fixture.victim.get(myApps());
      expect(fixture.victim.cookies().gw_session, 'the planted cookie is used').toBe(fixture.cookie);
      await fixture.victim.follow(await fixture.victim.submit(page, `/${home.tenant.id}/myapps`, bob));
      await expectAttackerOut(fixture);
    });

    it("gives the browser a new session id when it signs in at an app's sign-in page", async () => {
      const fixture = await planted();
      expect((await login(fixture.victim, appA, { credentials: bob })).tokens).not.toBeNull();
      await expectAttackerOut(fixture);
    });

    it('gives the browser a new session id when it signs in to redeem an invitation', async () => {
      const fixture = await planted();
      const third = await createTenant(t);
      await redeemWithPassword(third, await registerApp(t, third), fixture.victim);
      await expectAttackerOut(fixture);
    });

    it('gives the browser a new session id when it signs up to redeem an invitation', async () => {
      const fixture = await planted();
      const email = 'erin@erins-mail.example';
      const invitation = await invite(other, email, appB);
      const done = await redeemBySignUp(t, smtp, fixture.victim, invitation.inviteRedeemUrl!, email, 'Harbor-Velvet-Compass-7');
      expect(done.location).toBe(REPLY_URL);
      expect(fixture.victim.cookies().gw_session).not.toBe(fixture.cookie);
      expect(text(await fixture.victim.get(myApps(other)))).toContain(`Signed in as ${email}`);
      expect(text(await fixture.attacker.get(myApps(other)))).not.toContain('Signed in as');
      expect((await login(fixture.attacker, appB)).callback, 'the planted cookie gets a code').toBeNull();
    });

    it('uses a __Host- cookie with Secure when PUBLIC_URL is https', async () => {
      const secure = await startTestGateway(kind, { PUBLIC_URL: 'https://gateway.example' });
      try {
        const first = await fetch(`${secure.ownUrl}/redeem`, { headers: { host: 'gateway.example' } });
        expect(first.status).toBe(404);
        const [cookie] = first.headers.getSetCookie();
        expect(cookie).toMatch(/^__Host-gw_session=[^;]+; Max-Age=28800; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/);
        // The cookie is read back under that name: no new session on the next request.
        const again = await fetch(`${secure.ownUrl}/redeem`, { headers: { host: 'gateway.example', cookie: cookie!.split(';')[0]! } });
        expect(again.headers.getSetCookie()).toEqual([]);
      } finally {
        await secure.stop();
      }
      const plain = await fetch(`${t.baseUrl}/redeem`);
      expect(plain.headers.getSetCookie()[0]).toMatch(/^gw_session=[^;]+; Max-Age=28800; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    });
  });

  describe('CSRF on the sign-in, sign-out and abort forms', () => {
    it("refuses the app's sign-in form without this browser's token", async () => {
      const web = new WebClient();
      const { page, base } = await signInPageOf(web, appA);
      for (const csrf of [
        undefined,
        'forged',
        (await signInPageOf(new WebClient(), appA)).page.body.match(/name="csrf" value="([^"]+)"/)![1]!,
      ]) {
        const refused = await web.post(`${t.baseUrl}${base}/login`, { ...(csrf ? { csrf } : {}), ...bob });
        expect(refused.status).toBe(403);
        expect(text(refused)).toContain('This form has expired');
        expect(/id="error-code">([A-Z_]+)</.exec(refused.body)?.[1]).toBe('CSRF_TOKEN_INVALID');
        expect(await signedIn(web)).toBe(false);
      }
      const accepted = await web.submit(page, `${base}/login`, bob);
      expect(accepted.status).toBe(303);
      expect(await signedIn(web)).toBe(true);
    });

    it('refuses the sign-out form without this browser’s token', async () => {
      const web = new WebClient();
      await login(web, appA, { credentials: bob });
      for (const csrf of [undefined, 'forged']) {
        const refused = await web.post(`${t.baseUrl}/signout`, csrf ? { csrf } : {});
        expect(refused.status).toBe(403);
        expect(/id="error-code">([A-Z_]+)</.exec(refused.body)?.[1]).toBe('CSRF_TOKEN_INVALID');
        expect(await signedIn(web)).toBe(true);
      }
      await web.submit(await web.get(myApps()), '/signout');
      expect(await signedIn(web)).toBe(false);
    });

    it('refuses the abort form without this browser’s token', async () => {
      const web = new WebClient();
      const { page, base } = await signInPageOf(web, appA);
      const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
      for (const fields of [{}, { csrf: 'forged' }] as Record<string, string>[]) {
        const refused = await web.post(`${t.baseUrl}${base}/abort`, fields);
        expect(refused.status).toBe(403);
        expect(refused.location).toBeNull();
      }
      const aborted = await web.follow(await web.post(`${t.baseUrl}${base}/abort`, { csrf }), (u) => u.startsWith(REPLY_URL));
      expect(new URL(aborted.url).searchParams.get('error')).toBe('access_denied');
    });
  });

  describe('bad input gets a readable answer, never a 500', () => {
    it('answers a repeated query parameter with 400 and a page', async () => {
      const web = new WebClient();
      const page = await web.get(
        `${t.baseUrl}/redeem?tenant=${other.tenant.id}&invitation=00000000-0000-7000-8000-000000000000&ticket=a&ticket=b`,
      );
      expect(page.status).toBe(400);
      expect(text(page)).toContain('ticket');
      const interaction = await web.get(`${t.baseUrl}/${home.tenant.id}/myapps?x=1&x=2`);
      expect(interaction.status).toBe(400);
    });

    it('answers an unknown interaction with a page, on GET and on abort', async () => {
      const web = new WebClient();
      const csrf = /name="csrf" value="([^"]+)"/.exec((await web.get(myApps())).body)![1]!;
      const unknown = `${t.baseUrl}/${home.tenant.id}/interaction/no-such-interaction`;
      for (const response of [
        await web.get(unknown),
        await web.post(`${unknown}/abort`, { csrf }),
        await web.post(`${unknown}/login`, { csrf, ...bob }),
      ]) {
        expect(response.status).toBe(400);
        expect(text(response)).toContain('This sign-in has expired');
      }
      const noTenant = `${t.baseUrl}/00000000-0000-7000-8000-000000000000/interaction/x`;
      expect((await web.post(`${noTenant}/abort`, { csrf })).status).toBe(404);
      expect((await web.post(`${noTenant}/login`, { csrf, ...bob })).status).toBe(404);
    });

    it('answers a JSON body over 1 MB with 413 and malformed JSON with 400', async () => {
      const big = JSON.stringify({ query: '{ viewer { id } }', variables: { pad: 'x'.repeat(1024 * 1024) } });
      const tooLarge = await fetch(`${t.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      expect(tooLarge.status).toBe(413);
      expect(await tooLarge.json()).toMatchObject({
        errors: [{ message: expect.stringContaining('1mb'), extensions: { code: 'QUERY_TOO_LARGE', requestId: expect.any(String) } }],
      });
      const malformed = await fetch(`${t.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":',
      });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
      const web = new WebClient();
      const csrf = /name="csrf" value="([^"]+)"/.exec((await web.get(myApps())).body)![1]!;
      const bigForm = await web.post(myApps(), { csrf, email: 'x'.repeat(20_000), password: 'x' });
      expect(bigForm.status).toBe(413);
      expect(text(bigForm)).toContain('too large');
    });

    it('answers an address no route serves with a readable 404 page in the reader’s language', async () => {
      const unknown = await new WebClient().get(`${t.baseUrl}/no-such-page`);
      expect(unknown.status).toBe(404);
      expect(text(unknown)).toContain('Page not found');
      expect(unknown.body).not.toContain('Cannot GET');
      // A step of the redemption flow opened again from the address bar (its form posts; there is no GET).
      const step = await new WebClient(undefined, { 'accept-language': 'de-DE,de;q=0.9' }).get(`${t.baseUrl}/redeem/accept`);
      expect(step.status).toBe(404);
      expect(text(step)).toContain('Seite nicht gefunden');
      expect(step.body).toContain('<html lang="de">');
    });

    it('answers 429 on the access panel when the sign-in rate limit applies', async () => {
      const web = new WebClient();
      let page = await web.get(myApps());
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        page = await web.submit(page, `/${home.tenant.id}/myapps`, { email: 'mallory@bobs-home.example', password: 'not-the-password' });
        statuses.push(page.status);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses[10]).toBe(429);
      expect(text(page)).toContain('Too many attempts');
    });

    it("gives the provider's own pages the pages' strict CSP", async () => {
      const csp = (r: Response) => r.headers.get('content-security-policy') ?? '';
      const strict = (policy: string) => {
        expect(policy).toContain("default-src 'self'");
        expect(policy).toMatch(/script-src 'self'(;| 'sha256-)/);
        expect(policy).toContain("style-src 'self'");
        expect(policy).toContain("frame-ancestors 'self'");
      };
      const error = await fetch(`${t.baseUrl}/${home.tenant.id}/v2.0/auth?client_id=unknown&response_type=code&scope=openid`);
      expect(error.status).toBe(400);
      expect(await error.text()).toContain('Sign-in error');
      strict(csp(error));

      const web = new WebClient();
      const first = await login(web, appA, { credentials: bob });
      const logout = await fetch(oidc.buildEndSessionUrl(appA.config, { id_token_hint: first.tokens!.id_token! }), {
        headers: { cookie: cookieHeader(web) },
      });
      expect(await logout.text()).toContain('Do you want to sign out?');
      strict(csp(logout));

      // form_post carries an inline script; the provider adds its hash to the policy, so it still runs.
      const url = oidc.buildAuthorizationUrl(appA.config, {
        redirect_uri: REPLY_URL,
        scope: 'openid',
        response_mode: 'form_post',
        nonce: 'n',
        state: 's',
      });
      const posted = await fetch(url, { headers: { cookie: cookieHeader(web) }, redirect: 'manual' });
      const body = await posted.text();
      expect(body).toContain(`action="${REPLY_URL}"`);
      strict(csp(posted));
      const script = /<script>([\s\S]*?)<\/script>/.exec(body)![1]!;
      expect(csp(posted)).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);

      const success = await fetch(`${t.baseUrl}/${home.tenant.id}/v2.0/session/end/success`);
      expect(success.status).toBe(200);
      strict(csp(success));
      expect(await success.text()).not.toMatch(/<style|style=/);
    });

    it("renders the provider's own pages in the browser's language, in the pages' layout", async () => {
      const german = { 'accept-language': 'de-DE,de;q=0.9' };
      const error = await fetch(`${t.baseUrl}/${home.tenant.id}/v2.0/auth?client_id=unknown&response_type=code&scope=openid`, {
        headers: german,
      });
      expect(error.status).toBe(400);
      const errorBody = await error.text();
      expect(errorBody).toContain('<html lang="de">');
      expect(errorBody).toContain('<h1>Fehler bei der Anmeldung</h1>');
      expect(errorBody).toContain(`Request id: ${error.headers.get('x-request-id')}`);

      const web = new WebClient();
      const first = await login(web, appA, { credentials: bob });
      const logout = await fetch(oidc.buildEndSessionUrl(appA.config, { id_token_hint: first.tokens!.id_token! }), {
        headers: { ...german, cookie: cookieHeader(web) },
      });
      const logoutBody = await logout.text();
      expect(logoutBody).toContain('Möchten Sie sich abmelden?');
      expect(logoutBody).toMatch(/<form[^>]*id="op.logoutForm"/);
      expect(logoutBody).toContain('form="op.logoutForm" name="logout" value="yes" id="logout">Abmelden</button>');

      const success = await fetch(`${t.baseUrl}/${home.tenant.id}/v2.0/session/end/success`, { headers: { 'accept-language': 'ja' } });
      expect(await success.text()).toContain('サインアウトしました。');
    });
  });

  function cookieHeader(web: WebClient): string {
    return Object.entries(web.cookies())
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }
});
