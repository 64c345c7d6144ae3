import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantFixture } from '../helpers/fixtures.js';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { enrolTotp } from '../helpers/mfa.js';
import { TestClock } from '../helpers/test-clock.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { startUpstreamIdp } from '../helpers/upstream-idp.js';
import { text, WebClient } from '../helpers/web-client.js';
import { RegisterIdentityProviderDocument } from '../graphql/generated.js';

/**
 * A partner's provider saying `mfa` is the partner's word (recorded without mfaAt); it is no second
 * factor the gateway verified, so it never stands in for one when the person's gateway methods are
 * managed. Otherwise whoever controls the partner's provider adds a method of their own and then
 * satisfies every tenant that does not trust partner MFA.
 */
describe.each(testDatabases())('a partner’s mfa does not step up on the gateway (%s)', (kind) => {
  const clock = new TestClock();
  const suite = useGatewaySuite(kind, { clock, tenants: [{ domains: [`fabrikam-fed-${kind}.example`] }] });
  let t: TestGateway;
  let fabrikam: TenantFixture;
  let upstream: Awaited<ReturnType<typeof startUpstreamIdp>>;
  const alice = `alice@fabrikam-fed-${kind}.example`;

  beforeAll(async () => {
    t = suite.t;
    fabrikam = suite.tenants[0]!;
    upstream = await startUpstreamIdp(`${t.baseUrl}/federation/callback`);
    await fabrikam.admin.client.data(RegisterIdentityProviderDocument, {
      input: { issuer: upstream.issuer, clientId: 'gateway', clientSecret: 'upstream-secret', domains: [`fabrikam-fed-${kind}.example`] },
    });
    upstream.signInAs('alice-sub');
  });
  afterAll(() => upstream?.close());

  /** A browser signed in on the account page through the partner, whose ID token carries `amr`. */
  async function federatedSignIn(amr: string[]): Promise<WebClient> {
    upstream.addAccount('alice-sub', alice, 'Alice Fabrikam', { amr });
    const web = new WebClient();
    const page = await web.follow(await web.submit(await web.get(`${t.baseUrl}/account`), '/account/signin', { email: alice }));
    expect(page.url, text(page)).toBe(`${t.baseUrl}/account`);
    return web;
  }

  it('managing methods asks for the gateway’s own second factor even when the partner said mfa', async () => {
    // Alice adds an authenticator app on the gateway (her first method: no step-up yet).
    await enrolTotp(t, await federatedSignIn(['pwd']), clock.now());
    // Someone signs in at the partner claiming MFA and tries to add their own app.
    const intruder = await federatedSignIn(['pwd', 'mfa']);
    const enrol = await intruder.get(`${t.baseUrl}/mfa/enrol?return=/account`);
    expect([enrol.status, enrol.location]).toEqual([303, `/mfa?return=${encodeURIComponent('/mfa/enrol?return=%2Faccount')}`]);
  });
});
