import { createHmac, randomBytes } from 'node:crypto';
import type { User } from '../directory/user.entity.js';
import { accountClaims } from '../oidc/claims.js';
import { escapeHtml } from '../shared/html.js';
import { issuerFor } from '../shared/issuer.js';
import type { NameIdFormat, SamlServiceProvider } from './saml-service-provider.entity.js';

/** How long an assertion may be presented, and the clock skew allowed before it. */
export const ASSERTION_LIFETIME_MS = 5 * 60 * 1000;
export const CLOCK_SKEW_MS = 60 * 1000;

const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
};
export const NAME_ID_URNS: Record<NameIdFormat, string> = {
  email: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
};

/** The attribute names Entra ID uses for the external-user claims (README "Registering a SAML app"). */
export const CLAIM_URIS = {
  tenantid: 'http://schemas.microsoft.com/identity/claims/tenantid',
  objectidentifier: 'http://schemas.microsoft.com/identity/claims/objectidentifier',
  identityprovider: 'http://schemas.microsoft.com/identity/claims/identityprovider',
  displayname: 'http://schemas.microsoft.com/identity/claims/displayname',
  emailaddress: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  givenname: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
  surname: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
  role: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
} as const;

/** A SAML ID: an NCName (it must not start with a digit), unguessable. */
export const samlId = () => `_${randomBytes(20).toString('hex')}`;

/**
 * The NameID for `account` at a service provider: the email address, or a persistent pairwise id
 * (an HMAC of tenant, app and account under the gateway's key: stable per user and app, and two apps
 * cannot correlate a person by it), or for `unspecified` the account's object id.
 */
export function nameIdFor(key: Buffer, sp: SamlServiceProvider, account: User, email: string): string {
  if (sp.nameIdFormat === 'email') return email;
  if (sp.nameIdFormat === 'unspecified') return account.id;
  return createHmac('sha256', key).update(`${sp.tenantId}\u0000${sp.applicationId}\u0000${account.id}`).digest('base64url');
}

/**
 * The external-user claims (src/oidc/claims.ts, the one builder) under Entra's attribute names, and
 * the person's app roles in the app (`AccessService.appRolesOf`), one value each, as Entra sends them.
 */
export function samlAttributes(
  publicUrl: string,
  account: User,
  home: User | null,
  roles: readonly string[],
): Record<string, string | readonly string[]> {
  const claims = accountClaims(publicUrl, account.tenantId, account, home) as Record<string, string | undefined>;
  const values: Record<string, string | undefined> = {
    [CLAIM_URIS.tenantid]: claims.tid,
    [CLAIM_URIS.objectidentifier]: claims.oid,
    [CLAIM_URIS.identityprovider]: claims.idp ?? issuerFor(publicUrl, account.tenantId),
    [CLAIM_URIS.displayname]: claims.name,
    [CLAIM_URIS.emailaddress]: claims.email,
    [CLAIM_URIS.name]: claims.email,
    [CLAIM_URIS.givenname]: claims.given_name,
    [CLAIM_URIS.surname]: claims.family_name,
  };
  const present = Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return Object.fromEntries([...present, ...(roles.length ? [[CLAIM_URIS.role, roles] as const] : [])]);
}

export interface ResponseFacts {
  issuer: string;
  destination: string;
  audience: string;
  inResponseTo: string | null;
  nameId: string;
  nameIdFormat: NameIdFormat;
  attributes: Record<string, string | readonly string[]>;
  authnInstant: Date;
  sessionIndex: string;
  now: Date;
}

const x = (value: string) => escapeHtml(value);
const time = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The unsigned Response with one Assertion; both are signed afterwards (SamlService). */
export function responseXml(f: ResponseFacts): string {
  const notBefore = time(new Date(f.now.getTime() - CLOCK_SKEW_MS));
  const notOnOrAfter = time(new Date(f.now.getTime() + ASSERTION_LIFETIME_MS));
  const inResponseTo = f.inResponseTo ? ` InResponseTo="${x(f.inResponseTo)}"` : '';
  const attributes = Object.entries(f.attributes)
    .map(
      ([name, value]) =>
        `<saml:Attribute Name="${x(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">` +
        ([] as string[])
          .concat(value)
          .map((v) => `<saml:AttributeValue xsi:type="xs:string">${x(v)}</saml:AttributeValue>`)
          .join('') +
        `</saml:Attribute>`,
    )
    .join('');
  return (
    `<samlp:Response xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${samlId()}" Version="2.0" ` +
    `IssueInstant="${time(f.now)}" Destination="${x(f.destination)}"${inResponseTo}>` +
    `<saml:Issuer>${x(f.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ` +
    `ID="${samlId()}" Version="2.0" IssueInstant="${time(f.now)}">` +
    `<saml:Issuer>${x(f.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${NAME_ID_URNS[f.nameIdFormat]}">${x(f.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${x(f.destination)}"${inResponseTo}/>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml:AudienceRestriction><saml:Audience>${x(f.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${time(f.authnInstant)}" SessionIndex="${x(f.sessionIndex)}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>` +
    `</saml:AuthnStatement>` +
    (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : '') +
    `</saml:Assertion></samlp:Response>`
  );
}

/** The unsigned LogoutResponse (signed afterwards). */
export function logoutResponseXml(f: { issuer: string; destination: string; inResponseTo: string; status: string; now: Date }): string {
  return (
    `<samlp:LogoutResponse xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${samlId()}" Version="2.0" ` +
    `IssueInstant="${time(f.now)}" Destination="${x(f.destination)}" InResponseTo="${x(f.inResponseTo)}">` +
    `<saml:Issuer>${x(f.issuer)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="${x(f.status)}"/></samlp:Status></samlp:LogoutResponse>`
  );
}
