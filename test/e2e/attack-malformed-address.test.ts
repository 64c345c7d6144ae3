import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';

/**
 * An outside attack found every route with a path parameter answering a malformed percent-escape
 * (`%`, `%ff`, `%e2%80`) with a 500 and an "unhandled HTTP error" in the log: Express's router throws
 * a URIError it marks 400 but not `expose`. Such an address is the client's error: a readable 400
 * page, whichever router (pages, the provider, the console, SAML) holds the parameter, and the same
 * route still answers a well-formed address as before.
 */
describe.each(testDatabases())('attack: a malformed percent-escape in an address on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  const suite = useGatewaySuite(kind, { tenants: [{}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a],
      } = suite),
  );

  const paths = (bad: string, tenant: string) => [
    `/${bad}/v2.0/.well-known/openid-configuration`,
    `/${bad}/v2.0/auth?client_id=x`,
    `/${bad}/myapps`,
    `/${bad}/saml2/metadata`,
    `/${tenant}/interaction/${bad}`,
    `/${tenant}/interaction/${bad}/abort`,
    `/${tenant}/saml2/sso/${bad}`,
    `/${tenant}/saml2/apps/${bad}/sso`,
    `/admin/${bad}/signin`,
    `/admin/${tenant}/preview/${bad}`,
    `/branding/${bad}`,
  ];

  it.each(['%', '%ff', '%e2%80', 'a%zz'])('answers %s in a path parameter with a readable 400 page, not a 500', async (bad) => {
    for (const path of paths(bad, a.tenant.id)) {
      const response = await fetch(`${t.baseUrl}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(await response.text(), path).toContain('This address is malformed');
    }
  });

  it('answers a POST to such an address the same way', async () => {
    const response = await fetch(`${t.baseUrl}/${a.tenant.id}/interaction/%ff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40b.example',
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('This address is malformed');
  });

  it('still answers the same routes with a well-formed address', async () => {
    const discovery = await fetch(`${t.baseUrl}/${a.tenant.id}/v2.0/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const branding = await fetch(`${t.baseUrl}/branding/${a.tenant.id}.css`);
    expect(branding.status).toBe(200);
    // A well-formed escape is decoded as before: an unknown tenant is the provider's 404.
    const unknown = await fetch(`${t.baseUrl}/%41bc/v2.0/.well-known/openid-configuration`);
    expect(unknown.status).toBe(404);
  });
});
