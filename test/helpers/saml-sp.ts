import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { SAML, type SamlConfig, ValidateInResponseTo } from '@node-saml/node-saml';
import { exportJWK, generateKeyPair } from 'jose';
import { certificateFor, privateKeyPem } from '../../src/saml/certificates.js';
import type { TenantFixture } from './fixtures.js';
import type { TestGateway } from './test-gateway.js';
import { MFA_PASSWORD, memberWithPassword } from './mfa.js';
import { WebClient, type WebResponse, decodeEntities } from './web-client.js';
import { CreateSamlApplicationDocument } from '../graphql/generated.js';

/** A Salesforce-like service provider as the tests register it. */
export const SP = {
  entityId: 'https://sp.partner-crm.example/saml',
  acs: 'https://sp.partner-crm.example/saml/acs',
  logout: 'https://sp.partner-crm.example/saml/logout',
};

export const NAME_ID = {
  email: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
};

export const idpBase = (t: TestGateway, tenantId: string) => `${t.baseUrl}/${tenantId}/saml2`;

/** The signing certificates a metadata document publishes (base64), in order. */
export function certificatesIn(metadata: string): string[] {
  return [...metadata.matchAll(/<(?:\w+:)?X509Certificate>([^<]+)</g)].map((m) => m[1]!.replace(/\s+/g, ''));
}

/** An SP key pair and its certificate (for SPs that sign their requests). */
export async function spCredentials(): Promise<{ privateKey: string; certificate: string }> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { privateKey: privateKeyPem(jwk), certificate: await certificateFor('sp', `sp-${Math.random()}`, new Date(), jwk) };
}

/** The independent SP (@node-saml/node-saml) trusting the certificates of the tenant's metadata. */
export async function independentSp(t: TestGateway, tenantId: string, options: Partial<SamlConfig> = {}): Promise<SAML> {
  const base = idpBase(t, tenantId);
  const metadata = await (await fetch(`${base}/metadata`)).text();
  return new SAML({
    issuer: SP.entityId,
    callbackUrl: SP.acs,
    entryPoint: `${base}/sso`,
    logoutUrl: `${base}/logout`,
    logoutCallbackUrl: SP.logout,
    idpCert: certificatesIn(metadata),
    idpIssuer: base,
    audience: SP.entityId,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    signatureAlgorithm: 'sha256',
    identifierFormat: NAME_ID.email,
    validateInResponseTo: ValidateInResponseTo.always,
    acceptedClockSkewMs: 0,
    ...options,
  });
}

/** Registers a SAML app over GraphQL as the tenant's admin. */
export async function registerSamlApp(tenant: TenantFixture, saml: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const { createApplication } = await tenant.admin.client.data(CreateSamlApplicationDocument, {
    input: {
      displayName: 'Partner CRM',
      protocol: 'SAML',
      assignmentRequired: false,
      saml: { entityId: SP.entityId, acsUrls: [SP.acs], logoutUrl: SP.logout, ...saml },
      ...extra,
    },
  });
  return createApplication.application;
}

/** The form the gateway's HTTP-POST binding page posts (action and fields), or null when the page is another. */
export function postedForm(page: WebResponse): { action: string; fields: Record<string, string> } | null {
  const form = /<form method="post" action="([^"]+)" id="saml-post">([\s\S]*?)<\/form>/.exec(page.body);
  if (!form) return null;
  const fields = Object.fromEntries(
    [...form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, decodeEntities(m[2]!)]),
  );
  return { action: decodeEntities(form[1]!), fields };
}

/**
 * Follows a sign-on from `start` (the SSO URL the SP sent the browser to, or a response already
 * received): signs in with `credentials` when the sign-in page shows; returns the last page.
 */
export async function signOn(web: WebClient, start: string | WebResponse, credentials?: { email: string; password: string }) {
  let page = await web.follow(typeof start === 'string' ? await web.get(start) : start);
  if (page.status === 200 && credentials && /name="password"/.test(page.body)) {
    const action = /<form method="post" action="([^"]+\/login)"/.exec(page.body)![1]!;
    page = await web.follow(await web.submit(page, decodeEntities(action), credentials));
  }
  return page;
}

/** A redirect-binding message's XML, and a URL carrying `xml` instead (deflated, unsigned). */
export function redirectXml(url: string): string {
  return inflateRawSync(Buffer.from(new URL(url).searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
}
export function withRedirectXml(url: string, xml: string): string {
  const next = new URL(url);
  next.search = '';
  next.searchParams.set('SAMLRequest', deflateRawSync(Buffer.from(xml)).toString('base64'));
  return next.href;
}

/**
 * Loads the SAML schema validator (an emscripten build of xmllint: its first use takes seconds of
 * CPU) before a suite's tests run, so their timeouts measure the gateway, not the module's start.
 */
export async function warmSchemaValidator(): Promise<void> {
  const validator = await import('@authenio/samlify-node-xmllint');
  await validator.validate('<warm-up/>').catch(() => undefined);
}

/**
 * A SAML app of `tenant` (entity id `entityId`, configured `relayState`), a member `mail` who signs in to
 * it IdP-initiated in a fresh browser, the independent SP that validates what it is sent, the first
 * response posted, and `open(relay)`: the app's IdP-initiated link again (signed in), with `relay` in
 * its query when given.
 */
export async function idpInitiatedSignIn(t: TestGateway, tenant: TenantFixture, entityId: string, relayState: string | null, mail: string) {
  const app = await registerSamlApp(tenant, { entityId, relayState });
  await memberWithPassword(t, tenant, mail);
  const sp = await independentSp(t, tenant.tenant.id, {
    issuer: entityId,
    audience: entityId,
    validateInResponseTo: ValidateInResponseTo.ifPresent,
  });
  const web = new WebClient();
  const first = postedForm(await signOn(web, app.saml!.idpInitiatedUrl, { email: mail, password: MFA_PASSWORD }));
  const open = (relay?: string) =>
    signOn(web, relay === undefined ? app.saml!.idpInitiatedUrl : `${app.saml!.idpInitiatedUrl}?RelayState=${encodeURIComponent(relay)}`);
  return { app, sp, web, first, open };
}
