import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { idpBase, independentSp, redirectXml, registerSamlApp, warmSchemaValidator, withRedirectXml } from '../helpers/saml-sp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient, type WebResponse } from '../helpers/web-client.js';

/**
 * What a browser or an SP sends into `saml_request` is bounded before it is stored, the same on both
 * databases (PostgreSQL enforces a varchar's length, SQLite does not): a request ID of at most 256
 * characters, a RelayState of at most 1024, and ids in the address that cannot name a row (longer
 * than the 36 of an id) find nothing. The longest that fits is taken.
 */
describe.each(testDatabases())('attack: SAML request fields longer than their columns on %s', (kind) => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let appId: string;
  beforeAll(warmSchemaValidator, 120_000);
  const suite = useGatewaySuite(kind, { tenants: [{ domains: ['contoso-long-saml.example'] }] });
  beforeAll(async () => {
    ({
      t,
      tenants: [contoso],
    } = suite);
    appId = (await registerSamlApp(contoso)).id;
  });
  const refused = (page: WebResponse, status: number, why: RegExp) => {
    expect(page.status, text(page)).toBe(status);
    expect(text(page)).toMatch(why);
  };
  const request = async (relayState: string, id?: string) => {
    const url = await (await independentSp(t, contoso.tenant.id)).getAuthorizeUrlAsync(relayState, undefined, {});
    return id
      ? withRedirectXml(url, redirectXml(url).replace(/ID="[^"]+"/, `ID="${id}"`)) + `&RelayState=${encodeURIComponent(relayState)}`
      : url;
  };

  it('takes a request ID of 256 characters, refuses 257 with a page', async () => {
    expect((await new WebClient().get(await request('', `_${'i'.repeat(255)}`))).status).toBe(303);
    refused(await new WebClient().get(await request('', `_${'j'.repeat(256)}`)), 400, /its ID is missing or too long/);
  });

  it('takes a RelayState of 1024 characters (SP- and IdP-initiated), refuses 1025 with a page', async () => {
    expect((await new WebClient().get(await request(`/${'r'.repeat(1023)}`))).status).toBe(303);
    refused(await new WebClient().get(await request(`/${'r'.repeat(1024)}`)), 400, /its RelayState is too long/);
    const idpInitiated = `${idpBase(t, contoso.tenant.id)}/apps/${appId}/sso?RelayState=`;
    expect((await new WebClient().get(`${idpInitiated}/${'d'.repeat(1023)}`)).status).toBe(303);
    refused(await new WebClient().get(`${idpInitiated}/${'d'.repeat(1024)}`), 400, /its RelayState is too long/);
  });

  it('finds no app, pending sign-in or tenant for an id longer than an id column', async () => {
    const base = idpBase(t, contoso.tenant.id);
    const long = 'x'.repeat(300);
    refused(await new WebClient().get(`${base}/apps/${long}/sso`), 404, /not found|no such/i);
    refused(await new WebClient().get(`${base}/sso/${long}`), 400, /expired or was completed already/);
    refused(await new WebClient().get(`${t.baseUrl}/${long}/saml2/metadata`), 404, /no such organization/);
  });
});
