import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, type PartnerApp, REPLY_URL } from '../helpers/partner-flow.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { startUpstreamIdp } from '../helpers/upstream-idp.js';
import { text, WebClient } from '../helpers/web-client.js';
import { RegisterIdentityProviderDocument } from '../graphql/generated.js';

/**
 * A reverse proxy in front of the gateway that forwards with its own Host header (nginx's default,
 * `proxy_pass http://gateway.internal:3000`); the browser reaches PUBLIC_URL through it. The paths
 * it forwarded show the callback went through it.
 */
async function startRewritingProxy(target: string) {
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    const to = new URL(target);
    paths.push(new URL(req.url ?? '/', target).pathname);
    const upstream = http.request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: 'gateway.internal:3000' } },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwarded: () => paths,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * An outside attack found that the federation callback built the URL it hands to the code exchange
 * from the request's Host header (and always `http:`), and openid-client sends that URL's origin and
 * path as the token request's redirect_uri. Behind a proxy that forwards its own Host, or on any
 * https PUBLIC_URL, it differed from the redirect_uri of the authorization request, and the
 * partner's provider refused every code: no federated sign-in worked, and the Host a client sent
 * chose what the gateway told the partner. The code exchange names PUBLIC_URL's callback only.
 */
describe.each(testDatabases())('attack: the federation callback behind a proxy on %s', (kind) => {
  let proxy: Awaited<ReturnType<typeof startRewritingProxy>>;
  let t: TestGateway;
  let contoso: TenantFixture;
  let app: PartnerApp;
  let upstream: Awaited<ReturnType<typeof startUpstreamIdp>>;
  const suite = useGatewaySuite(kind, {
    tenants: [{ domains: ['contoso-proxy.example'] }, { domains: ['fabrikam-proxy.example'] }],
    app: true,
  });
  beforeAll(async () => {
    ({ t, app } = suite);
    contoso = suite.tenants[0]!;
    proxy = await startRewritingProxy(t.ownUrl);
    upstream = await startUpstreamIdp(`${t.baseUrl}/federation/callback`);
    await suite.tenants[1]!.admin.client.data(RegisterIdentityProviderDocument, {
      input: { issuer: upstream.issuer, clientId: 'gateway', clientSecret: 'upstream-secret', domains: ['fabrikam-proxy.example'] },
    });
  });
  afterAll(async () => {
    await upstream?.close();
    await proxy?.close();
  });

  it('redeems through the partner provider when the gateway sees another Host than PUBLIC_URL', async () => {
    upstream.addAccount('p1', 'p1@fabrikam-proxy.example', 'Person One');
    upstream.signInAs('p1');
    const invitation = await invite(contoso, 'p1@fabrikam-proxy.example', app);
    // The browser reaches the gateway at PUBLIC_URL through the proxy.
    const web = new WebClient((u) => (u.startsWith(t.baseUrl) ? proxy.url + u.slice(t.baseUrl.length) : u));
    const landed = await web.follow(await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept'), (u) =>
      u.startsWith(REPLY_URL),
    );
    expect(landed.url, text(landed)).toBe(REPLY_URL);
    expect(proxy.forwarded()).toContain('/federation/callback');
  });
});
