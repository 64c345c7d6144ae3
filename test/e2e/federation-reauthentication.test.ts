import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, login, type PartnerApp, REPLY_URL } from '../helpers/partner-flow.js';
import { setPolicy } from '../helpers/policy-flow.js';
import { TestClock } from '../helpers/test-clock.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { startUpstreamIdp } from '../helpers/upstream-idp.js';
import { text, WebClient } from '../helpers/web-client.js';
import { RegisterIdentityProviderDocument } from '../graphql/generated.js';

/**
 * A sign-in the gateway asks for again is asked of the partner again: prompt=login and max_age=0
 * go upstream and the partner's `auth_time` must be fresh; and the partner's own single sign-on
 * counts from when the partner signed the person in (its `auth_time`), not from now.
 */
describe.each(testDatabases())('signing in again through a partner provider on %s', (kind) => {
  const clock = new TestClock();
  let t: TestGateway;
  let upstream: Awaited<ReturnType<typeof startUpstreamIdp>>;
  let contoso: TenantFixture;
  let app: PartnerApp;
  let n = 0;
  const suite = useGatewaySuite(kind, {
    smtp: true,
    clock,
    tenants: [{ domains: ['contoso-reauth.example'] }, { domains: ['fabrikam-reauth.example'] }],
    app: true,
  });
  beforeAll(async () => {
    ({ t, app } = suite);
    contoso = suite.tenants[0]!;
    upstream = await startUpstreamIdp(`${t.baseUrl}/federation/callback`);
    await suite.tenants[1]!.admin.client.data(RegisterIdentityProviderDocument, {
      input: { issuer: upstream.issuer, clientId: 'gateway', clientSecret: 'upstream-secret', domains: ['fabrikam-reauth.example'] },
    });
  });
  afterAll(() => upstream?.close());

  /** A partner's person redeemed through the upstream provider (signed in there now), and their browser. */
  async function redeemed() {
    const sub = `person-${++n}`;
    const email = `${sub}@fabrikam-reauth.example`;
    upstream.addAccount(sub, email, `Person ${n}`);
    upstream.signInAs(sub);
    const invitation = await invite(contoso, email, app);
    const web = new WebClient();
    const landed = await web.follow(await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept'), (u) =>
      u.startsWith(REPLY_URL),
    );
    expect(landed.url, text(landed)).toBe(REPLY_URL);
    return { sub, email, web };
  }

  it('asks the partner for a fresh sign-in when an app says prompt=login, and refuses one that is not', async () => {
    const { sub, email, web } = await redeemed();
    upstream.prompted.length = 0;
    const again = await login(web, app, { prompt: 'login', credentials: { email, password: '' } });
    expect(again.tokens, text(again.page)).not.toBeNull();
    expect(upstream.prompted).toMatchObject([{ prompt: 'login' }]);

    // A partner that answers prompt=login with its old single sign-on is refused.
    upstream.stampSignInsAgo(sub, 3600);
    const stale = await login(web, app, { prompt: 'login', credentials: { email, password: '' } });
    expect(stale.tokens).toBeNull();
    expect(stale.page.status).toBe(403);
    expect(text(stale.page)).toContain('could not be verified');
  });

  it("counts a partner's single sign-on from when the partner signed the person in", async () => {
    const { sub, email } = await redeemed();
    await setPolicy(contoso, { signInFrequencyMinutes: 60 });
    try {
      // A new browser, the partner's sign-in two hours old: too old for the tenant's hour.
      upstream.stampSignInsAgo(sub, 2 * 3600);
      upstream.prompted.length = 0;
      const web = new WebClient();
      const first = await login(web, app, { credentials: { email, password: '' } });
      expect(first.tokens).toBeNull();
      expect(first.page.body).toMatch(/name="password"/);
      expect(upstream.prompted).toEqual([{ prompt: undefined, maxAge: undefined }]);

      // Signing in again asks the partner for a fresh sign-in, which counts.
      upstream.stampSignInsAgo(sub, 0);
      const action = /<form method="post" action="([^"]+\/login)"/.exec(first.page.body)![1]!;
      const page = await web.follow(await web.submit(first.page, action, { email, password: '' }), (u) => u.startsWith(REPLY_URL));
      expect(page.url, text(page)).toMatch(new RegExp(`^${REPLY_URL}`));
      expect(upstream.prompted.at(-1)).toMatchObject({ prompt: 'login' });
    } finally {
      await setPolicy(contoso, { signInFrequencyMinutes: null });
    }
  });
});
