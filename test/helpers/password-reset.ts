import * as oidc from 'openid-client';
import { afterAll, beforeAll, expect } from 'vitest';
import { User } from '../../src/directory/user.entity.js';
import type { Clock } from '../../src/shared/clock.js';
import type { DatabaseKind } from './databases.js';
import { createTenant, type TenantFixture } from './fixtures.js';
import { invite, latestMail, login, managedTenantWithMember, type PartnerApp, REPLY_URL, registerApp } from './partner-flow.js';
import { startSmtpServer, type TestSmtpServer } from './smtp.js';
import { startTestGateway, type TestGateway } from './test-gateway.js';
import { startUpstreamIdp } from './upstream-idp.js';
import { WebClient, type WebResponse } from './web-client.js';

export class TestClock implements Clock {
  offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
}

export interface ResetWorld {
  clock: TestClock;
  smtp: TestSmtpServer;
  t: TestGateway;
  upstream: Awaited<ReturnType<typeof startUpstreamIdp>>;
  /** Bob's own tenant (he is a member with a password) and another where he redeemed as a guest. */
  home: TenantFixture;
  other: TenantFixture;
  appA: PartnerApp;
  appB: PartnerApp;
  bob: { email: string; password: string; id: string; guestId: string };
  /** The redemption's sign-in page, as Bob saw it. */
  redemptionSignIn: WebResponse;
}

/**
 * A gateway (with a fake clock, SMTP and a partner's upstream provider) where Bob has a home account
 * and a redeemed guest, each with an app: registered in beforeAll, stopped in afterAll.
 */
export function resetWorld(kind: DatabaseKind): ResetWorld {
  const w = {
    clock: new TestClock(),
    bob: { email: 'bob@reset-home.example', password: 'bob-has-a-long-password', id: '', guestId: '' },
  } as ResetWorld;
  beforeAll(async () => {
    w.smtp = await startSmtpServer();
    w.t = await startTestGateway(kind, { SMTP_URL: w.smtp.url }, { clock: w.clock });
    w.upstream = await startUpstreamIdp(`${w.t.baseUrl}/federation/callback`);
    w.home = await managedTenantWithMember(w.t, 'reset-home.example', w.bob.email, w.bob.password);
    w.bob.id = (await w.t.gateway.db.manager.findOneByOrFail(User, { mail: w.bob.email, tenantId: w.home.tenant.id })).id;
    w.other = await createTenant(w.t);
    w.appA = await registerApp(w.t, w.home, { assignmentRequired: false });
    w.appB = await registerApp(w.t, w.other);
    const invitation = await invite(w.other, w.bob.email, w.appB);
    w.bob.guestId = invitation.invitedUser!.id;
    const web = new WebClient();
    w.redemptionSignIn = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
    expect((await web.submit(w.redemptionSignIn, '/redeem/signin', { password: w.bob.password })).location).toBe(REPLY_URL);
  });
  afterAll(async () => {
    await w.t.stop();
    await w.upstream.close();
    await w.smtp.close();
  });
  return w;
}

/** Fresh tokens (with a refresh token) for Bob at both apps, in one browser. */
export async function signInEverywhere(w: ResetWorld, password = w.bob.password) {
  const web = new WebClient();
  const a = (await login(web, w.appA, { credentials: { email: w.bob.email, password } })).tokens!;
  const b = (await login(web, w.appB)).tokens!;
  expect(a.refresh_token && b.refresh_token).toBeTruthy();
  return { web, a, b };
}

/** Whether the app can still refresh with the token (refused: invalid_grant). */
export function refreshes(app: PartnerApp, refreshToken: string): Promise<boolean> {
  return oidc.refreshTokenGrant(app.config, refreshToken).then(
    () => true,
    (error: { error?: string }) => {
      expect(error.error).toBe('invalid_grant');
      return false;
    },
  );
}

/** The code of the reset mail to `address` that arrived after `before` messages (it is queued just after the answer). */
export async function resetCode(w: ResetWorld, address: string, before: number): Promise<string> {
  for (let i = 0; i < 50; i++) {
    if (w.smtp.received.length > before) {
      const mail = await latestMail(w.t, w.smtp, address);
      if (mail.subject === 'Reset your password') return /\b(\d{6})\b/.exec(mail.text ?? '')![1]!;
    }
    await w.t.gateway.outboxWorker.drain();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no reset mail to ${address}`);
}

/** "Forgot your password?" for `email` in the browser `web`. */
export async function forgot(w: ResetWorld, web: WebClient, email: string): Promise<WebResponse> {
  const page = await web.get(`${w.t.baseUrl}/password/forgot`);
  expect(page.status).toBe(200);
  return web.submit(page, '/password/forgot', { email });
}

/** The reset page as the mail's link opens it. */
export function resetPage(w: ResetWorld, web: WebClient, email: string): Promise<WebResponse> {
  return web.get(`${w.t.baseUrl}/password/reset?email=${encodeURIComponent(email)}`);
}
