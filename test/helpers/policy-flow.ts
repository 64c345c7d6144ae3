import * as oidc from 'openid-client';
import { expect } from 'vitest';
import { withAmr } from '../../src/shared/amr.js';
import { UpdateSecurityPolicyDocument } from '../graphql/generated.js';
import type { UpdateSecurityPolicyInput } from '../graphql/generated.js';
import type { TenantFixture } from './fixtures.js';
import { invite, type PartnerApp, REPLY_URL } from './partner-flow.js';
import type { TestGateway } from './test-gateway.js';
import { text, type WebClient, type WebResponse } from './web-client.js';

/** An authorization request started in `web` (code flow, PKCE), followed until a page or the app's callback. */
export async function authorize(web: WebClient, app: PartnerApp, params: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(app.config, {
    redirect_uri: REPLY_URL,
    scope: 'openid email profile offline_access',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    prompt: 'consent',
    ...params,
  });
  const page = await web.follow(await web.get(url.href), (u) => u.startsWith(REPLY_URL));
  return { page, checks: { pkceCodeVerifier: verifier, expectedState: state }, app };
}

export type Authorization = Awaited<ReturnType<typeof authorize>>;

/** Submits the sign-in page of an authorization and follows on. */
export async function signIn(web: WebClient, at: Authorization, credentials: { email: string; password: string }): Promise<Authorization> {
  const action = /<form method="post" action="([^"]+\/login)"/.exec(at.page.body)?.[1];
  if (!action) throw new Error(`no sign-in page: ${at.page.status} ${at.page.url}`);
  return { ...at, page: await web.follow(await web.submit(at.page, action, credentials), (u) => u.startsWith(REPLY_URL)) };
}

/** Follows `url` (a step's return path) in the same authorization. */
export async function resume(web: WebClient, at: Authorization, url: string): Promise<Authorization> {
  return { ...at, page: await web.follow(await web.get(url), (u) => u.startsWith(REPLY_URL)) };
}

/** The tokens at the app's callback (the authorization must have reached it). */
export async function tokensOf(at: Authorization) {
  expect(at.page.status, `${at.page.url}`).toBe(0);
  return oidc.authorizationCodeGrant(at.app.config, new URL(at.page.url), at.checks);
}

/** The path a step redirect asks to come back to, when the page reached is `/mfa...?return=`. */
export function stepReturn(page: WebResponse, step: '/mfa' | '/mfa/enrol'): string {
  const url = new URL(page.url);
  expect(url.pathname).toBe(step);
  return url.searchParams.get('return')!;
}

/**
 * Stands in for the second-factor pages of src/mfa (another branch): what `/mfa` does once a code is
 * right (BrowserContext.completeSecondFactor: `otp` + `mfa`, `mfaAt` now), through the session service.
 */
export async function completeSecondFactorStandIn(t: TestGateway, web: WebClient): Promise<void> {
  const open = await t.gateway.services.sessions.find(web.cookies().gw_session);
  if (!open) throw new Error('no browser session');
  await t.gateway.services.sessions.update(open, { amr: withAmr(open.session.amr, 'otp', 'mfa'), mfaAt: new Date() });
}

export async function setPolicy(tenant: TenantFixture, input: UpdateSecurityPolicyInput) {
  return (await tenant.admin.client.data(UpdateSecurityPolicyDocument, { input })).updateSecurityPolicy;
}

/** The claims of an ID token (already verified by openid-client). */
export function idClaims(tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers) {
  return tokens.claims()!;
}

/** Invites `person` into `tenant` for `app` and redeems it in a fresh browser with the person's password. */
export async function redeemAsGuest(tenant: TenantFixture, app: PartnerApp, person: { email: string; password: string }, web: WebClient) {
  const invitation = await invite(tenant, person.email, app);
  const signInPage = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
  const done = await web.submit(signInPage, '/redeem/signin', { password: person.password });
  if (done.location !== REPLY_URL) throw new Error(`redemption: ${done.status} ${text(done)}`);
}

/**
 * Where a sign-in stopped at the second-factor pages (an administrator under the default policy),
 * completes the factor (stand-in) and follows on to the app; any other page is returned as it is.
 */
export async function throughSecondFactor(t: TestGateway, web: WebClient, page: WebResponse): Promise<WebResponse> {
  if (page.status === 0) return page;
  const url = new URL(page.url);
  if (url.pathname !== '/mfa' && url.pathname !== '/mfa/enrol') return page;
  await completeSecondFactorStandIn(t, web);
  return web.follow(await web.get(new URL(url.searchParams.get('return')!, url).href), (u) => u.startsWith(REPLY_URL));
}
