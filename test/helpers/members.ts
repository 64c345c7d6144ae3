import * as oidc from 'openid-client';
import { expect } from 'vitest';
import { CreateUserDocument } from '../graphql/generated.js';
import type { TenantFixture } from './fixtures.js';
import { latestMail, type PartnerApp, REPLY_URL } from './partner-flow.js';
import type { TestSmtpServer } from './smtp.js';
import type { TestGateway } from './test-gateway.js';
import { throughSecondFactor } from './policy-flow.js';
import { WebClient, type WebResponse } from './web-client.js';

export const PASSWORD = 'Juniper-Lantern-Orbit-7';

/** The activation link in a mail's text. */
export const linkIn = (mailText: string | undefined) => /(https?:\/\/\S+\/activate\?token=[\w-]+)/.exec(mailText ?? '')![1]!;

/** Opens an activation link in `web` and submits a password. */
export async function activate(web: WebClient, link: string, password = PASSWORD): Promise<WebResponse> {
  const form = await web.get(link);
  expect(form.status).toBe(200);
  return web.submit(form, '/activate', { password });
}

let n = 0;

/** A fresh address on the tenant's default domain. */
export function memberAddress(f: TenantFixture, local: string): string {
  return `${local}${++n}${Math.random().toString(36).slice(2, 5)}@${f.tenant.defaultDomain}`;
}

/** Creates a member over GraphQL as the tenant's admin app; returns it with its address and mailed link. */
export async function createMember(
  t: TestGateway,
  smtp: TestSmtpServer,
  f: TenantFixture,
  local: string,
  extra: Record<string, unknown> = {},
) {
  const email = memberAddress(f, local);
  const { createUser } = await f.admin.client.data(CreateUserDocument, { input: { email, displayName: `${local} Person`, ...extra } });
  return { user: createUser, email, link: linkIn((await latestMail(t, smtp, email)).text) };
}

/** The code flow of an admin frontend with the API as resource: the person's own API token. */
export async function userToken(t: TestGateway, app: PartnerApp, email: string, password: string): Promise<string> {
  const api = `${t.baseUrl}/graphql`;
  const web = new WebClient();
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(app.config, {
    redirect_uri: REPLY_URL,
    scope: 'openid Directory.AccessAsUser.All',
    resource: api,
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const page = await web.follow(await web.get(url.href), (u) => u.startsWith(REPLY_URL));
  const action = /<form method="post" action="([^"]+\/login)"/.exec(page.body)![1]!;
  // An administrator completes a second factor first (MFA for administrators is on by default).
  const back = await throughSecondFactor(
    t,
    web,
    await web.follow(await web.submit(page, action, { email, password }), (u) => u.startsWith(REPLY_URL)),
  );
  const tokens = await oidc.authorizationCodeGrant(
    app.config,
    new URL(back.url),
    { pkceCodeVerifier: verifier, expectedState: state },
    { resource: api },
  );
  return tokens.access_token;
}
