import * as samlify from 'samlify';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { MAX_RELAY_STATE } from './relay-state.js';
import { serviceProvider } from './saml-entities.js';
import type { SamlServiceProvider } from './saml-service-provider.entity.js';
import { postMessage, redirectMessage } from './xml-guard.js';

export type SamlBinding = 'redirect' | 'post';

/** A request as the transport received it: the form or query fields, and for HTTP-Redirect the raw query string. */
export interface InboundMessage {
  SAMLRequest?: unknown;
  RelayState?: unknown;
  /** The logout page's own re-post (saml.routes.ts), ignored here. */
  again?: unknown;
  SigAlg?: unknown;
  Signature?: unknown;
  /** HTTP-Redirect: the query string as sent (its signature covers the URL-encoded fields). */
  rawQuery?: string;
}

type Flow = Awaited<ReturnType<samlify.IdentityProviderInstance['parseLoginRequest']>>;

export interface ReadRequest {
  sp: SamlServiceProvider;
  requestId: string;
  issueInstant: string | null;
  destination: string | null;
  acsUrl: string | null;
  nameId: string | null;
  /** ForceAuthn="true" (or "1"): the SP wants a fresh sign-in. */
  forceAuthn: boolean;
  parsed: Flow;
}

/** How long a received AuthnRequest waits for its sign-in (and the oldest IssueInstant accepted). */
export const REQUEST_TTL_MS = 10 * 60 * 1000;

const refuse = (why: string) => new DomainError(ErrorCode.BAD_USER_INPUT, `This SAML request was refused: ${why}.`);
const ROOT = { login: 'AuthnRequest', logout: 'LogoutRequest' } as const;

/** The fields of an HTTP-Redirect query; a query has at most a handful of fields. */
const REDIRECT_FIELDS = new Set(['SAMLRequest', 'SAMLResponse', 'RelayState', 'SigAlg', 'Signature']);
const MAX_QUERY_FIELDS = 8;

/**
 * An HTTP-Redirect query parsed once, so the message read is the one the signature covers: each field
 * spelled literally and at most once (a second or a percent-encoded `SAMLRequest` would let a parser
 * read another message than the signed one), and no more than a few fields in all.
 * @throws BAD_USER_INPUT
 */
export function redirectQuery(rawQuery: string): InboundMessage {
  const pairs = rawQuery ? rawQuery.split('&') : [];
  if (pairs.length > MAX_QUERY_FIELDS) throw refuse('the query has too many fields');
  const fields: Record<string, string> = {};
  for (const pair of pairs) {
    const i = pair.indexOf('=');
    const rawName = i < 0 ? pair : pair.slice(0, i);
    const name = decodeField(rawName);
    if (!REDIRECT_FIELDS.has(name)) continue;
    if (name !== rawName || Object.hasOwn(fields, name)) throw refuse(`the field ${name} is repeated or encoded`);
    fields[name] = decodeField(i < 0 ? '' : pair.slice(i + 1));
  }
  return { ...fields, rawQuery };
}

function decodeField(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw refuse('the query is not URL-encoded');
  }
}

/**
 * The HTTP-Redirect signature covers `SAMLRequest=…&RelayState=…&SigAlg=…` exactly as URL-encoded
 * in the query (saml-bindings 3.4.4.1), so it is rebuilt from the raw query, never re-encoded.
 */
export function octetString(rawQuery: string, kind: 'SAMLRequest' | 'SAMLResponse' = 'SAMLRequest'): string {
  const raw = new Map(
    rawQuery.split('&').map((pair) => {
      const i = pair.indexOf('=');
      return [i < 0 ? pair : pair.slice(0, i), i < 0 ? '' : pair.slice(i + 1)] as const;
    }),
  );
  return [kind, 'RelayState', 'SigAlg']
    .filter((name) => raw.has(name))
    .map((name) => `${name}=${raw.get(name)}`)
    .join('&');
}

/**
 * Reads an inbound AuthnRequest or LogoutRequest: the XML gate first (size, inflation, no DTD or
 * comments), then its Issuer names a registered SP of the tenant, then samlify checks the schema and,
 * when the SP registered a certificate, the signature (the redirect binding's over the octet string,
 * the POST binding's enveloped one, which must sign the root element itself: a signed element moved
 * elsewhere in the document is refused).
 * @throws BAD_USER_INPUT
 */
export async function readRequest(
  kind: 'login' | 'logout',
  binding: SamlBinding,
  message: InboundMessage,
  findSp: (entityId: string) => Promise<SamlServiceProvider | null>,
  signer: (sp: SamlServiceProvider) => Promise<samlify.IdentityProviderInstance>,
): Promise<ReadRequest> {
  const xml = binding === 'redirect' ? redirectMessage(message.SAMLRequest) : postMessage(message.SAMLRequest);
  const root = ROOT[kind];
  let head: { issuer?: unknown; id?: unknown; forceAuthn?: unknown };
  try {
    head = samlify.Extractor.extract(xml, [
      { key: 'issuer', localPath: [root, 'Issuer'], attributes: [] },
      { key: 'id', localPath: [root], attributes: ['ID'] },
      { key: 'forceAuthn', localPath: [root], attributes: ['ForceAuthn'] },
    ]) as { issuer?: unknown; id?: unknown; forceAuthn?: unknown };
  } catch {
    throw refuse(`it is not a well-formed ${root}`);
  }
  if (typeof head.issuer !== 'string' || !head.issuer) throw refuse(`it is not an ${root} with an Issuer`);
  const sp = await findSp(head.issuer);
  if (!sp) throw refuse('its Issuer is not a SAML app of this organization');
  if (sp.signingCertificate && binding === 'redirect' && (!message.Signature || !message.SigAlg)) throw refuse('it is not signed');
  if (sp.signingCertificate && binding === 'post' && !signsRoot(xml, root, head.id))
    throw refuse('its signature does not cover the request');
  const idp = await signer(sp);
  const request =
    binding === 'redirect'
      ? { query: { ...message, SAMLRequest: message.SAMLRequest }, octetString: octetString(message.rawQuery ?? '') }
      : { body: { SAMLRequest: message.SAMLRequest, RelayState: message.RelayState } };
  let parsed: Flow;
  try {
    parsed =
      kind === 'login'
        ? await idp.parseLoginRequest(serviceProvider(sp), binding, request as never)
        : await idp.parseLogoutRequest(serviceProvider(sp), binding, request as never);
  } catch {
    throw refuse('its signature or its content is not valid');
  }
  const fields = (parsed.extract.request ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  const requestId = text(fields.id);
  if (!requestId || requestId.length > 256 || requestId !== head.id) throw refuse('its ID is missing or too long');
  return {
    sp,
    requestId,
    issueInstant: text(fields.issueInstant),
    destination: text(fields.destination),
    acsUrl: text(fields.assertionConsumerServiceUrl),
    nameId: text(parsed.extract.nameID),
    forceAuthn: head.forceAuthn === 'true' || head.forceAuthn === '1',
    parsed,
  };
}

/** An enveloped signature of the POST binding: exactly one Signature, a child of the root, referencing the root's ID. */
function signsRoot(xml: string, root: string, rootId: unknown): boolean {
  if (typeof rootId !== 'string' || !rootId) return false;
  const signatures = xml.match(/<(\w+:)?Signature[\s>]/g) ?? [];
  if (signatures.length !== 1) return false;
  const extracted = samlify.Extractor.extract(xml, [
    { key: 'ref', localPath: [root, 'Signature', 'SignedInfo', 'Reference'], attributes: ['URI'] },
  ]) as {
    ref?: unknown;
  };
  return extracted.ref === `#${rootId}`;
}

/** An IssueInstant within the last REQUEST_TTL_MS (a minute of skew ahead). @throws BAD_USER_INPUT */
export function checkFresh(issueInstant: string | null, now: Date): void {
  const at = issueInstant ? Date.parse(issueInstant) : Number.NaN;
  if (!(at > now.getTime() - REQUEST_TTL_MS && at < now.getTime() + 60_000))
    throw refuse('its IssueInstant is missing, too old or in the future');
}

/** RelayState: absent, or a string of at most 1024 characters. @throws BAD_USER_INPUT */
export function relayStateOf(value: unknown): string | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || value.length > MAX_RELAY_STATE) throw refuse('its RelayState is too long');
  return value;
}
