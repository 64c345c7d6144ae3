import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { login, registerApp } from '../helpers/partner-flow.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { WebClient } from '../helpers/web-client.js';

/** A read of the database (a backup, a replica, an injection) must not yield a usable token or session. */
describe.each(testDatabases())('OIDC artefacts at rest on %s', (kind) => {
  let t: TestGateway;
  let contoso: TenantFixture;

  const suite = useGatewaySuite(kind, { tenants: [{}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [contoso],
      } = suite),
  );

  /** Every row of every table, as one string. */
  async function wholeDatabase(): Promise<string> {
    const { manager } = t.gateway.db;
    const tables = manager.connection.entityMetadatas.map((m) => m.tableName);
    const dumps = await Promise.all(tables.map(async (table) => JSON.stringify(await manager.query(`SELECT * FROM "${table}"`))));
    return dumps.join('\n');
  }

  it('stores no access token, refresh token, code or session cookie, and the flow still works', async () => {
    const member = await t.gateway.services.users.createMember(contoso.tenant.id, {
      displayName: 'Dana Member',
      mail: 'dana@storage.example',
    });
    await t.gateway.services.accounts.setPassword(member.id, 'Copper-Lantern-Ninety');
    const app = await registerApp(t, contoso, { assignmentRequired: false });
    const web = new WebClient();
    const { tokens, callback } = await login(web, app, {
      credentials: { email: 'dana@storage.example', password: 'Copper-Lantern-Ninety' },
    });
    expect(tokens?.refresh_token).toBeDefined();
    const refreshed = await oidc.refreshTokenGrant(app.config, tokens!.refresh_token!);
    const sessionCookie = Object.entries(web.cookies()).find(([name]) => name.startsWith('_s_') && !name.endsWith('.sig'))?.[1];
    expect(sessionCookie).toBeDefined();

    const secrets = {
      code: callback!.searchParams.get('code')!,
      accessToken: tokens!.access_token,
      refreshToken: tokens!.refresh_token!,
      rotatedAccessToken: refreshed.access_token,
      rotatedRefreshToken: refreshed.refresh_token!,
      sessionCookie: sessionCookie!,
    };
    const dump = await wholeDatabase();
    expect(dump).toContain(member.id); // the dump does read the OIDC rows
    for (const [name, value] of Object.entries(secrets)) {
      expect(value.length, name).toBeGreaterThan(20);
      expect(dump.includes(value), `${name} is stored in the database`).toBe(false);
    }

    // Everything keyed by those values still works: introspection, the session, revocation, rotation replay.
    expect((await oidc.tokenIntrospection(app.config, refreshed.access_token)).active).toBe(true);
    expect((await oidc.tokenIntrospection(app.config, refreshed.refresh_token!)).active).toBe(true);
    // An interaction in progress for a signed-in browser remembers the session, not its cookie.
    const asked = await login(web, app, { prompt: 'login' });
    expect(asked.page.body).toContain('name="password"');
    expect((await wholeDatabase()).includes(secrets.sessionCookie)).toBe(false);
    const silent = await login(web, app);
    expect(silent.tokens?.claims()?.oid).toBe(member.id);
    await oidc.tokenRevocation(app.config, refreshed.access_token);
    expect((await oidc.tokenIntrospection(app.config, refreshed.access_token)).active).toBe(false);
    await expect(oidc.refreshTokenGrant(app.config, tokens!.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oidc.refreshTokenGrant(app.config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
