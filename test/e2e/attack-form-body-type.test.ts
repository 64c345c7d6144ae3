import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';

/**
 * An outside attack found that a page's POST sent with the browser's own CSRF token in the
 * `x-csrf-token` header (as the passkey calls send it) but a body that is not a form (JSON, text, or
 * none) passed the CSRF check and reached handlers that read `req.body.email`: the form parser had
 * left no body, and the access panel's sign-in and the activation pages answered 500 with an
 * "unhandled HTTP error" in the log. Such a request is the client's error: a readable 400 page.
 */
describe.each(testDatabases())('attack: a page POST whose body is not a form on %s', (kind) => {
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

  /** A browser session of the attacker's own, and the CSRF token its pages carry. */
  async function session(): Promise<{ cookie: string; csrf: string }> {
    const page = await fetch(`${t.baseUrl}/password/forgot`);
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
    expect(csrf).toBeDefined();
    return { cookie, csrf: csrf! };
  }

  const bodies: [string, Record<string, string>, string | undefined][] = [
    ['a JSON', { 'content-type': 'application/json' }, JSON.stringify({ email: 'a@b.example', password: 'x', token: 'y' })],
    ['a text', { 'content-type': 'text/plain' }, 'email=a@b.example'],
    ['no', {}, undefined],
  ];

  it.each(bodies)('answers %s body with the CSRF header as a readable 400, not a 500', async (_name, headers, body) => {
    const { cookie, csrf } = await session();
    for (const path of [`/${a.tenant.id}/myapps`, '/activate', '/activate/resend', '/password/forgot', '/account/signin']) {
      const response = await fetch(`${t.baseUrl}${path}`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, ...headers },
        body,
        redirect: 'manual',
      });
      expect(response.status, path).toBe(400);
      expect(await response.text(), path).toContain('it was not sent as a form');
    }
  });

  it('still reads the same request sent as a form', async () => {
    const { cookie, csrf } = await session();
    const response = await fetch(`${t.baseUrl}/activate/resend`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, email: 'nobody@form-body.example' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('nobody@form-body.example');
  });
});
