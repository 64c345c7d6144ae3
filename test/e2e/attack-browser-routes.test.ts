import type { Server } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, type PartnerApp, redeemBySignUp } from '../helpers/partner-flow.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { decodeEntities, WebClient, type WebResponse } from '../helpers/web-client.js';

/**
 * Every route a browser can reach, with what a hostile or broken client sends: each path parameter
 * as an id that exists nowhere, a long string, markup and dot segments; hostile query strings; form
 * bodies with long, repeated and bracketed fields, posted with a signed-in person's own CSRF token so
 * that they pass the session checks and reach the handlers; JSON that is not what a script sends. No
 * answer may be a 5xx, and every error a person's browser can see is a readable page, not a stack or
 * a bare message. The routes are read from the running gateway's router, so a page added later is
 * walked too.
 */
const NOWHERE = '01a20000-0000-7000-8000-000000000000';
const LONG = 'x'.repeat(3000);
const PARAMETERS = [NOWHERE, LONG, '<script>alert(1)</script>', 'nul\u0000byte', "'"];
const QUERY = `?token=${LONG}&code=${LONG}&state=%3Cx%3E&returnTo=//evil.example&error=x&RelayState=${LONG}&SAMLRequest=%%%&uid[]=1&tenant[a]=b`;
/** Fields a page form might read, each hostile (and some repeated or bracketed below). */
const FIELDS: [string, string][] = [
  ['email', LONG],
  ['email', 'second@example.com'],
  ['password', LONG],
  ['newPassword', LONG],
  ['code', LONG],
  ['displayName', LONG],
  ['name', LONG],
  ['id', NOWHERE],
  ['credentialId', LONG],
  ['returnTo', '//evil.example'],
  ['language', LONG],
  ['tenantId', NOWHERE],
  ['password[x]', '1'],
  ['code[]', '1'],
];
/** JSON routes (the passkey ceremony's script, the console's calls): answered in JSON, not pages. */
const isJsonRoute = (path: string) => path.startsWith('/mfa/passkey/') || /^\/admin\/:tenantId\/(graphql|signout)$/.test(path);
/** Answers for machines: no page expected. */
const isMachineRoute = (path: string) => ['/healthz', '/readyz', '/metrics'].includes(path) || path.startsWith('/static/');
/** Routes that end the session: walked last, so that every other route is walked signed in. */
const endsSession = (path: string) => /signout|\/account\/(leave|delete)/.test(path);

interface Route {
  method: 'get' | 'post';
  path: string;
}

/** The routes of the gateway's Express router (an Express 5 layer has `route` or a nested `handle.stack`). */
function routesOf(server: Server): Route[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const app = server.listeners('request')[0] as unknown as { router: { stack: Layer[] } };
  const routes: Route[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route)
        for (const method of Object.keys(layer.route.methods))
          if (method === 'get' || method === 'post') routes.push({ method, path: layer.route.path });
      if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk(app.router.stack);
  return routes.sort((a, b) => Number(endsSession(a.path)) - Number(endsSession(b.path)));
}

/** Each way of filling the route's parameters: the tenant real and the rest hostile, then the tenant hostile. */
function pathsOf(path: string, tenantId: string): string[] {
  const fill = (tenant: string, other: string) =>
    path
      .replace('{/*rest}', `/${encodeURIComponent(other)}`)
      .replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(name === 'tenantId' ? tenant : other));
  if (!/[:{]/.test(path)) return [path];
  return [...PARAMETERS.map((p) => fill(tenantId, p)), ...PARAMETERS.map((p) => fill(p, NOWHERE))];
}

describe.each(testDatabases())('attack: every browser route, hostile input (%s)', (kind) => {
  let t: TestGateway;
  let tenant: TenantFixture;
  let app: PartnerApp;
  const suite = useGatewaySuite(kind, { smtp: true, tenants: [{}], app: true });
  const web = new WebClient();
  const email = `walker.${kind}@fabrikam-walk.example`;
  let csrf: string;

  beforeAll(async () => {
    ({ t, app } = suite);
    [tenant] = suite.tenants;
    const invitation = await invite(tenant!, email, app);
    await redeemBySignUp(t, suite.smtp!, web, invitation.inviteRedeemUrl!, email);
    const account = await web.get(`${t.baseUrl}/account`);
    csrf = decodeEntities(/name="csrf" value="([^"]+)"/.exec(account.body)![1]!);
  });

  /** What is wrong with an answer, if anything. */
  function fault(route: Route, response: WebResponse): string | null {
    if (response.status >= 500) return `${response.status}`;
    if (response.status < 400 || isMachineRoute(route.path)) return null;
    if (isJsonRoute(route.path))
      return /^\s*[{[]/.test(response.body) ? null : `${response.status} not JSON: ${response.body.slice(0, 300)}`;
    if (!/<html/i.test(response.body)) return `${response.status} not a page: ${response.body.slice(0, 80)}`;
    if (/\bat \S+ \(|Error: /.test(response.body)) return `${response.status} shows a stack or raw error`;
    return null;
  }

  it('walks the routes it should', () => {
    const routes = routesOf(t.gateway.httpServer);
    expect(routes.length).toBeGreaterThan(60);
    expect(routes).toContainEqual({ method: 'post', path: '/redeem/accept' });
    expect(routes.at(-1)!.path).toMatch(/signout|leave|delete/);
  });

  it('answers every route with a page or a refusal, never a server error', async () => {
    const faults: string[] = [];
    let walkedSignedIn = 0;
    let stillSignedIn = false;
    for (const route of routesOf(t.gateway.httpServer)) {
      // The walk stays signed in until the routes that end the session: the forms above reached their handlers.
      if (endsSession(route.path) && !stillSignedIn)
        stillSignedIn = (await web.get(`${t.baseUrl}/account`)).body.includes('action="/account/signout-everywhere"');
      for (const path of pathsOf(route.path, tenant!.tenant.id)) {
        const url = `${t.baseUrl}${path}`;
        const answers: WebResponse[] = [];
        if (route.method === 'get') {
          answers.push(await web.get(url), await web.get(`${url}${QUERY}`));
        } else if (isJsonRoute(route.path)) {
          answers.push(
            await web.postJson(url, { id: 5, response: LONG, rawId: [1], type: {} }, { 'x-csrf-token': csrf }),
            await web.postJson(url, '{"unterminated', { 'x-csrf-token': csrf }),
          );
        } else {
          answers.push(await web.post(url, new URLSearchParams([['csrf', csrf], ...FIELDS])), await web.post(url, { csrf }));
        }
        for (const answer of answers) {
          const wrong = fault(route, answer);
          if (wrong) faults.push(`${route.method.toUpperCase()} ${path.slice(0, 120)}: ${wrong}`);
        }
      }
      if (!endsSession(route.path)) walkedSignedIn++;
    }
    expect(faults).toEqual([]);
    expect(stillSignedIn).toBe(true);
    expect(walkedSignedIn).toBeGreaterThan(50);
  }, 120_000); // over a thousand requests: minutes on a loaded machine, not the suite's 30 s
});
