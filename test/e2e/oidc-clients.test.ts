import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { tokenResponse, type TenantFixture, twoTenants } from '../helpers/fixtures.js';
import { login, REPLY_URL, registerApp } from '../helpers/partner-flow.js';
import { TestClock } from '../helpers/test-clock.js';
import { WebClient } from '../helpers/web-client.js';
import {
  AddApplicationSecretDocument,
  ApplicationSecretsDocument,
  CreateApplicationDocument,
  RemoveApplicationSecretDocument,
} from '../graphql/generated.js';

/** What a stock OIDC client (openid-client, curl) meets at a tenant's provider. */
describe.each(testDatabases())('OIDC clients on %s', (kind) => {
  // Runs with real time; a test that needs an instant stops it there (`clock.fixed`) and lets it go after.
  const clock = new TestClock();
  const s = twoTenants(kind, 'http', { clock });
  let n = 0;

  const newApp = (f: TenantFixture) =>
    f.admin.client.data(CreateApplicationDocument, { input: { displayName: `Daemon ${++n}` } }).then((r) => r.createApplication);
  const addSecret = (f: TenantFixture, applicationId: string, input: { displayName?: string; expiresAt?: string } = {}) =>
    f.admin.client.data(AddApplicationSecretDocument, { applicationId, input }).then((r) => r.addApplicationSecret);
  const token = (f: TenantFixture, clientId: string, secret: string) => tokenResponse(s.t, f.tenant.id, clientId, secret);

  it('names the tenant and the app-only caller in client-credentials tokens (tid, idtyp=app)', async () => {
    const { status, body } = await token(s.a, s.a.admin.app.appId, s.a.admin.clientSecret);
    expect(status).toBe(200);
    const claims = decodeJwt(String(body.access_token));
    expect(claims).toMatchObject({ tid: s.a.tenant.id, idtyp: 'app', client_id: s.a.admin.app.appId });
    expect(claims.oid).toBeUndefined();
  });

  it('issues a refresh token to a first-party app asking for offline_access without prompt=consent', async () => {
    const member = await s.t.gateway.services.users.createMember(s.a.tenant.id, {
      displayName: 'Ola Member',
      mail: `ola@${s.a.tenant.defaultDomain}`,
    });
    await s.t.gateway.services.accounts.setPassword(member.id, 'Walnut-Harbour-Twelve');
    const app = await registerApp(s.t, s.a, { assignmentRequired: false });
    const web = new WebClient();
    const credentials = { email: `ola@${s.a.tenant.defaultDomain}`, password: 'Walnut-Harbour-Twelve' };
    const first = await login(web, app, { prompt: null, scope: 'openid offline_access', credentials });
    expect(first.tokens?.refresh_token).toBeDefined();
    expect(first.tokens!.scope?.split(' ')).toContain('offline_access');
    const refreshed = await oidc.refreshTokenGrant(app.config, first.tokens!.refresh_token!);
    expect(refreshed.access_token).toBeDefined();
    // Silently, with the browser session: still a refresh token, no screen.
    const silent = await login(web, app, { prompt: null, scope: 'openid offline_access' });
    expect(silent.tokens?.refresh_token).toBeDefined();
    // Without offline_access, none.
    expect((await login(web, app, { prompt: null, scope: 'openid' })).tokens?.refresh_token).toBeUndefined();
  });

  it('refuses an authorization request without PKCE, also for a confidential client', async () => {
    const app = await registerApp(s.t, s.a, { assignmentRequired: false });
    expect(app.config.clientMetadata().token_endpoint_auth_method ?? 'client_secret_basic').toBe('client_secret_basic');
    const url = oidc.buildAuthorizationUrl(app.config, { redirect_uri: REPLY_URL, scope: 'openid', state: oidc.randomState() });
    const landed = await new WebClient().follow(await new WebClient().get(url.href), (u) => u.startsWith(REPLY_URL));
    const callback = new URL(landed.url);
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(callback.searchParams.has('code')).toBe(false);
  });

  describe('client secrets', () => {
    it('adds a second secret (both work), removes the first (it fails at once), never shows a value again', async () => {
      const created = await newApp(s.a);
      const app = created.application;
      const added = await addSecret(s.a, app.id, { displayName: 'Rotation 2027' });
      expect(added.secret).toMatchObject({ displayName: 'Rotation 2027', hint: added.secretText.slice(0, 3) });
      const expiresIn = new Date(added.secret.expiresAt!).getTime() - Date.now();
      expect(expiresIn).toBeGreaterThan(179 * 86_400_000); // default: 180 days
      expect(expiresIn).toBeLessThanOrEqual(180 * 86_400_000);
      expect((await token(s.a, app.appId, created.clientSecret)).status).toBe(200);
      expect((await token(s.a, app.appId, added.secretText)).status).toBe(200);

      const listed = (await s.a.admin.client.data(ApplicationSecretsDocument, { id: app.id })).application.secrets;
      expect(listed.map((x) => x.displayName)).toEqual(['Client secret', 'Rotation 2027']);
      const everything = JSON.stringify(listed) + JSON.stringify(await s.t.gateway.db.manager.query('SELECT * FROM "application_secret"'));
      expect(everything).not.toContain(created.clientSecret);
      expect(everything).not.toContain(added.secretText);

      const removed = await s.a.admin.client.data(RemoveApplicationSecretDocument, { applicationId: app.id, secretId: listed[0]!.id });
      expect(removed.removeApplicationSecret.secrets.map((x) => x.id)).toEqual([added.secret.id]);
      const refused = await token(s.a, app.appId, created.clientSecret);
      expect(refused).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
      expect((await token(s.a, app.appId, added.secretText)).status).toBe(200);
      // Another app's secret, or a near miss, is no secret of this app.
      expect((await token(s.a, app.appId, s.a.admin.clientSecret)).status).toBe(401);
      expect((await token(s.a, app.appId, `${added.secretText}x`)).status).toBe(401);

      const audit = await s.t.gateway.db.manager.findBy(AuditEvent, {
        targetId: app.id,
        action: 'Update application – Certificates and secrets management',
      });
      expect(audit.map((e) => e.details.operation).sort()).toEqual(['add', 'remove']);
      expect(JSON.stringify(audit)).not.toContain(added.secretText);
    });

    it('accepts a secret until its last instant and refuses it from then on, at the token endpoint and for introspection', async () => {
      const created = await newApp(s.a);
      const { appId } = created.application;
      clock.fixed = clock.now();
      try {
        const expiresAt = new Date(clock.now().getTime() + 60_000);
        const short = await addSecret(s.a, created.application.id, { expiresAt: expiresAt.toISOString() });
        // An authenticated client is told an unknown token is inactive; an unauthenticated one gets a 401.
        const introspect = () =>
          fetch(`${s.t.baseUrl}/${s.a.tenant.id}/v2.0/token/introspection`, {
            method: 'POST',
            headers: {
              authorization: `Basic ${Buffer.from(`${appId}:${short.secretText}`).toString('base64')}`,
              'content-type': 'application/x-www-form-urlencoded',
            },
            body: new URLSearchParams({ token: 'not-a-token-of-ours' }),
          });

        clock.fixed = new Date(expiresAt.getTime() - 1); // its last instant: still live for both
        expect((await token(s.a, appId, short.secretText)).status).toBe(200);
        const live = await introspect();
        expect([live.status, await live.json()]).toEqual([200, { active: false }]);

        clock.fixed = expiresAt; // the moment it expires
        expect(await token(s.a, appId, short.secretText)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
        const expired = await introspect();
        expect([expired.status, ((await expired.json()) as { error?: string }).error]).toEqual([401, 'invalid_client']);
      } finally {
        clock.fixed = null;
      }
    });

    it('refuses an expiry in the past or beyond two years', async () => {
      const { application } = await newApp(s.a);
      for (const expiresAt of [new Date(Date.now() - 1000), new Date(Date.now() + 731 * 86_400_000)]) {
        expect(
          await s.a.admin.client.errorCode(AddApplicationSecretDocument, {
            applicationId: application.id,
            input: { expiresAt: expiresAt.toISOString() },
          }),
        ).toBe('BAD_USER_INPUT');
      }
    });

    it("is for GlobalAdministrators of the app's own tenant only (other tenant: NOT_FOUND)", async () => {
      const { application, clientSecret } = await newApp(s.a);
      const [own] = (await s.a.admin.client.data(ApplicationSecretsDocument, { id: application.id })).application.secrets;
      expect(await s.b.admin.client.errorCode(AddApplicationSecretDocument, { applicationId: application.id, input: {} })).toBe(
        'NOT_FOUND',
      );
      expect(await s.b.admin.client.errorCode(RemoveApplicationSecretDocument, { applicationId: application.id, secretId: own!.id })).toBe(
        'NOT_FOUND',
      );
      // B's own app id with A's secret id: still not found.
      const bApp = await newApp(s.b);
      expect(
        await s.b.admin.client.errorCode(RemoveApplicationSecretDocument, { applicationId: bApp.application.id, secretId: own!.id }),
      ).toBe('NOT_FOUND');
      const inviter = await s.a.principal([DirectoryRole.GuestInviter]);
      expect(await inviter.client.errorCode(AddApplicationSecretDocument, { applicationId: application.id, input: {} })).toBe('FORBIDDEN');
      expect(await inviter.client.errorCode(RemoveApplicationSecretDocument, { applicationId: application.id, secretId: own!.id })).toBe(
        'FORBIDDEN',
      );
      expect((await token(s.a, application.appId, clientSecret)).status).toBe(200);
      expect((await s.a.admin.client.data(ApplicationSecretsDocument, { id: application.id })).application.secrets).toHaveLength(1);
    });
  });
});
