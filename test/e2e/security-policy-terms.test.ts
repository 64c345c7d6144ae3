import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACR_1FA, ACR_MFA } from '../../src/policies/acr.js';
import { TermsAcceptance } from '../../src/policies/security-policy.entity.js';
import { newId } from '../../src/shared/ids.js';
import { testDatabases } from '../helpers/databases.js';
import { type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, managedTenantWithMember, type PartnerApp, REPLY_URL } from '../helpers/partner-flow.js';
import { authorize, type Authorization, idClaims, redeemAsGuest, setPolicy, signIn, stepReturn, tokensOf } from '../helpers/policy-flow.js';
import { TestClock } from '../helpers/test-clock.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { startUpstreamIdp } from '../helpers/upstream-idp.js';
import { text, WebClient } from '../helpers/web-client.js';
import { AuditEventsDocument, RegisterIdentityProviderDocument, TermsAcceptancesDocument } from '../graphql/generated.js';

/**
 * Security policies beyond the gateway's own factors: terms of use (accepted once, asked again for a
 * new version, refresh refused until then, decline returns access_denied), a federated partner's MFA
 * counted only where trusted, and the sign-in frequency (with the fake clock).
 */
describe.each(testDatabases())('terms of use, partner MFA and sign-in frequency on %s', (kind) => {
  const clock = new TestClock();
  let t: TestGateway;
  let contoso: TenantFixture;
  let app: PartnerApp;
  let upstream: Awaited<ReturnType<typeof startUpstreamIdp>>;
  const bob = { email: 'bob@terms-home.example', password: 'bob-has-a-long-password' };

  const suite = useGatewaySuite(kind, {
    smtp: true,
    clock,
    tenants: [{ domains: ['contoso-terms.example'] }, { domains: ['fabrikam-mfa.example'] }],
    app: true,
  });
  let fabrikam: TenantFixture;
  beforeAll(async () => {
    ({
      t,
      tenants: [contoso, fabrikam],
      app,
    } = suite);
    await managedTenantWithMember(t, 'terms-home.example', bob.email, bob.password);
    await redeemAsGuest(contoso, app, bob, new WebClient());
    upstream = await startUpstreamIdp(`${t.baseUrl}/federation/callback`);
    await fabrikam.admin.client.data(RegisterIdentityProviderDocument, {
      input: { issuer: upstream.issuer, clientId: 'gateway', clientSecret: 'upstream-secret', domains: ['fabrikam-mfa.example'] },
    });
  });
  afterAll(() => upstream?.close());

  /** The terms page an authorization stopped at, with its accept form's action. */
  function termsPage(at: Authorization) {
    expect(at.page.status, text(at.page)).toBe(200);
    const action = /<form method="post" action="([^"]+\/terms)"/.exec(at.page.body)?.[1];
    expect(action).toMatch(new RegExp(`^/${contoso.tenant.id}/interaction/[\\w-]+/terms$`));
    return { action: action!, text: text(at.page), link: /id="terms-document" href="([^"]+)"/.exec(at.page.body)?.[1] };
  }

  async function accept(web: WebClient, at: Authorization): Promise<Authorization> {
    const page = await web.follow(await web.submit(at.page, termsPage(at).action), (u) => u.startsWith(REPLY_URL));
    return { ...at, page };
  }

  it('asks a guest to accept the terms once, again for a new version, refusing refresh until then', async () => {
    await setPolicy(contoso, {
      termsAudience: 'Guests',
      termsUrl: 'https://contoso-terms.example/terms',
      termsVersion: '2026-01',
      termsDocuments: [{ language: 'de', url: 'https://contoso-terms.example/agb' }],
    });
    const web = new WebClient();
    // Declining returns access_denied to the app, and records nothing.
    const first = await signIn(web, await authorize(web, app), bob);
    expect(termsPage(first)).toMatchObject({ link: 'https://contoso-terms.example/terms' });
    expect(termsPage(first).text).toContain('2026-01');
    const abort = termsPage(first).action.replace(/\/terms$/, '/abort');
    const declined = await web.follow(await web.submit(first.page, abort), (u) => u.startsWith(REPLY_URL));
    expect(new URL(declined.url).searchParams.get('error')).toBe('access_denied');

    const tokens = await tokensOf(await accept(web, await authorize(web, app)));
    const guestId = String(idClaims(tokens).oid);
    const { termsAcceptances } = await contoso.admin.client.data(TermsAcceptancesDocument, { filter: { version: '2026-01' } });
    expect(termsAcceptances.nodes).toHaveLength(1);
    expect(termsAcceptances.nodes[0]).toMatchObject({ version: '2026-01', language: 'en', userId: guestId });
    // Named as a person, not only an account id (the console shows the name and the address).
    expect(termsAcceptances.nodes[0]!.user).toMatchObject({ id: guestId, mail: bob.email });
    expect(termsAcceptances.nodes[0]!.user!.displayName).not.toBe('');
    const { auditEvents } = await contoso.admin.client.data(AuditEventsDocument, { filter: { actions: ['Accept terms of use'] } });
    expect(auditEvents.nodes[0]).toMatchObject({ targetId: guestId, details: { version: '2026-01', language: 'en' } });
    // Accepted once: the next sign-in goes straight through.
    const again = await tokensOf(await authorize(web, app));

    await setPolicy(contoso, { termsVersion: '2026-02' });
    await expect(oidc.refreshTokenGrant(app.config, again.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const german = new WebClient(undefined, { 'accept-language': 'de' });
    const asked = await authorize(german, app).then((at) => signIn(german, at, bob));
    expect(termsPage(asked)).toMatchObject({ link: 'https://contoso-terms.example/agb' });
    const renewed = await tokensOf(await accept(german, asked));
    expect((await oidc.refreshTokenGrant(app.config, renewed.refresh_token!)).access_token).toBeTruthy();
    const after = await contoso.admin.client.data(TermsAcceptancesDocument, { filter: { userId: guestId } });
    expect(after.termsAcceptances.nodes.map((n) => [n.version, n.language])).toEqual([
      ['2026-02', 'de'],
      ['2026-01', 'en'],
    ]);
    // The cross-tenant twin: another tenant's administrator sees none of these acceptances.
    expect((await fabrikam.admin.client.data(TermsAcceptancesDocument, { filter: { userId: guestId } })).termsAcceptances.nodes).toEqual(
      [],
    );
    await setPolicy(contoso, { termsAudience: 'None' });
  });

  it("names an acceptance's person only from its own tenant", async () => {
    // The cross-tenant twin of TermsAcceptance.user: a row naming another tenant's account id
    // resolves to no person, never to that tenant's user.
    const outsider = await t.gateway.services.users.createMember(fabrikam.tenant.id, {
      displayName: 'Fay Fabrikam',
      mail: 'fay@fabrikam-mfa.example',
      roles: [],
    });
    await t.gateway.db.manager.insert(TermsAcceptance, {
      id: newId(),
      tenantId: contoso.tenant.id,
      userId: outsider.id,
      version: 'twin',
      language: 'en',
      acceptedAt: clock.now(),
    });
    const { termsAcceptances } = await contoso.admin.client.data(TermsAcceptancesDocument, { filter: { version: 'twin' } });
    expect(termsAcceptances.nodes.map((n) => [n.userId, n.user])).toEqual([[outsider.id, null]]);
  });

  it("counts a federated partner's MFA (upstream amr) only when the tenant trusts it", async () => {
    upstream.addAccount('mia-sub', 'mia@fabrikam-mfa.example', 'Mia Fabrikam', { amr: ['pwd', 'mfa'] });
    upstream.addAccount('noa-sub', 'noa@fabrikam-mfa.example', 'Noa Fabrikam', { amr: ['pwd'] });
    for (const [sub, email] of [
      ['mia-sub', 'mia@fabrikam-mfa.example'],
      ['noa-sub', 'noa@fabrikam-mfa.example'],
    ] as const) {
      upstream.signInAs(sub);
      const invitation = await invite(contoso, email, app);
      const web = new WebClient();
      const landed = await web.follow(await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept'), (u) =>
        u.startsWith(REPLY_URL),
      );
      expect(landed.url, text(landed)).toBe(REPLY_URL);
    }
    await setPolicy(contoso, { mfaForGuests: true });
    const federated = async (sub: string, email: string) => {
      upstream.signInAs(sub);
      const web = new WebClient();
      return signIn(web, await authorize(web, app), { email, password: '' });
    };
    try {
      stepReturn((await federated('mia-sub', 'mia@fabrikam-mfa.example')).page, '/mfa/enrol');
      await setPolicy(contoso, { trustPartnerMfa: true });
      const trusted = idClaims(await tokensOf(await federated('mia-sub', 'mia@fabrikam-mfa.example')));
      expect(trusted).toMatchObject({ acr: ACR_MFA, amr: ['fed', 'mfa'] });
      stepReturn((await federated('noa-sub', 'noa@fabrikam-mfa.example')).page, '/mfa/enrol');
    } finally {
      await setPolicy(contoso, { mfaForGuests: false, trustPartnerMfa: false });
    }
  });

  it('makes people sign in again after the sign-in frequency, and stops refresh tokens then', async () => {
    await setPolicy(contoso, { signInFrequencyMinutes: 60 });
    try {
      const web = new WebClient();
      const tokens = await tokensOf(await signIn(web, await authorize(web, app), bob));
      expect(idClaims(tokens).acr).toBe(ACR_1FA);
      const refreshed = await oidc.refreshTokenGrant(app.config, tokens.refresh_token!);
      clock.advance(61 * 60_000);
      await expect(oidc.refreshTokenGrant(app.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
      // The browser's gateway sign-in is too old too: the sign-in page again, then tokens.
      const again = await authorize(web, app);
      expect(again.page.body).toMatch(/name="password"/);
      await tokensOf(await signIn(web, again, bob));
    } finally {
      clock.offsetMs = 0;
      await setPolicy(contoso, { signInFrequencyMinutes: null });
    }
  });
});
