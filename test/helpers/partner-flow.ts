import * as oidc from 'openid-client';
import { simpleParser } from 'mailparser';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { createTenant, type TenantFixture } from './fixtures.js';
import type { TestSmtpServer } from './smtp.js';
import type { TestGateway } from './test-gateway.js';
import { text, WebClient, type WebResponse } from './web-client.js';
import { CreateApplicationDocument, InviteUserDocument } from '../graphql/generated.js';

export const REPLY_URL = 'https://expenses.partner-app.example/callback';

export interface PartnerApp {
  id: string;
  clientId: string;
  clientSecret: string;
  config: oidc.Configuration;
  replyUrl: string;
}

/** Registers an app in the tenant and discovers it with openid-client, as a real relying party would. */
export async function registerApp(
  t: TestGateway,
  tenant: TenantFixture,
  options: { assignmentRequired?: boolean; replyUrl?: string } = {},
): Promise<PartnerApp> {
  const created = (
    await tenant.admin.client.data(CreateApplicationDocument, {
      input: {
        displayName: 'Partner Expenses',
        replyUrls: [options.replyUrl ?? REPLY_URL],
        homepageUrl: 'https://expenses.partner-app.example/',
        assignmentRequired: options.assignmentRequired ?? true,
      },
    })
  ).createApplication;
  const issuer = new URL(`${t.baseUrl}/${tenant.tenant.id}/v2.0`);
  const config = await oidc.discovery(issuer, created.application.appId, undefined, oidc.ClientSecretBasic(created.clientSecret), {
    execute: [oidc.allowInsecureRequests],
  });
  return {
    id: created.application.id,
    clientId: created.application.appId,
    clientSecret: created.clientSecret,
    config,
    replyUrl: options.replyUrl ?? REPLY_URL,
  };
}

/** The latest message to `address` that the gateway sent, after running its outbox worker. */
export async function latestMail(t: TestGateway, smtp: TestSmtpServer, address: string) {
  await t.gateway.outboxWorker.drain();
  const raw = [...smtp.received].reverse().find((m) => m.to.includes(address));
  if (!raw) throw new Error(`no mail to ${address}`);
  return simpleParser(raw.raw);
}

export async function invite(tenant: TenantFixture, email: string, app: PartnerApp | null, extra: Record<string, unknown> = {}) {
  const { inviteUser } = await tenant.admin.client.data(InviteUserDocument, {
    input: {
      email,
      displayName: (extra.displayName as string) ?? 'Partner Person',
      applicationIds: app ? [app.id] : [],
      redirectUrl: app ? app.replyUrl : null,
      ...extra,
    },
  });
  return inviteUser;
}

/** Opens the link, accepts, and signs up with the code from the second email. Returns the final response. */
export async function redeemBySignUp(
  t: TestGateway,
  smtp: TestSmtpServer,
  web: WebClient,
  link: string,
  email: string,
  password = 'correct horse battery staple',
): Promise<WebResponse> {
  const review = await web.get(link);
  if (review.status !== 200) throw new Error(`review page: ${review.status} ${text(review)}`);
  const codePage = await web.submit(review, '/redeem/accept');
  if (codePage.status !== 200) throw new Error(`accept: ${codePage.status} ${text(codePage)}`);
  const code = /\b(\d{6})\b/.exec((await latestMail(t, smtp, email)).text ?? '')![1]!;
  const profile = await web.submit(codePage, '/redeem/code', { code });
  return web.submit(profile, '/redeem/profile', { displayName: 'Partner Person', password });
}

/** Runs an authorization-code + PKCE login in the browser session `web`; returns the tokens or the error redirect. */
/** `prompt` defaults to consent; null sends none. */
export async function login(
  web: WebClient,
  app: PartnerApp,
  options: {
    prompt?: string | null;
    scope?: string;
    maxAge?: number;
    loginHint?: string;
    credentials?: { email: string; password: string };
    /** The second step after the password, when the page asks for it: a form of /mfa and its code. */
    secondFactor?: { action: '/mfa/totp' | '/mfa/recovery'; code: string };
  } = {},
) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(app.config, {
    redirect_uri: REPLY_URL,
    scope: options.scope ?? 'openid email profile offline_access',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...(options.prompt === null ? {} : { prompt: options.prompt ?? 'consent' }),
    ...(options.maxAge !== undefined ? { max_age: String(options.maxAge) } : {}),
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  });
  let page = await web.follow(await web.get(url.href), (u) => u.startsWith(REPLY_URL));
  if (page.status === 200 && options.credentials && /name="password"/.test(page.body)) {
    const action = /<form method="post" action="([^"]+\/login)"/.exec(page.body)![1]!;
    page = await web.follow(await web.submit(page, action, options.credentials), (u) => u.startsWith(REPLY_URL));
  }
  if (page.status === 200 && options.secondFactor && page.body.includes(`action="${options.secondFactor.action}"`)) {
    const { action, code } = options.secondFactor;
    page = await web.follow(await web.submit(page, action, { code }), (u) => u.startsWith(REPLY_URL));
  }
  if (page.status !== 0) return { page, tokens: null, callback: null };
  const callback = new URL(page.url);
  if (callback.searchParams.has('error')) return { page, tokens: null, callback };
  const tokens = await oidc.authorizationCodeGrant(app.config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  return { page, tokens, callback };
}

export async function managedTenantWithMember(t: TestGateway, domain: string, email: string, password: string): Promise<TenantFixture> {
  const tenant = await createTenant(t, 'http', { domains: [domain] });
  const member = await t.gateway.services.users.createMember(tenant.tenant.id, {
    displayName: 'Bob Member',
    mail: email,
    roles: [] as DirectoryRole[],
  });
  await t.gateway.services.accounts.setPassword(member.id, password);
  return tenant;
}
