import * as oidc from 'openid-client';
import type { Gateway } from '../../src/app.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { WebClient } from './web-client.js';

/**
 * The three OIDC grants the benchmark and the statement budget drive, the same way: client
 * credentials, refresh with rotation, and the code flow + PKCE for a signed-in browser (authorize →
 * interaction → resume → code → token).
 */
export const GRANT_REDIRECT = 'http://127.0.0.1:9/callback';

/**
 * The SQL statements each grant may issue per request after warm-up, BEGIN and COMMIT included, on
 * each database, checked by test/e2e/oidc-statement-budget.test.ts and printed by bench/oidc.ts. Lower
 * a budget when a change saves statements; raise one only with a reason. PostgreSQL's are lower: a
 * request's writes go in one statement there (src/db/write-batch.ts), one after the other on SQLite.
 */
export const STATEMENT_BUDGETS: Record<'client_credentials' | 'refresh_token' | 'code_flow', Record<'sqlite' | 'postgres', number>> = {
  // Was 3: the app was read for the client lookup and again for its secrets. Was 2: the app and its
  // live secrets were two statements.
  client_credentials: { sqlite: 1, postgres: 1 },
  // Was 19: the app four times, the account three times (findAccount, token claims, sign-in log),
  // the account's groups apart from its assignments. Was 13: whether the person holds a second factor
  // was read when no MFA step was owed. Was 12: the app and its live secrets were two statements. Was
  // 11: the refresh token's grant was read apart from it. Was 10: the account was read apart from the
  // token; on PostgreSQL, the consumed token, the new tokens and the sign-in log entry were four writes.
  // Was 9 / 6: the tenant's policy and whether the account holds a directory role were two statements.
  // Raised 5 -> 6 on PostgreSQL: the consumed token is claimed in a statement of its own, before the
  // others, so that of two requests presenting it only one gets through (adapter.ts, consume).
  // Was 8 / 6: the app's assignments were read apart from the policy and directory role (access-facts.ts).
  refresh_token: { sqlite: 7, postgres: 5 },
  // Was 55, over authorize, resume and token: apps, accounts and the browser's sign-in read again.
  // Was 45: the second-factor read at each of the three access checks, and the interaction and its
  // session loaded again to finish the consent prompt. Was 40: the app and its secrets apart at the token request.
  // Was 39: the code's grant read apart from it. Was 38: the interaction page read the browser's
  // gateway session for the consent prompt, which does not use it. Was 37: the account read apart
  // from the session (at authorize and resume) and from the code; on PostgreSQL, each request's
  // writes one by one. Was 34 / 28: the policy and the account's directory role apart, at authorize,
  // resume and token.
  // resume and token. Raised 25 -> 26 on PostgreSQL: the code is claimed in a statement of its own.
  // Was 31 / 26: the app's assignments apart from the policy and directory role, at authorize, resume
  // and token (access-facts.ts). Was 28 / 23: at resume, the interaction's grant was read apart from it.
  code_flow: { sqlite: 27, postgres: 22 },
};

export interface GrantTarget {
  tenantId: string;
  /** The app's and the member's ids. */
  applicationId: string;
  userId: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Signs a browser in once, so that code flows run without a page. */
  signIn(web: WebClient): Promise<void>;
}

/** A tenant with an app (client credentials with a directory role, no assignment) and a member with a password. */
export async function grantTarget(gateway: Gateway, name = 'Bench'): Promise<GrantTarget> {
  const { services, config } = gateway;
  const domain = `${name.toLowerCase()}.example`;
  const tenant = await services.tenants.create({ name, domains: [domain] });
  const { application, clientSecret } = await services.apps.createAsOperator(
    tenant.id,
    { displayName: `${name} app`, replyUrls: [GRANT_REDIRECT], assignmentRequired: false },
    [DirectoryRole.GuestInviter],
  );
  const member = await services.users.createMember(tenant.id, { displayName: `${name} User`, mail: `user@${domain}` });
  await services.accounts.setPassword(member.id, 'Bench-Password-Long-1');
  return {
    tenantId: tenant.id,
    applicationId: application.id,
    userId: member.id,
    issuer: `${config.publicUrl}/${tenant.id}/v2.0`,
    clientId: application.appId,
    clientSecret,
    signIn: async (web) => {
      const page = await web.get(`${config.publicUrl}/${tenant.id}/myapps`);
      const signedIn = await web.submit(page, `/${tenant.id}/myapps`, { email: `user@${domain}`, password: 'Bench-Password-Long-1' });
      if (signedIn.status !== 303) throw new Error(`sign-in failed: ${signedIn.status}`);
    },
  };
}

export interface Grants {
  clientCredentials(): Promise<oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers>;
  refresh(refreshToken: string): Promise<oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers>;
  codeFlow(web: WebClient, scope?: string): Promise<oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers>;
}

/** `route` rewrites each request's URL (e.g. to one process of several behind the public URL). */
export async function grantsOf(
  target: Pick<GrantTarget, 'issuer' | 'clientId' | 'clientSecret'>,
  route: (url: string) => string = (u) => u,
): Promise<Grants> {
  const config = await oidc.discovery(new URL(target.issuer), target.clientId, undefined, oidc.ClientSecretBasic(target.clientSecret), {
    execute: [oidc.allowInsecureRequests],
    [oidc.customFetch]: (url, options) => fetch(route(url), options as RequestInit),
  });
  return {
    clientCredentials: () => oidc.clientCredentialsGrant(config),
    refresh: (refreshToken) => oidc.refreshTokenGrant(config, refreshToken),
    codeFlow: async (web, scope = 'openid email offline_access') => {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: GRANT_REDIRECT,
        scope,
        prompt: 'consent',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      });
      const landed = await web.follow(await web.get(url.href), (u) => u.startsWith(GRANT_REDIRECT));
      return oidc.authorizationCodeGrant(config, new URL(landed.url), { pkceCodeVerifier: verifier, expectedState: state });
    },
  };
}
