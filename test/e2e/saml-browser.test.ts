import http from 'node:http';
import { type SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, shot } from '../helpers/chromium.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { managedTenantWithMember, registerApp } from '../helpers/partner-flow.js';
import { redeemAsGuest } from '../helpers/policy-flow.js';
import { independentSp, registerSamlApp, warmSchemaValidator } from '../helpers/saml-sp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { WebClient } from '../helpers/web-client.js';
import { User } from '../../src/directory/user.entity.js';
import { InviteUserDocument } from '../graphql/generated.js';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A guest in Chromium: a tiny SAML service provider served by the test (@node-saml/node-saml behind
 * node:http) sends the browser to the gateway, the guest signs in on the gateway's page, the
 * auto-submitted HTTP-POST response lands at the SP, which validates it and greets the guest.
 */
describe.skipIf(!hasChromium())('SAML sign-on in a real browser', () => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let browser: Browser;
  let server: http.Server;
  let sp: SAML;
  let spUrl: string;
  let appId: string;
  const bob = { email: 'bob@saml-browser-home.example', password: 'bob-has-a-long-password' };
  // Before the gateway starts: loading it blocks the process for seconds, and idle keep-alive sockets would reset.
  beforeAll(warmSchemaValidator, 120_000);
  const suite = useGatewaySuite('sqlite', { smtp: true });

  beforeAll(async () => {
    ({ t } = suite);
    await managedTenantWithMember(t, 'saml-browser-home.example', bob.email, bob.password);
    contoso = await createTenant(t, 'http', { domains: ['contoso-saml-browser.example'] });
    await redeemAsGuest(contoso, await registerApp(t, contoso, { assignmentRequired: false }), bob, new WebClient());
    server = http.createServer((req, res) => {
      void (async () => {
        if (req.method === 'GET' && req.url === '/login') {
          res.writeHead(302, { location: await sp.getAuthorizeUrlAsync('/welcome', undefined, {}) }).end();
          return;
        }
        let body = '';
        for await (const chunk of req) body += String(chunk);
        const fields = Object.fromEntries(new URLSearchParams(body)) as Record<string, string>;
        try {
          const { profile } = await sp.validatePostResponseAsync(fields);
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end(
            `<!doctype html><title>Partner CRM</title><h1 id="hello">Signed in as ${escape(profile!.nameID)}</h1>` +
              `<p id="relay">${escape(fields.RelayState ?? '')}</p>`,
          );
        } catch (error) {
          res.writeHead(400, { 'content-type': 'text/plain' }).end(`refused: ${String(error)}`);
        }
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    spUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const app = await registerSamlApp(contoso, { entityId: `${spUrl}/saml`, acsUrls: [`${spUrl}/acs`], logoutUrl: null });
    appId = app.id;
    sp = await independentSp(t, contoso.tenant.id, { issuer: `${spUrl}/saml`, audience: `${spUrl}/saml`, callbackUrl: `${spUrl}/acs` });
    browser = await launchChromium();
  }, 120_000);
  /** The managed tenant a member's address belongs to (managedTenantWithMember made it). */
  const homeTenantOf = async (mail: string) => ({ id: (await t.gateway.db.manager.findOneByOrFail(User, { mail })).tenantId });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('a guest signs in SP-initiated and lands signed in at the SP; IdP-initiated then needs no page', async () => {
    const context = await browser.newContext({ viewport: { width: 420, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${spUrl}/login`);
    await page.waitForSelector('#password');
    expect(page.url()).toContain(`/${contoso.tenant.id}/saml2/sso/`);
    await shot(page, 'saml-sign-in');
    await page.fill('#email', bob.email);
    await page.fill('#password', bob.password);
    await page.click('#submit');
    await page.waitForURL(`${spUrl}/acs`);
    expect(await page.textContent('#hello')).toBe(`Signed in as ${bob.email}`);
    expect(await page.textContent('#relay')).toBe('/welcome');
    await shot(page, 'saml-landed');

    // The access panel's future link: IdP-initiated, signed in already, straight to the SP.
    sp = await independentSp(t, contoso.tenant.id, {
      issuer: `${spUrl}/saml`,
      audience: `${spUrl}/saml`,
      callbackUrl: `${spUrl}/acs`,
      validateInResponseTo: ValidateInResponseTo.ifPresent,
    });
    await page.goto(`${t.baseUrl}/${contoso.tenant.id}/saml2/apps/${appId}/sso`);
    await page.waitForURL(`${spUrl}/acs`);
    expect(await page.textContent('#hello')).toBe(`Signed in as ${bob.email}`);
    await context.close();
  });

  it('a guest redeems an invitation to the SAML app, opens it from the access panel and lands signed in at the SP', async () => {
    const carol = { email: 'carol@saml-browser-home.example', password: 'Juniper-Harbour-Violet-3' };
    await t.gateway.services.accounts.setPassword(
      (await t.gateway.services.users.createMember((await homeTenantOf(bob.email)).id, { displayName: 'Carol', mail: carol.email })).id,
      carol.password,
    );
    const { inviteUser } = await contoso.admin.client.data(InviteUserDocument, {
      input: { email: carol.email, displayName: 'Carol', applicationIds: [appId] },
    });
    sp = await independentSp(t, contoso.tenant.id, {
      issuer: `${spUrl}/saml`,
      audience: `${spUrl}/saml`,
      callbackUrl: `${spUrl}/acs`,
      validateInResponseTo: ValidateInResponseTo.ifPresent,
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(inviteUser.inviteRedeemUrl!);
    await page.click('#accept');
    await page.fill('#password', carol.password);
    await page.click('#submit');
    await page.goto(`${t.baseUrl}/${contoso.tenant.id}/myapps`);
    await shot(page, 'saml-panel');
    await page.click('ul.apps a:has-text("Partner CRM")');
    await page.waitForURL(`${spUrl}/acs`);
    expect(await page.textContent('#hello')).toBe(`Signed in as ${carol.email}`);
    await context.close();
  });
});
