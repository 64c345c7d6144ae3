import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { invite, latestMail, type PartnerApp, REPLY_URL, registerApp } from '../helpers/partner-flow.js';
import { startRoundRobinProxy } from '../helpers/round-robin-proxy.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { WebClient } from '../helpers/web-client.js';

/**
 * Two gateway processes of one deployment on one database behind a round-robin balancer (no sticky
 * sessions): redemption, login, rate limits and mail behave as one system, and a process can stop in
 * the middle of a login without the login noticing.
 */
describe.each(testDatabases())('two gateway processes on one %s database behind a round-robin proxy', (kind) => {
  let smtp: TestSmtpServer;
  let proxy: Awaited<ReturnType<typeof startRoundRobinProxy>>;
  let first: TestGateway;
  let second: TestGateway;
  let contoso: TenantFixture;
  let app: PartnerApp;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    proxy = await startRoundRobinProxy();
    first = await startTestGateway(kind, { SMTP_URL: smtp.url, PUBLIC_URL: proxy.url });
    second = await startTestGateway(kind, { SMTP_URL: smtp.url }, { shareWith: first });
    proxy.upstreams.push(first.ownUrl, second.ownUrl);
    contoso = await createTenant(first, 'http', { domains: ['contoso.example'] });
    app = await registerApp(first, contoso);
  });
  afterAll(async () => {
    await second.stop();
    await first.stop();
    await proxy.close();
    await smtp.close();
  });

  const pkceLogin = async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(app.config, {
      redirect_uri: REPLY_URL,
      scope: 'openid email',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    return {
      url,
      finish: (callback: string) =>
        oidc.authorizationCodeGrant(app.config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state }),
    };
  };

  it('redeems and logs in through the balancer, served by both processes', async () => {
    const email = 'roundrobin@fabrikam.example';
    const invitation = await invite(contoso, email, app);
    const web = new WebClient();
    const codePage = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
    expect(codePage.status).toBe(200);
    const code = /\b(\d{6})\b/.exec((await latestMail(second, smtp, email)).text!)![1]!;
    const profile = await web.submit(codePage, '/redeem/code', { code });
    const done = await web.submit(profile, '/redeem/profile', { displayName: 'Round Robin', password: 'Maple-Tundra-Echo-42' });
    expect(done.location).toBe(REPLY_URL);
    const flow = await pkceLogin();
    const landed = await web.follow(await web.get(flow.url.href), (u) => u.startsWith(REPLY_URL));
    const tokens = await flow.finish(landed.url);
    expect(tokens.claims()).toMatchObject({ email, tid: contoso.tenant.id, acct: 1 });
    expect(proxy.served.get(first.ownUrl)).toBeGreaterThan(0);
    expect(proxy.served.get(second.ownUrl)).toBeGreaterThan(0);
  });

  it('sends each queued email once with both processes’ workers draining', async () => {
    smtp.received.length = 0;
    for (let i = 0; i < 20; i++) await invite(contoso, `many${i}@fabrikam.example`, app);
    await Promise.all([first.gateway.outboxWorker.drain(), second.gateway.outboxWorker.drain()]);
    const ids = smtp.received.map((m) => m.messageId);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });

  it('shares rate limits: failures counted on one process lock the account on the other', async () => {
    const member = await first.gateway.services.users.createMember(contoso.tenant.id, {
      displayName: 'Limited',
      mail: 'limited@contoso.example',
    });
    await first.gateway.services.accounts.setPassword(member.id, 'Granite-Willow-Sky-7');
    for (let i = 0; i < 10; i++) {
      const gateway = (i % 2 === 0 ? first : second).gateway;
      await expect(gateway.services.accounts.signIn('limited@contoso.example', 'wrong password!', '10.0.0.1')).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
      });
    }
    await expect(
      second.gateway.services.accounts.signIn('limited@contoso.example', 'Granite-Willow-Sky-7', '10.0.0.1'),
    ).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('finishes a login on the other process when one stops in the middle of it', async () => {
    const member = await first.gateway.services.users.createMember(contoso.tenant.id, {
      displayName: 'Midway',
      mail: 'midway@contoso.example',
    });
    await first.gateway.services.accounts.setPassword(member.id, 'Harbor-Quill-Meteor-6');
    await first.gateway.services.assignments.assign(
      {
        tenantId: contoso.tenant.id,
        kind: 'application' as never,
        id: contoso.admin.app.id,
        displayName: 'admin',
        roles: ['GlobalAdministrator' as never],
        scopes: null,
      },
      app.id,
      { type: 'user' as never, id: member.id },
    );
    const web = new WebClient();
    const flow = await pkceLogin();
    const signInPage = await web.follow(await web.get(flow.url.href), (u) => u.startsWith(REPLY_URL));
    expect(signInPage.body).toContain('name="password"');
    await first.close();
    const action = /<form method="post" action="([^"]+\/login)"/.exec(signInPage.body)![1]!;
    const landed = await web.follow(
      await web.submit(signInPage, action, { email: 'midway@contoso.example', password: 'Harbor-Quill-Meteor-6' }),
      (u) => u.startsWith(REPLY_URL),
    );
    expect(landed.url, `${landed.status} ${landed.body.slice(0, 300)}`).toMatch(/code=/);
    const tokens = await flow.finish(landed.url);
    expect(tokens.claims()).toMatchObject({ oid: member.id, acct: 0 });
  });
});
