import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { ACR_1FA, ACR_MFA } from '../../src/policies/acr.js';
import { testDatabases } from '../helpers/databases.js';
import { totpCode } from '../helpers/mfa.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { managedTenantWithMember, type PartnerApp, registerApp } from '../helpers/partner-flow.js';
import {
  authorize,
  completeSecondFactorStandIn,
  idClaims,
  redeemAsGuest,
  resume,
  setPolicy,
  signIn,
  stepReturn,
  tokensOf,
} from '../helpers/policy-flow.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient } from '../helpers/web-client.js';

/**
 * Security policies at sign-in: MFA for administrators by default (enrolment offered), for guests of
 * one tenant only, a guest's MFA from another tenant's sign-in counted only where trusted, step-up
 * with acr_values, refresh tokens refused once MFA becomes required, and the claims that say how the
 * person signed in (amr, acr). The second-factor pages belong to src/mfa; a stand-in completes them.
 */
describe.each(testDatabases())('security policies at sign-in on %s', (kind) => {
  let t: TestGateway;
  let home: TenantFixture;
  let homeApp: PartnerApp;
  const bob = { email: 'bob@policy-home.example', password: 'bob-has-a-long-password' };
  const ada = { email: 'ada@policy-home.example', password: 'ada-has-a-long-password' };

  const suite = useGatewaySuite(kind, { smtp: true });
  beforeAll(async () => {
    ({ t } = suite);
    home = await managedTenantWithMember(t, 'policy-home.example', bob.email, bob.password);
    const admin = await t.gateway.services.users.createMember(home.tenant.id, {
      displayName: 'Ada Admin',
      mail: ada.email,
      roles: [DirectoryRole.GlobalAdministrator],
    });
    await t.gateway.services.accounts.setPassword(admin.id, ada.password);
    homeApp = await registerApp(t, home, { assignmentRequired: false });
  });

  it('sends an administrator without a second factor to enrol, then says MFA in amr and acr', async () => {
    const web = new WebClient();
    const at = await signIn(web, await authorize(web, homeApp), ada);
    const back = stepReturn(at.page, '/mfa/enrol');
    expect(back).toMatch(new RegExp(`^/${home.tenant.id}/interaction/[\\w-]+$`));
    await completeSecondFactorStandIn(t, web);
    const claims = idClaims(await tokensOf(await resume(web, at, `${t.baseUrl}${back}`)));
    expect(claims.acr).toBe(ACR_MFA);
    expect(claims.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(claims.auth_time).toEqual(expect.any(Number));
  });

  it('an administrator enrols an authenticator app on the real enrolment page and gets amr otp + mfa', async () => {
    const carol = { email: 'carol@policy-home.example', password: 'Quiet-Harbour-Lantern-9' };
    const admin = await t.gateway.services.users.createMember(home.tenant.id, {
      displayName: 'Carol Admin',
      mail: carol.email,
      roles: [DirectoryRole.UserAdministrator],
    });
    await t.gateway.services.accounts.setPassword(admin.id, carol.password);
    const web = new WebClient();
    const at = await signIn(web, await authorize(web, homeApp), carol);
    const back = stepReturn(at.page, '/mfa/enrol');
    expect(at.page.status, text(at.page)).toBe(200);
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(at.page.body)![1]!;
    await web.submit(at.page, '/mfa/enrol', { code: totpCode(secret, new Date()), label: 'Phone' });
    const claims = idClaims(await tokensOf(await resume(web, at, `${t.baseUrl}${back}`)));
    expect(claims).toMatchObject({ acr: ACR_MFA });
    expect(claims.amr).toEqual(expect.arrayContaining(['pwd', 'otp', 'mfa']));
  });

  it('lets a member in with a password (acr 1fa), and steps up when the app asks for MFA with acr_values', async () => {
    expect(homeApp.config.serverMetadata().acr_values_supported).toEqual([ACR_1FA, ACR_MFA]);
    const web = new WebClient();
    const plain = idClaims(await tokensOf(await signIn(web, await authorize(web, homeApp), bob)));
    expect(plain).toMatchObject({ acr: ACR_1FA, amr: ['pwd'] });
    // The same browser, already signed in: the app asks for MFA.
    const stepUp = await authorize(web, homeApp, { acr_values: ACR_MFA });
    const back = stepReturn(stepUp.page, '/mfa/enrol');
    await completeSecondFactorStandIn(t, web);
    expect(idClaims(await tokensOf(await resume(web, stepUp, `${t.baseUrl}${back}`)))).toMatchObject({ acr: ACR_MFA });
    // Without acr_values the same sign-in needs nothing more.
    expect(idClaims(await tokensOf(await authorize(web, homeApp))).acr).toBe(ACR_MFA);
  });

  it('steps up when the app asks for MFA with an acr claim in the claims parameter, silently or not', async () => {
    const web = new WebClient();
    expect(idClaims(await tokensOf(await signIn(web, await authorize(web, homeApp), bob))).acr).toBe(ACR_1FA);
    const claims = JSON.stringify({ id_token: { acr: { essential: true, value: ACR_MFA } } });
    const silent = await authorize(web, homeApp, { claims, prompt: 'none' });
    expect(new URL(silent.page.url).searchParams.get('error')).toBe('interaction_required');
    stepReturn((await authorize(web, homeApp, { claims })).page, '/mfa/enrol');
  });

  it('refuses refresh and userinfo once the policy requires MFA the sign-in did not have', async () => {
    const web = new WebClient();
    const tokens = await tokensOf(await signIn(web, await authorize(web, homeApp), bob));
    const refreshed = await oidc.refreshTokenGrant(homeApp.config, tokens.refresh_token!);
    await setPolicy(home, { mfaForMembers: true });
    try {
      await expect(oidc.refreshTokenGrant(homeApp.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
      await expect(oidc.fetchUserInfo(homeApp.config, refreshed.access_token, oidc.skipSubjectCheck)).rejects.toBeTruthy();
      expect((await oidc.tokenIntrospection(homeApp.config, refreshed.access_token)).active).toBe(false);
      // The browser's next sign-in asks for the second factor instead.
      stepReturn((await authorize(web, homeApp)).page, '/mfa/enrol');
    } finally {
      await setPolicy(home, { mfaForMembers: false });
    }
  });

  it('sends an administrator on the access panel to enrol, and lists the apps once MFA is done', async () => {
    const web = new WebClient();
    const panel = `${t.baseUrl}/${home.tenant.id}/myapps`;
    const signedIn = await web.submit(await web.get(panel), `/${home.tenant.id}/myapps`, ada);
    const page = await web.follow(signedIn);
    expect(stepReturn(page, '/mfa/enrol')).toMatch(new RegExp(`^/${home.tenant.id}/myapps\\?since=`));
    await completeSecondFactorStandIn(t, web);
    expect(text(await web.get(panel))).toContain('Signed in as ada@policy-home.example');
  });

  describe('a guest in two tenants', () => {
    let strict: TenantFixture;
    let lax: TenantFixture;
    let strictApp: PartnerApp;
    let laxApp: PartnerApp;
    beforeAll(async () => {
      strict = await createTenant(t);
      lax = await createTenant(t);
      strictApp = await registerApp(t, strict);
      laxApp = await registerApp(t, lax);
      await redeemAsGuest(strict, strictApp, bob, new WebClient());
      await redeemAsGuest(lax, laxApp, bob, new WebClient());
      await setPolicy(strict, { mfaForGuests: true });
    });

    it('is asked for MFA in the tenant that requires it only', async () => {
      const web = new WebClient();
      expect(idClaims(await tokensOf(await signIn(web, await authorize(web, laxApp), bob))).acr).toBe(ACR_1FA);
      const at = await authorize(web, strictApp);
      const back = stepReturn(at.page, '/mfa/enrol');
      await completeSecondFactorStandIn(t, web);
      expect(idClaims(await tokensOf(await resume(web, at, `${t.baseUrl}${back}`))).acr).toBe(ACR_MFA);
    });

    it("counts MFA done for another tenant's sign-in only when the tenant trusts MFA done elsewhere", async () => {
      const web = new WebClient();
      const laxSignIn = await signIn(web, await authorize(web, laxApp), bob);
      await completeSecondFactorStandIn(t, web);
      await tokensOf(laxSignIn);
      await new Promise((resolve) => setTimeout(resolve, 1100)); // the next sign-in begins in a later second
      stepReturn((await authorize(web, strictApp)).page, '/mfa/enrol');
      await setPolicy(strict, { trustPartnerMfa: true });
      try {
        expect(idClaims(await tokensOf(await authorize(web, strictApp))).acr).toBe(ACR_MFA);
      } finally {
        await setPolicy(strict, { trustPartnerMfa: false });
      }
    });

    it("asks for MFA on the access panel when the guest's MFA was done elsewhere, unless trusted", async () => {
      const web = new WebClient();
      const panel = (tenant: TenantFixture) => `${t.baseUrl}/${tenant.tenant.id}/myapps`;
      const laxPanel = await web.follow(await web.submit(await web.get(panel(lax)), `/${lax.tenant.id}/myapps`, bob));
      expect(text(laxPanel)).toContain(`Signed in as ${bob.email}`);
      await completeSecondFactorStandIn(t, web); // MFA done outside the strict tenant's sign-in
      const back = stepReturn(await web.follow(await web.get(panel(strict))), '/mfa/enrol');
      expect(back.startsWith(`/${strict.tenant.id}/myapps?`)).toBe(true);
      await completeSecondFactorStandIn(t, web);
      expect(text(await web.get(`${t.baseUrl}${back}`))).toContain(`Signed in as ${bob.email}`);
      await setPolicy(strict, { trustPartnerMfa: true });
      try {
        expect(text(await web.get(panel(strict)))).toContain(`Signed in as ${bob.email}`);
      } finally {
        await setPolicy(strict, { trustPartnerMfa: false });
      }
    });
  });
});
