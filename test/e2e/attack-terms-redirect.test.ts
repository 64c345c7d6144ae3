import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';

/**
 * An outside attack found an open redirect in the terms-of-use pages: with nothing to accept they
 * send the browser back to a path built from the address's tenant id and uid, which Express hands
 * over decoded, so `https://gateway/%2Fevil.example/myapps/terms` answered `Location:
 * //evil.example/myapps`, anonymously. Wherever the terms page sends the browser, it stays on the
 * gateway.
 */
describe.each(testDatabases())('attack: the terms page as an open redirect on %s', (kind) => {
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

  const location = async (path: string) => {
    const response = await fetch(`${t.baseUrl}${path}`, { redirect: 'manual' });
    expect(response.status, path).toBe(303);
    return response.headers.get('location')!;
  };
  /** Where a browser goes: the Location resolved against the page, as a browser does (`\` read as `/`). */
  const followed = (path: string, to: string) => new URL(to.replace(/\\/g, '/'), `${t.baseUrl}${path}`);

  it.each(['%2Fevil.example', '%2F%2Fevil.example', '%5Cevil.example', '%2F%5Cevil.example'])(
    'keeps the browser on the gateway when the tenant id is %s',
    async (evil) => {
      for (const path of [`/${evil}/myapps/terms`, `/${evil}/interaction/uid/terms`, `/${evil}/saml2/sso/uid/terms`]) {
        const to = await location(path);
        expect(followed(path, to).origin, `${path} → ${to}`).toBe(new URL(t.baseUrl).origin);
        expect(to, path).toMatch(/^\/[^/\\]/);
      }
    },
  );

  it('keeps the browser under the tenant when the uid holds slashes and dot segments', async () => {
    for (const uid of ['%2F%2Fevil.example', '..%2F..%2F..%2Fevil', '%5C%5Cevil.example']) {
      for (const path of [`/${a.tenant.id}/interaction/${uid}/terms`, `/${a.tenant.id}/saml2/sso/${uid}/terms`]) {
        const to = await location(path);
        expect(followed(path, to).pathname, `${path} → ${to}`).toMatch(new RegExp(`^/${a.tenant.id}/(interaction|saml2/sso)/[^/]+$`));
      }
    }
  });

  it('sends the browser back as before when there is nothing to accept', async () => {
    expect(await location(`/${a.tenant.id}/myapps/terms`)).toBe(`/${a.tenant.id}/myapps`);
    expect(await location(`/${a.tenant.id}/interaction/abc123/terms`)).toBe(`/${a.tenant.id}/interaction/abc123`);
    expect(await location(`/${a.tenant.id}/saml2/sso/abc123/terms`)).toBe(`/${a.tenant.id}/saml2/sso/abc123`);
  });
});
