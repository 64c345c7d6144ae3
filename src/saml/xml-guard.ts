import { inflateRawSync } from 'node:zlib';
import { DomainError, ErrorCode } from '../shared/errors.js';

/** The largest SAML message (or SP metadata document) read, decoded: ample for any request or metadata. */
export const MAX_SAML_XML_BYTES = 64 * 1024;

const refuse = (why: string) => new DomainError(ErrorCode.BAD_USER_INPUT, `This SAML message was refused: ${why}.`);

/**
 * The one gate every inbound SAML document passes before any XML parser sees it: bounded in size
 * (also when inflated: a deflate bomb stops at the limit), and without a document type declaration
 * (so no entity can be declared: no XXE, no billion laughs) or comments (a comment inside a NameID or
 * Issuer makes parsers disagree on its text). SAML messages need neither.
 * @throws BAD_USER_INPUT
 */
export function checkXml(xml: string): string {
  if (Buffer.byteLength(xml) > MAX_SAML_XML_BYTES) throw refuse('it is too large');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw refuse('it declares a document type');
  if (xml.includes('<!--')) throw refuse('it contains XML comments');
  if (xml.includes('<?xml-stylesheet')) throw refuse('it names a stylesheet');
  return xml;
}

function base64(value: unknown): Buffer {
  if (typeof value !== 'string' || !value) throw refuse('the message is missing');
  if (value.length > Math.ceil((MAX_SAML_XML_BYTES * 4) / 3) + 8) throw refuse('it is too large');
  if (!/^[A-Za-z0-9+/=\s]+$/.test(value)) throw refuse('it is not base64');
  return Buffer.from(value, 'base64');
}

/** A message of the HTTP-POST binding (base64 XML). */
export function postMessage(value: unknown): string {
  return checkXml(base64(value).toString('utf8'));
}

/** A message of the HTTP-Redirect binding (deflated, base64), inflated at most to the size limit. */
export function redirectMessage(value: unknown): string {
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(base64(value), { maxOutputLength: MAX_SAML_XML_BYTES });
  } catch {
    throw refuse('it is not a deflated message within the size limit');
  }
  return checkXml(inflated.toString('utf8'));
}
