import { deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { MFA_PASSWORD, memberWithPassword } from '../helpers/mfa.js';
import {
  idpBase,
  independentSp,
  postedForm,
  redirectXml,
  registerSamlApp,
  SP,
  signOn,
  spCredentials,
  withRedirectXml,
  warmSchemaValidator,
} from '../helpers/saml-sp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient, type WebResponse } from '../helpers/web-client.js';
import { CreateSamlApplicationDocument } from '../graphql/generated.js';

/** Each hostile request is refused with the error page (400, BAD_USER_INPUT) and never gets a response. */
function expectRefused(page: WebResponse, why: RegExp) {
  expect(page.status, text(page)).toBe(400);
  expect(text(page)).toMatch(why);
  expect(page.body).toContain('BAD_USER_INPUT');
  expect(postedForm(page)).toBeNull();
}

describe.each(testDatabases())('SAML hostile input (%s)', (kind) => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let sso: string;
  let signing: { privateKey: string; certificate: string };
  // Before the gateway starts: loading it blocks the process for seconds, and idle keep-alive sockets would reset.
  beforeAll(warmSchemaValidator, 120_000);
  const suite = useGatewaySuite(kind, { tenants: [{ domains: ['contoso-hostile.example'] }] });
  const signedEntity = `${SP.entityId}/signed`;
  beforeAll(async () => {
    ({
      t,
      tenants: [contoso],
    } = suite);
    sso = `${idpBase(t, contoso.tenant.id)}/sso`;
    signing = await spCredentials();
    await registerSamlApp(contoso);
    await registerSamlApp(contoso, { entityId: signedEntity, signingCertificate: signing.certificate });
  });

  const plainSp = () => independentSp(t, contoso.tenant.id);
  const signedSp = (options: Record<string, unknown> = {}) =>
    independentSp(t, contoso.tenant.id, { issuer: signedEntity, audience: signedEntity, privateKey: signing.privateKey, ...options });

  it('accepts a signed request from the SP that registered a certificate (redirect and POST), refuses an unsigned one', async () => {
    const mail = `sig${Date.now()}@contoso-hostile.example`;
    await memberWithPassword(t, contoso, mail);
    const web = new WebClient();
    const sp = await signedSp();
    const viaRedirect = await signOn(web, await sp.getAuthorizeUrlAsync('', undefined, {}), { email: mail, password: MFA_PASSWORD });
    expect((await sp.validatePostResponseAsync(postedForm(viaRedirect)!.fields)).profile!.nameID).toBe(mail);
    const postSp = await signedSp({ authnRequestBinding: 'HTTP-POST', skipRequestCompression: true });
    const message = (await postSp.getAuthorizeMessageAsync('')) as Record<string, string>;
    expect(Buffer.from(message.SAMLRequest!, 'base64').toString()).toContain('Signature');
    const viaPost = await signOn(web, await web.post(sso, message));
    expect((await postSp.validatePostResponseAsync(postedForm(viaPost)!.fields)).profile!.nameID).toBe(mail);

    const unsigned = await signedSp({ privateKey: undefined });
    expectRefused(await web.get(await unsigned.getAuthorizeUrlAsync('', undefined, {})), /it is not signed/);
    const unsignedPost = await signedSp({ privateKey: undefined, authnRequestBinding: 'HTTP-POST', skipRequestCompression: true });
    expectRefused(
      await web.post(sso, (await unsignedPost.getAuthorizeMessageAsync('')) as Record<string, string>),
      /signature does not cover/,
    );
  });

  it('refuses a redirect request whose signature does not match (a changed ID)', async () => {
    const url = new URL(await (await signedSp()).getAuthorizeUrlAsync('', undefined, {}));
    const xml = redirectXml(url.href).replace(/ID="[^"]+"/, 'ID="_tampered1"');
    url.searchParams.set('SAMLRequest', deflateRawSync(Buffer.from(xml)).toString('base64'));
    expectRefused(await new WebClient().get(url.href), /signature/);
  });

  it('refuses a redirect query that shows a parser another message than the signed one', async () => {
    const url = new URL(await (await signedSp()).getAuthorizeUrlAsync('', undefined, {}));
    const raw = url.search.slice(1).split('&');
    const field = (name: string) => raw.find((p) => p.startsWith(`${name}=`))!;
    const forgedXml = redirectXml(url.href).replace(/ID="[^"]+"/, 'ID="_forged_by_outsider"');
    const forged = encodeURIComponent(deflateRawSync(Buffer.from(forgedXml)).toString('base64'));
    const at = (...fields: string[]) => `${url.origin}${url.pathname}?${fields.join('&')}`;
    const web = new WebClient();
    // A forged SAMLRequest spelled with a percent-escape first, the genuine one pushed past a parser's field limit.
    const padding = Array.from({ length: 997 }, (_, i) => `p${i}=`).join('&');
    expectRefused(
      await web.get(at(field('SigAlg'), field('Signature'), `SAML%52equest=${forged}`, padding, field('SAMLRequest'))),
      /too many fields/,
    );
    // Both spellings within the parser's limit: the page's query check refuses the repeated field first.
    expectRefused(
      await web.get(at(field('SigAlg'), field('Signature'), `SAML%52equest=${forged}`, field('SAMLRequest'))),
      /more than once/,
    );
    expectRefused(await web.get(at(`SAMLRequest=${forged}`, field('SAMLRequest'), field('SigAlg'), field('Signature'))), /more than once/);
    expectRefused(await web.get(at(`SAML%52equest=${forged}`, field('SigAlg'), field('Signature'))), /repeated or encoded/);
    // The genuine query itself still signs in.
    expect((await web.get(url.href)).status).toBe(303);
  });

  it('refuses XML signature wrapping: a signed request moved inside an unsigned one', async () => {
    const sp = await signedSp({ authnRequestBinding: 'HTTP-POST', skipRequestCompression: true });
    const signed = Buffer.from(((await sp.getAuthorizeMessageAsync('')) as Record<string, string>).SAMLRequest!, 'base64')
      .toString('utf8')
      .replace(/^<\?xml[^>]*>/, '');
    const wrapper =
      `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ` +
      `ID="_evil${Date.now()}" Version="2.0" IssueInstant="${new Date().toISOString()}" AssertionConsumerServiceURL="${SP.acs}">` +
      `<saml:Issuer>${signedEntity}</saml:Issuer><samlp:Extensions>${signed}</samlp:Extensions></samlp:AuthnRequest>`;
    expectRefused(await new WebClient().post(sso, { SAMLRequest: Buffer.from(wrapper).toString('base64') }), /signature does not cover/);
    // The signed request moved after a forged one at the top level: still not the root's signature.
    const forged = signed.replace(/ID="([^"]+)"/, 'ID="_forged$1"');
    const twice = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_outer${Date.now()}" Version="2.0" IssueInstant="${new Date().toISOString()}"><saml:Issuer>${signedEntity}</saml:Issuer>${forged}</samlp:AuthnRequest>`;
    expectRefused(await new WebClient().post(sso, { SAMLRequest: Buffer.from(twice).toString('base64') }), /signature does not cover/);
  });

  it('refuses an AuthnRequest naming an ACS URL the app did not register', async () => {
    const sp = await independentSp(t, contoso.tenant.id, { callbackUrl: 'https://attacker.example/acs' });
    expectRefused(
      await new WebClient().get(await sp.getAuthorizeUrlAsync('', undefined, {})),
      /AssertionConsumerServiceURL is not registered/,
    );
  });

  it('refuses a replayed request id, also once the first was answered', async () => {
    const url = await (await plainSp()).getAuthorizeUrlAsync('', undefined, {});
    const web = new WebClient();
    expect((await web.get(url)).status).toBe(303);
    expectRefused(await web.get(url), /its ID was used already/);
    expectRefused(await new WebClient().get(url), /its ID was used already/);
  });

  it('answers a pending sign-in once: its page refuses a second visit after the response', async () => {
    const mail = `once${Date.now()}@contoso-hostile.example`;
    await memberWithPassword(t, contoso, mail);
    const web = new WebClient();
    const received = await web.get(await (await plainSp()).getAuthorizeUrlAsync('', undefined, {}));
    const page = await signOn(web, received, { email: mail, password: MFA_PASSWORD });
    expect(postedForm(page)).not.toBeNull();
    expectRefused(await web.get(new URL(received.location!, received.url).href), /expired or was completed already/);
  });

  it('refuses a request addressed to another Destination', async () => {
    const url = await (await plainSp()).getAuthorizeUrlAsync('', undefined, {});
    const elsewhere = redirectXml(url).replace(/Destination="[^"]+"/, 'Destination="https://idp.elsewhere.example/sso"');
    expectRefused(await new WebClient().get(withRedirectXml(url, elsewhere)), /Destination is not this organization/);
  });

  it('refuses a request from an SP the tenant does not know, and one too old', async () => {
    const stranger = await independentSp(t, contoso.tenant.id, { issuer: 'https://stranger.example/saml' });
    expectRefused(await new WebClient().get(await stranger.getAuthorizeUrlAsync('', undefined, {})), /Issuer is not a SAML app/);
    const url = await (await plainSp()).getAuthorizeUrlAsync('', undefined, {});
    const old = redirectXml(url).replace(/IssueInstant="[^"]+"/, `IssueInstant="${new Date(Date.now() - 3600_000).toISOString()}"`);
    expectRefused(await new WebClient().get(withRedirectXml(url, old)), /IssueInstant/);
  });

  it('refuses oversized and entity-expanding documents (XXE, billion laughs, a deflate bomb)', async () => {
    const url = await (await plainSp()).getAuthorizeUrlAsync('', undefined, {});
    const xml = redirectXml(url);
    const web = new WebClient();
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
      xml.replace(/<saml:Issuer[^>]*>/, '$&&lol3;');
    expectRefused(await web.get(withRedirectXml(url, laughs)), /document type/);
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + xml.replace(/<saml:Issuer[^>]*>/, '$&&xxe;');
    expectRefused(await web.post(sso, { SAMLRequest: Buffer.from(xxe).toString('base64') }), /document type/);
    const huge = xml.replace('</samlp:AuthnRequest>', `<samlp:Extensions>${'<x/>'.repeat(40_000)}</samlp:Extensions></samlp:AuthnRequest>`);
    expectRefused(await web.get(withRedirectXml(url, huge)), /deflated message within the size limit|too large/);
    const bigPost = await web.post(sso, { SAMLRequest: Buffer.from(huge).toString('base64') });
    expect([400, 413]).toContain(bigPost.status);
    expect(postedForm(bigPost)).toBeNull();
  });

  it('refuses metadata with a document type declaration', async () => {
    const metadataXml =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><EntityDescriptor>&x;</EntityDescriptor>';
    const code = await contoso.admin.client.errorCode(CreateSamlApplicationDocument, {
      input: { displayName: 'Hostile', protocol: 'SAML', saml: { metadataXml } },
    });
    expect(code).toBe('BAD_USER_INPUT');
  });
});
