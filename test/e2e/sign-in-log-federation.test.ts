import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, login, type PartnerApp, REPLY_URL } from '../helpers/partner-flow.js';
import { browser, signIns } from '../helpers/sign-in-log.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { startUpstreamIdp } from '../helpers/upstream-idp.js';
import { text } from '../helpers/web-client.js';
import { RegisterIdentityProviderDocument } from '../graphql/generated.js';

/**
 * Federated sign-ins in the sign-in log: the sign-in at the partner's own provider lands in the log of
 * the tenant that registered it (fabrikam), the redemption and app sign-ins it leads to in contoso's,
 * all naming the partner's issuer as the home identity provider.
 */
describe.each(testDatabases())('federated sign-ins in the sign-in log on %s', (kind) => {
  const suite = useGatewaySuite(kind, {
    smtp: true,
    tenants: [{ domains: ['contoso.example'] }, { domains: ['fabrikam-corp.example'] }],
    app: true,
  });
  let t: TestGateway;
  let contoso: TenantFixture;
  let fabrikam: TenantFixture;
  let app: PartnerApp;
  let upstream: Awaited<ReturnType<typeof startUpstreamIdp>>;
  const alice = 'alice@fabrikam-corp.example';

  beforeAll(async () => {
    ({ t, app } = suite);
    [contoso, fabrikam] = suite.tenants as [TenantFixture, TenantFixture];
    upstream = await startUpstreamIdp(`${t.baseUrl}/federation/callback`);
    await fabrikam.admin.client.data(RegisterIdentityProviderDocument, {
      input: { issuer: upstream.issuer, clientId: 'gateway', clientSecret: 'upstream-secret', domains: ['fabrikam-corp.example'] },
    });
    upstream.addAccount('alice-sub', alice, 'Alice Fabrikam');
    upstream.signInAs('alice-sub');
  });
  afterAll(() => upstream?.close());

  it('a federated redemption, a federated app sign-in, and a refusal at the partner’s provider', async () => {
    const invitation = await invite(contoso, alice, app);
    const web = browser();
    const landed = await web.follow(await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept'), (u) =>
      u.startsWith(REPLY_URL),
    );
    expect(landed.url, text(landed)).toBe(REPLY_URL);
    const partner = { homeIdp: upstream.issuer, authMethods: ['fed'], result: 'Success', reasonCode: null };
    const [federated] = await signIns(fabrikam);
    expect(federated).toMatchObject({ ...partner, kind: 'Interactive', signInAddress: alice, applicationId: null });
    const guest = { ...partner, userId: invitation.invitedUser!.id, homeUserId: federated!.userId };
    expect(await signIns(contoso)).toEqual([expect.objectContaining({ ...guest, kind: 'Redemption' })]);

    const again = await login(browser(), app, { prompt: null, credentials: { email: alice, password: '' } });
    expect(again.tokens).not.toBeNull();
    expect((await signIns(contoso))[0]).toMatchObject({ ...guest, kind: 'Interactive', applicationId: app.id });

    upstream.disable('alice-sub');
    const refused = await login(browser(), app, { prompt: null, credentials: { email: alice, password: '' } });
    expect(refused.tokens).toBeNull();
    expect((await signIns(fabrikam))[0]).toMatchObject({ kind: 'Interactive', result: 'Failure', reasonCode: 'FEDERATION_FAILED' });
  });
});
