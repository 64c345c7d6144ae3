import * as oidc from 'openid-client';
import { afterAll, beforeAll, expect } from 'vitest';
import { User, UserType } from '../../src/directory/user.entity.js';
import type { DatabaseKind } from './databases.js';
import { createTenant, type TenantFixture } from './fixtures.js';
import { invite, login, type PartnerApp, redeemBySignUp, registerApp } from './partner-flow.js';
import { startSmtpServer, type TestSmtpServer } from './smtp.js';
import { startTestGateway, type TestGateway } from './test-gateway.js';
import { text, WebClient, type WebResponse } from './web-client.js';

export const PASSWORD = 'correct horse battery staple';

export interface AccountPageSuite {
  t: TestGateway;
  smtp: TestSmtpServer;
  contoso: TenantFixture;
  northwind: TenantFixture;
  contosoApp: PartnerApp;
  northwindApp: PartnerApp;
}

/**
 * The account page suites' gateway: two tenants, each with a partner app that openid-client
 * discovers as a relying party would. Call inside a describe; the fields are set in beforeAll.
 */
export function useAccountPageSuite(kind: DatabaseKind) {
  const s = {} as AccountPageSuite;
  let n = 0;
  beforeAll(async () => {
    s.smtp = await startSmtpServer();
    s.t = await startTestGateway(kind, { SMTP_URL: s.smtp.url });
    s.contoso = await createTenant(s.t, 'http', { domains: ['contoso-account.example'] });
    s.northwind = await createTenant(s.t, 'http', { domains: ['northwind-account.example'] });
    s.contosoApp = await registerApp(s.t, s.contoso);
    s.northwindApp = await registerApp(s.t, s.northwind);
  });
  afterAll(async () => {
    await s.t?.stop();
    await s.smtp?.close();
  });

  /** The refresh token's successor, or the error the token endpoint answered. */
  async function refresh(app: PartnerApp, token: string): Promise<{ token: string } | { error: string }> {
    return oidc.refreshTokenGrant(app.config, token).then(
      (tokens) => ({ token: tokens.refresh_token! }),
      (error: { error?: string }) => ({ error: error.error ?? String(error) }),
    );
  }

  /** A self-service account that is a redeemed guest of Contoso and of Northwind, with a refresh token in each. */
  async function guestOfBoth() {
    const email = `partner${++n}.${kind}@fabrikam-account.example`;
    const web = new WebClient();
    const first = await invite(s.contoso, email, s.contosoApp);
    await redeemBySignUp(s.t, s.smtp, web, first.inviteRedeemUrl!, email, PASSWORD);
    const second = await invite(s.northwind, email, s.northwindApp);
    // Signed in already: accepting redeems at once.
    const accepted = await web.submit(await web.get(second.inviteRedeemUrl!), '/redeem/accept');
    expect(accepted.status).toBe(303);
    const inContoso = (await login(web, s.contosoApp)).tokens!;
    const inNorthwind = (await login(web, s.northwindApp)).tokens!;
    const home = await s.t.gateway.db.manager.findOneByOrFail(User, { mail: email, userType: UserType.Member });
    return {
      email,
      web,
      home,
      contosoGuestId: first.invitedUser!.id,
      northwindGuestId: second.invitedUser!.id,
      contosoRefresh: inContoso.refresh_token!,
      northwindRefresh: inNorthwind.refresh_token!,
    };
  }

  const account = (web: WebClient) => web.get(`${s.t.baseUrl}/account`);
  /** A form that succeeded: its redirect back to the page, followed. */
  const afterRedirect = async (web: WebClient, response: WebResponse) => {
    expect(response.status, text(response)).toBe(303);
    return web.follow(response);
  };
  /** A browser signed in on the account page as `email`. */
  const signedIn = async (email: string, password = PASSWORD, headers: Record<string, string> = {}) => {
    const web = new WebClient(undefined, headers);
    await web.follow(await web.submit(await account(web), '/account/signin', { email, password }));
    return web;
  };
  return { s, refresh, guestOfBoth, account, afterRedirect, signedIn };
}
