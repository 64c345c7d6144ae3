import { ACR_MFA } from '../../src/policies/acr.js';
// Real tokens signed with a tenant's own keys, and the services that verify them (tests in test/service/api-token.*).
import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, expect } from 'vitest';
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
import { type DatabaseKind, createTestDatabase, type TestDatabase } from './databases.js';

export const PUBLIC_URL = 'https://gw.example';
export const RESOURCE = `${PUBLIC_URL}/graphql`;
export const READ = ApiScope.DirectoryReadAll;
export const AS_USER = ApiScope.DirectoryAccessAsUserAll;

/**
 * For the API token verifier against real tokens signed with the tenant's own keys (the signing key
 * service on a real database); the provider is not involved, so each claim can be set wrong on purpose.
 * Opens a database with two tenants, apps and users for the surrounding suite (closed after it) and
 * returns them with the token builders.
 */
export function useApiTokenHarness(kind: DatabaseKind) {
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
        // Signed in with MFA, as the provider says for an administrator under the default policy.
        acr: ACR_MFA,
        auth_time: Math.floor(Date.now() / 1000),
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

  return {
    clock,
    issuer,
    sign,
    userToken,
    appToken,
    reason,
    get db() {
      return db;
    },
    get s() {
      return s;
    },
    get tenantId() {
      return tenantId;
    },
    get otherTenantId() {
      return otherTenantId;
    },
    get admin() {
      return admin;
    },
    get app() {
      return app;
    },
    get readOnlyApp() {
      return readOnlyApp;
    },
    get ungrantedApp() {
      return ungrantedApp;
    },
    get member() {
      return member;
    },
    get home() {
      return home;
    },
    get guest() {
      return guest;
    },
  };
}
