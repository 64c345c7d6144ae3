import { X509Certificate } from 'node:crypto';
import * as samlify from 'samlify';
import { normalizeReplyUrls } from '../apps/reply-urls.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import './samlify-setup.js';
import { configuredRelayState } from './relay-state.js';
import type { NameIdFormat } from './saml-service-provider.entity.js';
import { checkXml } from './xml-guard.js';

/** What an administrator tells about a SAML service provider: its settings, or its metadata (explicit fields win). */
export interface SamlAppInput {
  entityId?: string | null;
  acsUrls?: string[] | null;
  nameIdFormat?: NameIdFormat | null;
  /** PEM or base64 DER; when given, the SP's AuthnRequests and LogoutRequests must be signed with it. */
  signingCertificate?: string | null;
  logoutUrl?: string | null;
  /** Where the SP sends the person after an IdP-initiated sign-in (`configuredRelayState`); empty means none. */
  relayState?: string | null;
  /** The SP's metadata document (EntityDescriptor with an SPSSODescriptor). */
  metadataXml?: string | null;
}

/** What may change of a SAML app's settings after registration; undefined keeps a field. */
export interface SamlSettingsPatch {
  relayState?: string | null;
}

export interface SamlSettings {
  entityId: string;
  acsUrls: string[];
  nameIdFormat: NameIdFormat;
  signingCertificate: string | null;
  logoutUrl: string | null;
  relayState: string | null;
}

export const MAX_ACS_URLS = 10;
const NAME_ID_FORMATS: readonly NameIdFormat[] = ['email', 'persistent', 'unspecified'];
const bad = (message: string, field: string) => new DomainError(ErrorCode.BAD_USER_INPUT, message, { field });

/**
 * A SAML service provider's settings from input: an entity id (1 to 1024 printable characters), one to
 * ten ACS URLs (https; http only on loopback, as for reply URLs), a NameID format, an optional RSA
 * signing certificate, logout URL and relay state. Metadata is read through the same size and DTD gate as messages.
 * @throws BAD_USER_INPUT, INVALID_REPLY_URL
 */
export function samlSettings(input: SamlAppInput): SamlSettings {
  const imported = input.metadataXml ? fromMetadata(input.metadataXml) : {};
  const entityId = (input.entityId ?? imported.entityId ?? '').trim();
  if (!entityId || entityId.length > 1024 || /\s/.test(entityId) || [...entityId].some((c) => c < ' ' || c === '\u007f'))
    throw bad('entityId must be 1 to 1024 characters without spaces', 'entityId');
  const acs = input.acsUrls?.length ? input.acsUrls : (imported.acsUrls ?? []);
  if (acs.length === 0 || acs.length > MAX_ACS_URLS) throw bad(`acsUrls must list 1 to ${MAX_ACS_URLS} URLs`, 'acsUrls');
  const nameIdFormat = input.nameIdFormat ?? 'email';
  if (!NAME_ID_FORMATS.includes(nameIdFormat)) throw bad('nameIdFormat must be email, persistent or unspecified', 'nameIdFormat');
  const cert = input.signingCertificate ?? imported.signingCertificate ?? null;
  const logout = input.logoutUrl ?? imported.logoutUrl ?? null;
  return {
    entityId,
    acsUrls: normalizeReplyUrls(acs),
    nameIdFormat,
    signingCertificate: cert ? rsaCertificate(cert) : null,
    logoutUrl: logout ? normalizeReplyUrls([logout])[0]! : null,
    relayState: configuredRelayState(input.relayState),
  };
}

/** A certificate's base64 DER body, when it parses and holds an RSA key. @throws BAD_USER_INPUT */
export function rsaCertificate(raw: string): string {
  const body = raw.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  try {
    const cert = new X509Certificate(Buffer.from(body, 'base64'));
    if (cert.publicKey.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    return cert.raw.toString('base64');
  } catch {
    throw bad('signingCertificate must be an X.509 certificate with an RSA key (PEM or base64)', 'signingCertificate');
  }
}

function fromMetadata(xml: string): Partial<SamlSettings> & { acsUrls?: string[] } {
  checkXml(xml);
  try {
    const post = samlify.Constants.namespace.binding.post;
    const sp = ['EntityDescriptor', 'SPSSODescriptor'];
    const read = samlify.Extractor.extract(xml, [
      { key: 'entity', localPath: ['EntityDescriptor'], attributes: ['entityID'] },
      { key: 'acs', localPath: [...sp, 'AssertionConsumerService'], attributes: ['Binding', 'Location'] },
      { key: 'slo', localPath: [...sp, 'SingleLogoutService'], attributes: ['Binding', 'Location'] },
    ]) as { entity?: unknown; acs?: unknown; slo?: unknown };
    const endpoints = (value: unknown) =>
      ([] as { binding?: string; location?: string }[])
        .concat((value ?? []) as never)
        .filter((e) => e.binding === post && typeof e.location === 'string')
        .map((e) => e.location!);
    if (typeof read.entity !== 'string' || !read.entity) throw new Error('no SP entity');
    const certs = ([] as unknown[]).concat(samlify.ServiceProvider({ metadata: xml }).entityMeta.getX509Certificate('signing') ?? []);
    return {
      entityId: read.entity,
      acsUrls: endpoints(read.acs),
      signingCertificate: typeof certs[0] === 'string' && certs[0] ? certs[0] : null,
      logoutUrl: endpoints(read.slo)[0] ?? null,
    };
  } catch {
    throw bad('metadataXml is not SAML service provider metadata', 'metadataXml');
  }
}
