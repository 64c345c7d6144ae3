import { describe, expect, it } from 'vitest';
import { DirectoryRole, PrincipalKind, RoleAssignment } from '../../src/directory/role-assignment.entity.js';
import { issuerFor } from '../../src/oidc/issuer.js';
import { newId } from '../../src/shared/ids.js';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * An application token's client id is read from the token before its signature is checked (keys,
 * app and roles in one statement). Whatever an unsigned token puts there must end as a 401, never
 * as a database error (a 500 anyone can cause, and noise in the error log).
 */
describe.each(testDatabases())('attack: unverified API token claims on %s', (kind) => {
  const suite = useGatewaySuite(kind, { tenants: [{}, {}] });

  const call = async (claims: Record<string, unknown>) => {
    const { t, tenants } = suite;
    const header = b64({ alg: 'RS256', typ: 'at+jwt', kid: 'nope' });
    const payload = b64({ iss: issuerFor(t.baseUrl, tenants[0]!.tenant.id), aud: 'x', exp: 4102444800, ...claims });
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${header}.${payload}.AAAA` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    return { status: response.status, body: await response.text() };
  };

  it.each([
    ['a NUL byte', 'ab\u0000cd'],
    ['a lone surrogate', 'ab\ud800cd'],
    ['a long id', 'x'.repeat(4000)],
    ['SQL text', `' OR 1=1 --`],
  ])('answers 401 for a client id holding %s', async (_, clientId) => {
    const { status, body } = await call({ sub: clientId, client_id: clientId });
    expect(status, body).toBe(401);
    expect(body).toContain('UNAUTHENTICATED');
  });

  it("reads an application token's roles in its own tenant only, at every request", async () => {
    const { t, tenants } = suite;
    const [a, b] = tenants as [(typeof tenants)[0], (typeof tenants)[0]];
    const plain = await a.principal([]);
    const viewer = async () => {
      const response = await fetch(`${t.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${plain.token}` },
        body: JSON.stringify({ query: '{ viewer { roles } users(first: 1) { totalCount } }' }),
      });
      return (await response.json()) as { data?: { viewer: { roles: string[] } }; errors?: { extensions: { code: string } }[] };
    };
    // Rows no service writes: an assignment naming A's app, held in tenant B (by id and by appId).
    const forged = (principalId: string) => ({
      id: newId(),
      tenantId: b.tenant.id,
      principalKind: PrincipalKind.Application,
      principalId,
      role: DirectoryRole.GlobalAdministrator,
      createdAt: new Date(),
    });
    await t.gateway.db.manager.insert(RoleAssignment, [forged(plain.app.id), forged(plain.app.appId)]);
    const answer = await viewer();
    expect(answer.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    // An assignment in A counts at the very next request, and its removal too.
    const own = { ...forged(plain.app.id), tenantId: a.tenant.id };
    await t.gateway.db.manager.insert(RoleAssignment, own);
    expect((await viewer()).data?.viewer.roles).toEqual(['GlobalAdministrator']);
    await t.gateway.db.manager.delete(RoleAssignment, { id: own.id });
    expect((await viewer()).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
