import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/apps/application.entity.js';
import { loadConfig } from '../../src/config/config.js';
import { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/data-source.js';
import type { Actor } from '../../src/directory/actor.js';
import { ApiScope } from '../../src/directory/permissions.js';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import { CreationType, ExternalUserState, User, UserType } from '../../src/directory/user.entity.js';
import { createLogger } from '../../src/logging/logger.js';
import { Metrics } from '../../src/observability/metrics.js';
import { createServices, type Services } from '../../src/services.js';
import type { Clock } from '../../src/shared/clock.js';
import { DomainError } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const PUBLIC_URL = 'https://gw.example';
const RESOURCE = `${PUBLIC_URL}/graphql`;
const READ = ApiScope.DirectoryReadAll;
const AS_USER = ApiScope.DirectoryAccessAsUserAll;

/**
 * The API token verifier against real tokens signed with the tenant's own keys (the signing key
 * service on a real database); the provider is not involved, so each claim can be set wrong on purpose.
 */
describe.each(testDatabases())('API token verifier on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let s: Services;
  // The verifier checks token times against the system clock (like the provider); the domain uses this one.
  const clock = {
    offset: 0,
    now() {
      return new Date(Date.now() + this.offset);
    },
  } satisfies Clock & { offset: number };
  let tenantId: string;
  let otherTenantId: string;
  let admin: Actor;
  let app: Application;
  let readOnlyApp: Application;
  let ungrantedApp: Application;
  let member: User;
  let home: User;
  let guest: User;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    const config = loadConfig({
      NODE_ENV: 'test',
      PUBLIC_URL,
      GATEWAY_SECRET: 'test-secret-test-secret-test-secret-0123',
      ...(tdb.database.kind === 'postgres' ? { DATABASE_URL: tdb.database.url } : { SQLITE_PATH: tdb.database.path }),
    });
    s = await createServices(config, db, clock, createLogger('silent'), new Metrics());
    const tenant = await s.tenants.create({ name: 'Contoso', domains: ['contoso.example'] });
    const partner = await s.tenants.create({ name: 'Fabrikam', domains: ['fabrikam.example'] });
    tenantId = tenant.id;
    otherTenantId = partner.id;
    admin = {
      tenantId,
      kind: PrincipalKind.Application,
      id: 'setup',
      displayName: 'setup',
      roles: [DirectoryRole.GlobalAdministrator],
      scopes: null,
    };
    app = (await s.apps.createAsOperator(tenantId, { displayName: 'Portal', assignmentRequired: false }, [DirectoryRole.GuestInviter]))
      .application;
    readOnlyApp = (await s.apps.createAsOperator(tenantId, { displayName: 'Reports', assignmentRequired: false })).application;
    ungrantedApp = (await s.apps.createAsOperator(tenantId, { displayName: 'No API' })).application;
    await s.apiAccess.grant(admin, app.id, [AS_USER]);
    await s.apiAccess.grant(admin, readOnlyApp.id, [READ]);
    member = await s.users.createMember(tenantId, {
      displayName: 'Mia Member',
      mail: 'mia@contoso.example',
      roles: [DirectoryRole.GlobalAdministrator],
    });
    home = await s.users.createMember(otherTenantId, { displayName: 'Gus Guest', mail: 'gus@fabrikam.example' });
    // A redeemed guest: the resource tenant's object bound to the home account that signed in.
    const invited = await s.users.createMember(tenantId, { displayName: 'Gus Guest', mail: 'gus@fabrikam.example' });
    await db.manager.update(
      User,
      { id: invited.id },
      {
        userType: UserType.Guest,
        creationType: CreationType.Invitation,
        externalUserState: ExternalUserState.Accepted,
        signInName: 'gus@fabrikam.example',
        altSecId: `gw::${home.id}`,
        homeUserId: home.id,
      },
    );
    guest = await db.manager.findOneByOrFail(User, { id: invited.id });
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  const issuer = (tid = tenantId) => `${PUBLIC_URL}/${tid}/v2.0`;

  /** Signs like the provider does: the tenant's active key, RS256, `typ: at+jwt`; every part can be overridden. */
  async function sign(
    claims: JWTPayload,
    options: { tid?: string; keyTenant?: string; typ?: string; alg?: string; iat?: number; exp?: number } = {},
  ): Promise<string> {
    const [jwk] = await s.signingKeys.privateJwks(options.keyTenant ?? options.tid ?? tenantId);
    const alg = options.alg ?? 'RS256';
    const key = await importJWK({ ...jwk, alg } as JWK, alg);
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: issuer(options.tid), aud: RESOURCE, ...claims })
      .setProtectedHeader({ alg, kid: jwk!.kid, typ: options.typ ?? 'at+jwt' })
      .setIssuedAt(options.iat ?? now)
      .setExpirationTime(options.exp ?? now + 600)
      .sign(key);
  }
  const userToken = (user: User, client: Application, extra: JWTPayload = {}, options = {}) =>
    sign(
      {
        sub: user.id,
        oid: user.id,
        client_id: client.appId,
        scp: AS_USER,
        ...(user.altSecId ? { altsecid: user.altSecId } : {}),
        ...extra,
      },
      options,
    );
  const appToken = (client: Application, extra: JWTPayload = {}, options = {}) =>
    sign({ sub: client.appId, client_id: client.appId, idtyp: 'app', ...extra }, options);

  /** The refusal reason, checked to be the UNAUTHENTICATED error the API turns into a 401. */
  async function reason(token: string): Promise<string> {
    try {
      await s.apiTokens.verify(token);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).toBe(`Invalid access token: ${String(error.details?.reason)}`);
      return String(error.details?.reason);
    }
    return 'accepted';
  }

  describe('an application token', () => {
    it('names the application with its roles, acting as itself', async () => {
      expect(await s.apiTokens.verify(await appToken(app))).toEqual({
        tenantId,
        kind: 'application',
        id: app.id,
        displayName: 'Portal',
        roles: ['GuestInviter'],
        scopes: null,
      });
      expect(await s.apiTokens.verify(await appToken(ungrantedApp))).toMatchObject({ id: ungrantedApp.id, roles: [], scopes: null });
    });

    it('must be its own subject', async () => {
      expect(await reason(await appToken(app, { sub: readOnlyApp.appId }))).toBe('the token names no caller');
      expect(await reason(await sign({ sub: app.appId }))).toBe('the token names no caller');
      expect(await reason(await sign({ sub: 'x', client_id: 42 }))).toBe('the token names no caller');
      // A client_id that is not a string names no client, even when the subject repeats it.
      expect(await reason(await sign({ sub: 42 as unknown as string, client_id: 42 }))).toBe('the token names no caller');
    });

    it('stops working once the application is deleted', async () => {
      const gone = (await s.apps.createAsOperator(tenantId, { displayName: 'Short-lived' })).application;
      const token = await appToken(gone);
      expect(await reason(token)).toBe('accepted');
      await s.apps.delete(admin, gone.id);
      expect(await reason(token)).toBe('the application no longer exists');
    });

    it('is refused in another tenant, even when signed by that tenant', async () => {
      expect(await reason(await appToken(app, {}, { tid: otherTenantId }))).toBe('the application no longer exists');
    });
  });

  describe('the token itself', () => {
    it('must be a JWT', async () => {
      expect(await reason('not-a-jwt')).toBe('malformed token');
      expect(await reason('')).toBe('malformed token');
    });

    it('must name an issuer of this gateway, exactly', async () => {
      expect(await reason(await appToken(app, { iss: 42 as unknown as string }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: undefined }))).toBe('unknown issuer');
      // Not a string that happens to read like one (an array's text is its element).
      expect(await reason(await appToken(app, { iss: [issuer()] as unknown as string }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `https://other.example/${tenantId}/v2.0` }))).toBe('unknown issuer');
      // The public URL is matched literally: its dots are not wildcards.
      expect(await reason(await appToken(app, { iss: `https://gwxexample/${tenantId}/v2.0` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `x${issuer()}` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `${issuer()}/x` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `${PUBLIC_URL}/${tenantId}/v2x0` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `${PUBLIC_URL}/${tenantId}/v1.0` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `${PUBLIC_URL}/tenant/v2.0` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `${PUBLIC_URL}/${'g'.repeat(36)}/v2.0` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `${PUBLIC_URL}/${tenantId}0/v2.0` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `${PUBLIC_URL}/${tenantId.slice(1)}/v2.0` }))).toBe('unknown issuer');
    });

    it("must be signed with the issuing tenant's key", async () => {
      expect(await reason(await appToken(app, {}, { keyTenant: otherTenantId }))).toBe('invalid signature or token');
      const token = await appToken(app);
      const [header, payload, signature] = token.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'x' })).toString(
        'base64url',
      );
      expect(await reason(`${header}.${forged}.${signature}`)).toBe('invalid signature or token');
    });

    it('names no tenant whose keys do not exist', async () => {
      expect(await reason(await appToken(app, { iss: issuer('0190c0de-0000-7000-8000-000000000000') }))).toBe('invalid signature or token');
    });

    it('must be RS256', async () => {
      expect(await reason(await appToken(app, {}, { alg: 'PS256' }))).toBe('invalid signature or token');
    });

    it('must be an access token for the gateway API', async () => {
      expect(await reason(await appToken(app, { aud: 'https://other.example/api' }))).toBe('invalid aud claim');
      expect(await reason(await appToken(app, { aud: app.appId }))).toBe('invalid aud claim');
      expect(await reason(await appToken(app, {}, { typ: 'JWT' }))).toBe('invalid typ claim');
    });

    it('must not have expired', async () => {
      const past = Math.floor(Date.now() / 1000) - 3600;
      expect(await reason(await appToken(app, {}, { iat: past - 600, exp: past }))).toBe('token expired');
      expect(await reason(await userToken(member, app, {}, { iat: past - 600, exp: past }))).toBe('token expired');
    });
  });

  describe("a user's token", () => {
    it("names the user with its roles and the app's delegated scopes", async () => {
      expect(await s.apiTokens.verify(await userToken(member, app))).toEqual({
        tenantId,
        kind: 'user',
        id: member.id,
        displayName: 'Mia Member',
        roles: ['GlobalAdministrator'],
        scopes: [AS_USER],
      });
    });

    it('acts with the intersection of its scp and what the app is granted now', async () => {
      const both = await userToken(member, readOnlyApp, { scp: `openid ${AS_USER} ${READ}` });
      expect((await s.apiTokens.verify(both)).scopes).toEqual([READ]);
      const reordered = await userToken(member, app, { scp: `${READ} ${AS_USER}` });
      expect((await s.apiTokens.verify(reordered)).scopes).toEqual([AS_USER]);
    });

    it('is refused when the scope it carries is no longer granted', async () => {
      expect(await reason(await userToken(member, readOnlyApp, { scp: AS_USER }))).toBe(
        'the application has no delegated access to the API',
      );
      expect(await reason(await userToken(member, ungrantedApp))).toBe('the application has no delegated access to the API');
      expect(await reason(await userToken(member, app, { scp: undefined }))).toBe('the application has no delegated access to the API');
      expect(await reason(await userToken(member, app, { scp: [AS_USER] }))).toBe('the application has no delegated access to the API');
      expect(await reason(await userToken(member, app, { scp: '' }))).toBe('the application has no delegated access to the API');
    });

    it('stops working when the app loses its API access', async () => {
      const client = (await s.apps.createAsOperator(tenantId, { displayName: 'Revoked', assignmentRequired: false })).application;
      await s.apiAccess.grant(admin, client.id, [AS_USER]);
      const token = await userToken(member, client);
      expect(await reason(token)).toBe('accepted');
      await s.apiAccess.revoke(admin, client.id);
      expect(await reason(token)).toBe('the application has no delegated access to the API');
    });

    it('needs an application that still exists', async () => {
      expect(await reason(await userToken(member, app, { client_id: undefined }))).toBe('the application no longer exists');
      expect(await reason(await userToken(member, app, { client_id: 7 }))).toBe('the application no longer exists');
      expect(await reason(await userToken(member, app, { client_id: 'unknown-client' }))).toBe('the application no longer exists');
    });

    it('needs a user of the issuing tenant', async () => {
      expect(await reason(await userToken(member, app, { oid: newId() }))).toBe('the user is unknown');
      expect(await reason(await userToken(home, app))).toBe('the user is unknown');
      expect(await reason(await userToken(member, app, { oid: 42 }))).toBe('the token names no caller');
    });

    it('stops working when the user is disabled, and works again when enabled', async () => {
      const user = await s.users.createMember(tenantId, { displayName: 'Dora', mail: 'dora@contoso.example' });
      const token = await userToken(user, app);
      expect(await s.apiTokens.verify(token)).toMatchObject({ id: user.id, roles: [] });
      await s.users.setEnabled(admin, user.id, false);
      expect(await reason(token)).toBe('the user has no access');
      await s.users.setEnabled(admin, user.id, true);
      expect(await reason(token)).toBe('accepted');
    });

    it('is refused for an app that requires assignment when the user is not assigned', async () => {
      const client = (await s.apps.createAsOperator(tenantId, { displayName: 'Assigned only', assignmentRequired: true })).application;
      await s.apiAccess.grant(admin, client.id, [READ]);
      expect(await reason(await userToken(member, client, { scp: READ }))).toBe('the user has no access');
    });

    it("ignores a member's altsecid", async () => {
      expect(await reason(await userToken(member, app, { altsecid: 'anything' }))).toBe('accepted');
    });
  });

  describe("a guest's token", () => {
    it('names the guest while it is bound to the home identity that signed in', async () => {
      expect(await s.apiTokens.verify(await userToken(guest, app))).toEqual({
        tenantId,
        kind: 'user',
        id: guest.id,
        displayName: 'Gus Guest',
        roles: [],
        scopes: [AS_USER],
      });
    });

    it('is refused once the guest is bound to another identity', async () => {
      const token = await userToken(guest, app);
      expect(await reason(await userToken(guest, app, { altsecid: undefined }))).toBe('the guest is bound to another identity');
      expect(await reason(await userToken(guest, app, { altsecid: 'gw::someone-else' }))).toBe('the guest is bound to another identity');
      // A reset redemption redeemed by someone else re-binds the same object.
      await db.manager.update(User, { id: guest.id }, { altSecId: 'gw::new-home' });
      try {
        expect(await reason(token)).toBe('the guest is bound to another identity');
      } finally {
        await db.manager.update(User, { id: guest.id }, { altSecId: guest.altSecId });
      }
      expect(await reason(token)).toBe('accepted');
    });

    it('stops working when the home account is disabled', async () => {
      const token = await userToken(guest, app);
      await db.manager.update(User, { id: home.id }, { accountEnabled: false });
      try {
        expect(await reason(token)).toBe('the user has no access');
      } finally {
        await db.manager.update(User, { id: home.id }, { accountEnabled: true });
      }
    });

    it("stops working when the guest's access ends (on the gateway's clock)", async () => {
      const token = await userToken(guest, app);
      const ends = new Date(clock.now().getTime() + 60_000);
      await db.manager.update(User, { id: guest.id }, { accessExpiresAt: ends });
      try {
        expect(await reason(token)).toBe('accepted');
        clock.offset += 60_000;
        expect(await reason(token)).toBe('the user has no access');
      } finally {
        clock.offset = 0;
        await db.manager.update(User, { id: guest.id }, { accessExpiresAt: null });
      }
    });
  });
});
