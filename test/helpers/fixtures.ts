import type { Application } from '../../src/apps/application.entity.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import type { CreateTenantInput } from '../../src/directory/tenant.service.js';
import type { Tenant } from '../../src/directory/tenant.entity.js';
import type { Clock } from '../../src/shared/clock.js';
import { afterAll, beforeAll } from 'vitest';
import type { DatabaseKind } from './databases.js';
import { GraphQLClient, startTestGateway, type TestGateway, type Transport } from './test-gateway.js';

let counter = 0;

export interface Principal {
  app: Application;
  clientSecret: string;
  token: string;
  client: GraphQLClient;
}

export interface TenantFixture {
  tenant: Tenant;
  admin: Principal;
  /** Another automation app of the same tenant holding exactly these roles. */
  principal(roles: DirectoryRole[]): Promise<Principal>;
}

/** A managed tenant with a GlobalAdministrator automation app and its API token, obtained over real HTTP. */
export async function createTenant(
  t: TestGateway,
  transport: Transport = 'http',
  input: Partial<CreateTenantInput> = {},
): Promise<TenantFixture> {
  counter += 1;
  const n = `${counter}${Math.random().toString(36).slice(2, 6)}`;
  const tenant = await t.gateway.services.tenants.create({
    name: `Tenant ${n}`,
    domains: [`tenant${n}.example`],
    ...input,
  });
  const principal = (roles: DirectoryRole[]) => createPrincipal(t, tenant.id, roles, transport);
  return { tenant, admin: await principal([DirectoryRole.GlobalAdministrator]), principal };
}

export async function createPrincipal(t: TestGateway, tenantId: string, roles: DirectoryRole[], transport: Transport): Promise<Principal> {
  const { application: app, clientSecret } = await t.gateway.services.apps.createAsOperator(
    tenantId,
    { displayName: `automation ${roles.join('+') || 'no role'}` },
    roles,
  );
  const token = await clientCredentialsToken(t, tenantId, app.appId, clientSecret);
  return { app, clientSecret, token, client: new GraphQLClient(t, token, transport) };
}

export async function tokenResponse(
  t: TestGateway,
  tenantId: string,
  clientId: string,
  secret: string,
  params: Record<string, string> = {},
) {
  const response = await fetch(`${t.baseUrl}/${tenantId}/v2.0/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...params }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function clientCredentialsToken(t: TestGateway, tenantId: string, clientId: string, secret: string): Promise<string> {
  const { status, body } = await tokenResponse(t, tenantId, clientId, secret);
  if (status !== 200 || typeof body.access_token !== 'string') throw new Error(`token request failed: ${status} ${JSON.stringify(body)}`);
  return body.access_token;
}

export interface TwoTenants {
  t: TestGateway;
  /** The caller's tenant. */
  a: TenantFixture;
  /** Another tenant, for the cross-tenant twin of each test. */
  b: TenantFixture;
}

/** A gateway with two tenants (on `clock`, when given), started before and stopped after the calling suite. */
export function twoTenants(kind: DatabaseKind, transport: Transport, options: { clock?: Clock } = {}): TwoTenants {
  const suite = {} as TwoTenants;
  beforeAll(async () => {
    suite.t = await startTestGateway(kind, {}, { clock: options.clock });
    suite.a = await createTenant(suite.t, transport);
    suite.b = await createTenant(suite.t, transport);
  });
  afterAll(() => suite.t.stop());
  return suite;
}
