import * as samlify from 'samlify';
import './samlify-setup.js';
import { NAME_ID_URNS, samlId } from './assertion.js';
import type { SamlServiceProvider } from './saml-service-provider.entity.js';

export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const { redirect, post } = samlify.Constants.namespace.binding;

const pem = (base64: string) => `-----BEGIN CERTIFICATE-----\n${base64.replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----`;

/** A tenant's endpoints: the IdP's entity id is its SAML base URL. */
/** The path of IdP-initiated sign-on to one SAML app (the access panel's link; GraphQL's `idpInitiatedUrl`). */
export function idpInitiatedPath(tenantId: string, applicationId: string): string {
  return `/${tenantId}/saml2/apps/${applicationId}/sso`;
}

export function tenantEndpoints(publicUrl: string, tenantId: string) {
  const base = `${publicUrl}/${tenantId}/saml2`;
  return { entityId: base, sso: `${base}/sso`, logout: `${base}/logout`, metadata: `${base}/metadata` };
}

/**
 * The tenant as a samlify identity provider. `certificates` (base64 DER): every published key for
 * metadata, only the signing key's when signing (then `privateKeyPem` is set). `wantSigned`: this SP's
 * requests must be signed (it registered a certificate).
 */
export function identityProvider(
  publicUrl: string,
  tenantId: string,
  keys: { certificates: string[]; privateKeyPem?: string },
  wantSigned = false,
) {
  const at = tenantEndpoints(publicUrl, tenantId);
  return samlify.IdentityProvider({
    entityID: at.entityId,
    signingCert: keys.certificates.map(pem),
    privateKey: keys.privateKeyPem,
    requestSignatureAlgorithm: RSA_SHA256,
    generateID: samlId,
    nameIDFormat: Object.values(NAME_ID_URNS),
    wantAuthnRequestsSigned: wantSigned,
    wantLogoutRequestSigned: wantSigned,
    singleSignOnService: [
      { Binding: redirect, Location: at.sso },
      { Binding: post, Location: at.sso },
    ],
    singleLogoutService: [
      { Binding: redirect, Location: at.logout },
      { Binding: post, Location: at.logout },
    ],
  });
}

/** A registered SP as samlify sees it: both the assertion and the whole response are signed. */
export function serviceProvider(sp: SamlServiceProvider) {
  return samlify.ServiceProvider({
    entityID: sp.entityId,
    authnRequestsSigned: sp.signingCertificate !== null,
    wantAssertionsSigned: true,
    wantMessageSigned: true,
    wantLogoutResponseSigned: true,
    signingCert: sp.signingCertificate ? pem(sp.signingCertificate) : undefined,
    requestSignatureAlgorithm: RSA_SHA256,
    assertionConsumerService: sp.acsUrls.map((Location) => ({ Binding: post, Location })),
    singleLogoutService: sp.logoutUrl ? [{ Binding: post, Location: sp.logoutUrl }] : [],
  });
}
