import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './helpers/databases.js';
import { createTenant, type TenantFixture } from './helpers/fixtures.js';
import { invite, latestMail, type PartnerApp, REPLY_URL, registerApp } from './helpers/partner-flow.js';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';
import { WebClient } from './helpers/web-client.js';

/**
 * Two gateway processes of one deployment on one database, behind one public URL: a browser whose
 * requests alternate between them (a round-robin balancer, no sticky sessions) redeems and logs in.
 */
describe.each(testDatabases())('two gateway processes on one %s database', (kind) => {
  let smtp: TestSmtpServer;
  let first: TestGateway;
  let second: TestGateway;
  let contoso: TenantFixture;
  let app: PartnerApp;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    first = await startTestGateway(kind, { SMTP_URL: smtp.url });
    second = await startTestGateway(kind, { SMTP_URL: smtp.url }, { shareWith: first });
    contoso = await createTenant(first, 'http', { domains: ['contoso.example'] });
    app = await registerApp(first, contoso);
  });
  afterAll(async () => {
    await second.stop();
    await first.stop();
    await smtp.close();
  });

  it('redeems and logs in with every request going to the other process than the one before', async () => {
    let turn = 0;
    const seen = new Set<string>();
    const web = new WebClient((url) => {
      if (!url.startsWith(first.baseUrl)) return url;
      const target = (turn++ % 2 === 0 ? first : second).ownUrl;
      seen.add(target);
      return target + url.slice(first.baseUrl.length);
    });
    const email = 'roundrobin@fabrikam.example';
    const invitation = await invite(contoso, email, app);
    const review = await web.get(invitation.inviteRedeemUrl!);
    const codePage = await web.submit(review, '/redeem/accept');
    expect(codePage.status, codePage.body).toBe(200);
    const code = /\b(\d{6})\b/.exec((await latestMail(first, smtp, email)).text!)![1]!;
    const profile = await web.submit(codePage, '/redeem/code', { code });
    const done = await web.submit(profile, '/redeem/profile', { displayName: 'Round Robin', password: 'Maple-Tundra-Echo-42' });
    expect(done.location).toBe(REPLY_URL);

    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(app.config, {
      redirect_uri: REPLY_URL, scope: 'openid email', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state,
    });
    const landed = await web.follow(await web.get(url.href), (u) => u.startsWith(REPLY_URL));
    expect(seen.size).toBe(2);
    const tokens = await oidc.authorizationCodeGrant(app.config, new URL(landed.url), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()).toMatchObject({ email, tid: contoso.tenant.id, acct: 1 });
  });

  it('shares rate limits: failures counted on one process lock the account on the other', async () => {
    const member = await first.gateway.services.users.createMember(contoso.tenant.id, { displayName: 'Limited', mail: 'limited@contoso.example' });
    await first.gateway.services.accounts.setPassword(member.id, 'Granite-Willow-Sky-7');
    for (let i = 0; i < 10; i++) {
      const gateway = (i % 2 === 0 ? first : second).gateway;
      await expect(gateway.services.accounts.signIn('limited@contoso.example', 'wrong password!', '10.0.0.1')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    await expect(second.gateway.services.accounts.signIn('limited@contoso.example', 'Granite-Willow-Sky-7', '10.0.0.1')).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });
});
