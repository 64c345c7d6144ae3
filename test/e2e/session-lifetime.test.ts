import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, managedTenantWithMember, type PartnerApp, registerApp } from '../helpers/partner-flow.js';
import { Invitation } from '../../src/invitations/invitation.entity.js';
import { TermsAcceptance } from '../../src/policies/security-policy.entity.js';
import { authorize, type Authorization, redeemAsGuest, setPolicy, signIn, tokensOf } from '../helpers/policy-flow.js';
import { latestSignIn, signIns } from '../helpers/sign-in-log.js';
import { TestClock } from '../helpers/test-clock.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient } from '../helpers/web-client.js';

const MINUTE = 60_000;

/**
 * The session lifetime of a tenant's security policy, apart from the sign-in frequency: a session
 * ends N minutes after the sign-in that began it, however recently the person signed in again within
 * it; the browser then signs in anew (a new session) and refresh tokens of the old one are refused.
 * A guest in two tenants shows that one tenant's lifetime leaves the other's sessions alone.
 */
describe.each(testDatabases())('the session lifetime on %s', (kind) => {
  const clock = new TestClock();
  let t: TestGateway;
  let strict: TenantFixture;
  let lax: TenantFixture;
  let strictApp: PartnerApp;
  let laxApp: PartnerApp;
  let home: TenantFixture;
  const bob = { email: 'bob@lifetime-home.example', password: 'bob-has-a-long-password' };

  const suite = useGatewaySuite(kind, { smtp: true, clock, tenants: [{}, {}, {}] });
  beforeAll(async () => {
    ({
      t,
      tenants: [strict, lax],
    } = suite);
    home = await managedTenantWithMember(t, 'lifetime-home.example', bob.email, bob.password);
    strictApp = await registerApp(t, strict);
    laxApp = await registerApp(t, lax);
    await redeemAsGuest(strict, strictApp, bob, new WebClient());
    await redeemAsGuest(lax, laxApp, bob, new WebClient());
  });

  /** Runs `test` with the strict tenant's lifetime at 60 minutes, putting the policy and the clock back after. */
  async function withLifetime(test: () => Promise<void>) {
    await setPolicy(strict, { sessionLifetimeMinutes: 60 });
    try {
      await test();
    } finally {
      clock.offsetMs = 0;
      await setPolicy(strict, { sessionLifetimeMinutes: null });
    }
  }

  const reachedApp = (at: Authorization) => expect(at.page.status, `${at.page.url}\n${text(at.page)}`).toBe(0);
  const signInPageShown = (at: Authorization) => expect(at.page.body).toMatch(/name="password"/);

  it('ends the browser session and refresh tokens N minutes after the sign-in that began them, not before', async () => {
    await withLifetime(async () => {
      const web = new WebClient();
      const first = await tokensOf(await signIn(web, await authorize(web, strictApp), bob));
      const laxTokens = await tokensOf(await authorize(web, laxApp)); // the same browser session, silently

      clock.advance(30 * MINUTE);
      reachedApp(await authorize(web, strictApp)); // silent sign-in within the lifetime
      const refreshed = await oidc.refreshTokenGrant(strictApp.config, first.refresh_token!);
      // Signing in again within the session (the app asks with prompt=login) does not extend it.
      const again = await authorize(web, strictApp, { prompt: 'login' });
      signInPageShown(again);
      await tokensOf(await signIn(web, again, bob));

      clock.advance(31 * MINUTE); // 61 minutes after the session began, 31 after the last sign-in
      const ended = await authorize(web, strictApp);
      signInPageShown(ended);
      await expect(oidc.refreshTokenGrant(strictApp.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
      expect(await latestSignIn(strict)).toMatchObject({
        kind: 'Refresh',
        result: 'Failure',
        reasonCode: 'SESSION_LIFETIME_ENDED',
        applicationId: strictApp.id,
      });

      // The other tenant has no lifetime: its silent sign-in and refresh tokens go on.
      reachedApp(await authorize(web, laxApp));
      await oidc.refreshTokenGrant(laxApp.config, laxTokens.refresh_token!);
      expect((await signIns(lax)).filter((s) => s.reasonCode === 'SESSION_LIFETIME_ENDED')).toEqual([]);

      // The sign-in the tenant asked for begins a new session, which signs in silently again.
      await tokensOf(await signIn(web, ended, bob));
      reachedApp(await authorize(web, strictApp));
      clock.advance(59 * MINUTE);
      reachedApp(await authorize(web, strictApp));
      clock.advance(2 * MINUTE);
      signInPageShown(await authorize(web, strictApp));
    });
  });

  // The provider stamps a refresh token's first issue (iiat) on the wall clock: these tests begin the
  // session 50 minutes before it (a negative offset), so the late tokens' iiat is the test's now.
  it('ends refresh tokens got by a silent sign-in late in a session with the sign-in behind them', async () => {
    await withLifetime(async () => {
      const web = new WebClient();
      clock.offsetMs = -50 * MINUTE;
      await tokensOf(await signIn(web, await authorize(web, strictApp), bob));
      clock.offsetMs = 0;
      const late = await tokensOf(await authorize(web, strictApp)); // silently, 50 minutes into the session
      clock.offsetMs = 11 * MINUTE;
      // Not an hour from the refresh token's own first issue: the sign-in behind it is 61 minutes old.
      await expect(oidc.refreshTokenGrant(strictApp.config, late.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    });
  });

  it('ends refresh tokens got by signing in again within a session with that session', async () => {
    await withLifetime(async () => {
      const web = new WebClient();
      clock.offsetMs = -50 * MINUTE;
      await tokensOf(await signIn(web, await authorize(web, strictApp), bob));
      clock.offsetMs = 0; // 50 minutes in, the app asks with prompt=login: a sign-in within the session
      const late = await tokensOf(await signIn(web, await authorize(web, strictApp, { prompt: 'login' }), bob));
      clock.offsetMs = 9 * MINUTE;
      const refreshed = await oidc.refreshTokenGrant(strictApp.config, late.refresh_token!);
      clock.offsetMs = 11 * MINUTE; // the session began 61 minutes ago, the sign-in behind the token 11
      signInPageShown(await authorize(web, strictApp));
      await expect(oidc.refreshTokenGrant(strictApp.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    });
  });

  it('holds the tokens of a sign-in made before the lifetime was set to the session behind it', async () => {
    const web = new WebClient();
    clock.offsetMs = -50 * MINUTE;
    try {
      await tokensOf(await signIn(web, await authorize(web, strictApp), bob));
      clock.offsetMs = 0; // no lifetime yet: the app asks with prompt=login 50 minutes in
      const late = await tokensOf(await signIn(web, await authorize(web, strictApp, { prompt: 'login' }), bob));
      await withLifetime(async () => {
        clock.offsetMs = 9 * MINUTE;
        const refreshed = await oidc.refreshTokenGrant(strictApp.config, late.refresh_token!);
        clock.offsetMs = 11 * MINUTE; // the session began 61 minutes ago
        await expect(oidc.refreshTokenGrant(strictApp.config, refreshed.refresh_token!)).rejects.toMatchObject({
          error: 'invalid_grant',
        });
        // Nor does an access token of that session, issued two minutes ago, still answer at userinfo.
        const sub = late.claims()!.sub;
        await expect(oidc.fetchUserInfo(strictApp.config, refreshed.access_token, sub)).rejects.toBeDefined();
      });
    } finally {
      clock.offsetMs = 0;
    }
  });

  it("asks for a new sign-in on the access panel once the session outlived the tenant's lifetime", async () => {
    await withLifetime(async () => {
      const web = new WebClient();
      const panel = (tenant: TenantFixture) => `${t.baseUrl}/${tenant.tenant.id}/myapps`;
      const signedIn = await web.follow(await web.submit(await web.get(panel(strict)), `/${strict.tenant.id}/myapps`, bob));
      expect(text(signedIn)).toContain(`Signed in as ${bob.email}`);
      clock.advance(61 * MINUTE);
      expect(text(await web.get(panel(lax)))).toContain(`Signed in as ${bob.email}`);
      const ended = await web.get(panel(strict));
      expect(ended.body).toMatch(/name="password"/);
      const back = await web.follow(await web.submit(ended, `/${strict.tenant.id}/myapps`, bob));
      expect(text(back)).toContain(`Signed in as ${bob.email}`);
      expect(text(await web.get(panel(strict)))).toContain(`Signed in as ${bob.email}`);
    });
  });

  it("shows a tenant's terms page only within that tenant's session lifetime", async () => {
    await setPolicy(strict, { termsAudience: 'Guests', termsUrl: 'https://lifetime-terms.example/terms', termsVersion: 'v1' });
    try {
      await withLifetime(async () => {
        const web = new WebClient();
        await tokensOf(await signIn(web, await authorize(web, laxApp), bob));
        const terms = `${t.baseUrl}/${strict.tenant.id}/myapps/terms`;
        const open = await web.get(terms);
        expect(open.status, text(open)).toBe(200);
        expect(open.body).toContain('id="accept"');

        // Past the strict tenant's lifetime, a stale browser neither sees nor accepts its terms in Bob's name.
        clock.advance(61 * MINUTE);
        const ended = await web.get(terms);
        expect(ended.location).toBe(`/${strict.tenant.id}/myapps`);
        const posted = await web.submit(open, `/${strict.tenant.id}/myapps/terms`);
        expect(posted.location).toBe(`/${strict.tenant.id}/myapps`);
        expect(await t.gateway.db.manager.countBy(TermsAcceptance, { tenantId: strict.tenant.id })).toBe(0);
      });
    } finally {
      await setPolicy(strict, { termsAudience: 'None' });
    }
  });

  it("a new session begun for one tenant leaves another tenant's ended session ended", async () => {
    // Bob's home tenant holds sessions to 60 minutes, the strict tenant to 30.
    await setPolicy(home, { sessionLifetimeMinutes: 60 });
    await setPolicy(strict, { sessionLifetimeMinutes: 30 });
    try {
      const web = new WebClient();
      await tokensOf(await signIn(web, await authorize(web, laxApp), bob));
      clock.advance(40 * MINUTE);
      // Bob signs in again within his home session (an app asks with prompt=login): after the strict tenant's ended.
      await tokensOf(await signIn(web, await authorize(web, laxApp, { prompt: 'login' }), bob));
      clock.advance(21 * MINUTE);
      const account = () => web.get(`${t.baseUrl}/account`);
      expect((await account()).body).toMatch(/name="password"/); // the home session ended at 60 minutes

      // That sign-in began a new session for the strict tenant, whose panel opens; the home session stays ended.
      const panel = await web.get(`${t.baseUrl}/${strict.tenant.id}/myapps`);
      expect(text(panel)).toContain(`Signed in as ${bob.email}`);
      expect((await account()).body).toMatch(/name="password"/);
    } finally {
      clock.offsetMs = 0;
      await setPolicy(home, { sessionLifetimeMinutes: null });
      await setPolicy(strict, { sessionLifetimeMinutes: null });
    }
  });

  it('redeems an invitation in a browser whose home session ended only after a new sign-in', async () => {
    await setPolicy(home, { sessionLifetimeMinutes: 60 });
    try {
      const web = new WebClient();
      await tokensOf(await signIn(web, await authorize(web, laxApp), bob));
      clock.advance(61 * MINUTE);
      // A third organization invites Bob; whoever holds the stale cookie accepts.
      const third = suite.tenants[2]!;
      const invitation = await invite(third, bob.email, await registerApp(t, third));
      const asked = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
      expect(asked.body).toMatch(/name="password"/);
      expect(await t.gateway.db.manager.findOneByOrFail(Invitation, { id: invitation.id })).toMatchObject({ status: 'PendingAcceptance' });
    } finally {
      clock.offsetMs = 0;
      await setPolicy(home, { sessionLifetimeMinutes: null });
    }
  });

  it("leaves a tenant's sessions alone when another tenant has a lifetime", async () => {
    await setPolicy(lax, { sessionLifetimeMinutes: 60 });
    try {
      const web = new WebClient();
      const tokens = await tokensOf(await signIn(web, await authorize(web, strictApp), bob));
      clock.advance(61 * MINUTE);
      reachedApp(await authorize(web, strictApp));
      await oidc.refreshTokenGrant(strictApp.config, tokens.refresh_token!);
      signInPageShown(await authorize(web, laxApp));
    } finally {
      clock.offsetMs = 0;
      await setPolicy(lax, { sessionLifetimeMinutes: null });
    }
  });
});
