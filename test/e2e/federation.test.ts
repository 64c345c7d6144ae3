import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../src/directory/user.entity.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, login, type PartnerApp, REPLY_URL } from '../helpers/partner-flow.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { TestClock } from '../helpers/test-clock.js';
import { startUpstreamIdp } from '../helpers/upstream-idp.js';
import { text, WebClient } from '../helpers/web-client.js';
import {
  IdentityProvidersDocument,
  PartnersDocument,
  RegisterIdentityProviderDocument,
  RemoveIdentityProviderDocument,
} from '../graphql/generated.js';

describe.each(testDatabases())('federating a partner identity provider on %s', (kind) => {
  const clock = new TestClock();
  let t: TestGateway;
  let upstream: Awaited<ReturnType<typeof startUpstreamIdp>>;
  let contoso: TenantFixture;
  let fabrikam: TenantFixture;
  let app: PartnerApp;

  const suite = useGatewaySuite(kind, {
    smtp: true,
    clock,
    tenants: [{ domains: ['contoso.example'] }, { domains: ['fabrikam-corp.example', 'fabrikam-labs.example'] }],
    app: true,
  });
  beforeAll(async () => {
    ({
      t,
      tenants: [contoso, fabrikam],
      app,
    } = suite);
    upstream = await startUpstreamIdp(`${t.baseUrl}/federation/callback`);
    const registered = await fabrikam.admin.client.data(RegisterIdentityProviderDocument, {
      input: { issuer: upstream.issuer, clientId: 'gateway', clientSecret: 'upstream-secret', domains: ['fabrikam-corp.example'] },
    });
    expect(registered.registerIdentityProvider).toMatchObject({ issuer: upstream.issuer, domains: ['fabrikam-corp.example'] });
  });
  afterAll(() => upstream?.close());

  it('redeems through the partner’s provider, signs in to an app with idp = upstream issuer, and ends when the partner disables the person', async () => {
    upstream.addAccount('alice-sub', 'alice@fabrikam-corp.example', 'Alice Fabrikam');
    upstream.signInAs('alice-sub');
    const invitation = await invite(contoso, 'alice@fabrikam-corp.example', app);
    const web = new WebClient();
    const accept = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
    expect(accept.location?.startsWith(`${upstream.issuer}/auth`)).toBe(true);
    const landed = await web.follow(accept, (u) => u.startsWith(REPLY_URL));
    expect(landed.url, text(landed)).toBe(REPLY_URL);

    const guest = await t.gateway.db.manager.findOneByOrFail(User, { id: invitation.invitedUser!.id });
    const home = await t.gateway.db.manager.findOneByOrFail(User, { id: guest.homeUserId! });
    expect(home).toMatchObject({
      tenantId: fabrikam.tenant.id,
      upstreamIssuer: upstream.issuer,
      upstreamSubject: 'alice-sub',
      passwordHash: null,
      userType: 'Member',
    });
    expect(guest).toMatchObject({ externalUserState: 'Accepted', signInName: 'alice@fabrikam-corp.example' });
    expect(guest.altSecId).toMatch(/^1:127\.0\.0\.1:\d+:[0-9A-F]{16}$/);

    const { partners } = await contoso.admin.client.data(PartnersDocument, {});
    expect(partners.nodes.find((p) => p.id === fabrikam.tenant.id)).toMatchObject({ kind: 'ExternalIdentityProvider', guestCount: 1 });

    const { tokens } = await login(web, app);
    expect(tokens!.claims()).toMatchObject({
      idp: upstream.issuer,
      oid: guest.id,
      tid: contoso.tenant.id,
      acct: 1,
      email: 'alice@fabrikam-corp.example',
      unique_name: `${upstream.issuer}#alice@fabrikam-corp.example`,
      altsecid: guest.altSecId,
    });

    // A new browser signs in through the upstream again; once the partner disables Alice it is refused.
    const fresh = new WebClient();
    const again = await login(fresh, app, { credentials: { email: 'alice@fabrikam-corp.example', password: '' } });
    expect(again.tokens?.claims()?.oid).toBe(guest.id);
    upstream.disable('alice-sub');
    const refused = await login(new WebClient(), app, { credentials: { email: 'alice@fabrikam-corp.example', password: '' } });
    expect(refused.tokens).toBeNull();
    expect(refused.page.status).toBe(403);
    expect(text(refused.page)).toContain('refused');

    // Refresh tokens are bound to the upstream sign-in: after FEDERATED_SESSION_HOURS (8) they stop working.
    const refreshed = await oidc.refreshTokenGrant(app.config, tokens!.refresh_token!);
    clock.offsetMs += 8 * 3600_000 + 60_000;
    await expect(oidc.refreshTokenGrant(app.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    clock.offsetMs = 0;
  });

  it('refuses a sign-in whose upstream email differs from the invited one', async () => {
    upstream.addAccount('bob-sub', 'bob@fabrikam-corp.example', 'Bob');
    upstream.signInAs('bob-sub');
    const invitation = await invite(contoso, 'carol@fabrikam-corp.example', app);
    const web = new WebClient();
    const page = await web.follow(await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept'), (u) =>
      u.startsWith(REPLY_URL),
    );
    expect(page.status).toBe(409);
    expect(text(page)).toContain('This invitation is for carol@fabrikam-corp.example');
    const guest = await t.gateway.db.manager.findOneByOrFail(User, { id: invitation.invitedUser!.id });
    expect(guest.externalUserState).toBe('PendingAcceptance');
  });

  it('gives the browser a new session id at a federated sign-in, so a planted one stays signed out', async () => {
    upstream.addAccount('dana-sub', 'dana@fabrikam-corp.example', 'Dana');
    upstream.signInAs('dana-sub');
    await invite(contoso, 'dana@fabrikam-corp.example', app);
    const panel = `${t.baseUrl}/${contoso.tenant.id}/myapps`;
    const attacker = new WebClient();
    await attacker.get(panel);
    const planted = attacker.cookies().gw_session!;
    const victim = new WebClient();
    victim.plant(t.baseUrl, 'gw_session', planted);
    const signedIn = await victim.follow(
      await victim.submit(await victim.get(panel), `/${contoso.tenant.id}/myapps`, { email: 'dana@fabrikam-corp.example' }),
    );
    expect(text(signedIn)).toContain('Signed in as dana@fabrikam-corp.example');
    expect(victim.cookies().gw_session).not.toBe(planted);
    expect(text(await attacker.get(panel))).not.toContain('Signed in as');
  });

  it('registers only verified domains of a managed tenant, once, and keeps providers per tenant', async () => {
    const code = async (f: TenantFixture, domains: string[]) =>
      f.admin.client.errorCode(RegisterIdentityProviderDocument, {
        input: { issuer: upstream.issuer, clientId: 'gateway', clientSecret: 's', domains },
      });
    expect(await code(fabrikam, ['contoso.example'])).toBe('BAD_USER_INPUT');
    expect(await code(fabrikam, ['fabrikam-corp.example'])).toBe('CONFLICT');
    expect(
      await fabrikam.admin.client.errorCode(RegisterIdentityProviderDocument, {
        input: { issuer: 'http://127.0.0.1:9/nothing', clientId: 'x', clientSecret: 'y', domains: ['fabrikam-labs.example'] },
      }),
    ).toBe('FEDERATION_FAILED');
    const [mine] = (await fabrikam.admin.client.data(IdentityProvidersDocument)).identityProviders;
    expect((await contoso.admin.client.data(IdentityProvidersDocument)).identityProviders).toEqual([]);
    expect(await contoso.admin.client.errorCode(RemoveIdentityProviderDocument, { id: mine!.id })).toBe('NOT_FOUND');
    const inviter = await fabrikam.principal(['GuestInviter' as never]);
    expect(await inviter.client.errorCode(RemoveIdentityProviderDocument, { id: mine!.id })).toBe('FORBIDDEN');
  });
});
