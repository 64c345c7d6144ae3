import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkXml, MAX_SAML_XML_BYTES, postMessage, redirectMessage } from '../../src/saml/xml-guard.js';

const request = '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_a"/>';
const b64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
const deflated = (xml: string) => deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
/** A document of exactly `bytes` UTF-8 bytes. */
const sized = (bytes: number) => `<a>${'x'.repeat(bytes - 7)}</a>`;

/** The gate every inbound SAML document passes before a parser sees it (src/saml/xml-guard.ts). */
describe('the SAML XML gate', () => {
  it('lets a plain message through, by either binding, unchanged', () => {
    expect(checkXml(request)).toBe(request);
    expect(postMessage(b64(request))).toBe(request);
    expect(redirectMessage(deflated(request))).toBe(request);
  });

  it('takes a document of the size limit, refuses one byte more (counted in bytes, not characters)', () => {
    expect(checkXml(sized(MAX_SAML_XML_BYTES))).toHaveLength(MAX_SAML_XML_BYTES);
    expect(() => checkXml(sized(MAX_SAML_XML_BYTES + 1))).toThrow(/too large/);
    // 'é' is two bytes: half the limit in characters is the whole limit in bytes.
    expect(() => checkXml(`<a>${'é'.repeat(MAX_SAML_XML_BYTES / 2)}</a>`)).toThrow(/too large/);
  });

  it('refuses a document type or entity declaration in any case, comments and stylesheets', () => {
    for (const xml of ['<!DOCTYPE a><a/>', '<!doctype a><a/>', '<a><!ENTITY x "y"></a>', '<a><!entity x "y"></a>']) {
      expect(() => checkXml(xml), xml).toThrow(/declares a document type/);
    }
    expect(() => checkXml('<a>x<!---->y</a>')).toThrow(/contains XML comments/);
    expect(() => checkXml('<?xml-stylesheet href="x.xsl"?><a/>')).toThrow(/names a stylesheet/);
  });

  it('refuses a missing, empty, non-base64 or oversized message before decoding it', () => {
    for (const value of [undefined, null, '', 42, ['x']]) {
      expect(() => postMessage(value), String(value)).toThrow(/the message is missing/);
      // The redirect binding's decoding failures all read as not a deflated message.
      expect(() => redirectMessage(value), String(value)).toThrow(/not a deflated message/);
    }
    expect(() => postMessage('PGE+*')).toThrow(/not base64/);
    expect(() => postMessage('PGE+-')).toThrow(/not base64/);
    expect(() => postMessage('*PGE+')).toThrow(/not base64/);
    // Line breaks and padding are base64.
    expect(postMessage(`${b64(request).slice(0, 40)}\r\n${b64(request).slice(40)}`)).toBe(request);
    const longest = Math.ceil((MAX_SAML_XML_BYTES * 4) / 3) + 8;
    expect(() => postMessage('A'.repeat(longest + 1))).toThrow(/too large/);
    // At the length bound the decoded size decides.
    expect(() => postMessage('A'.repeat(longest))).toThrow(/too large/);
    expect(postMessage(b64(sized(MAX_SAML_XML_BYTES)))).toHaveLength(MAX_SAML_XML_BYTES);
    // The length is checked before decoding, whitespace included: a small message padded past it is refused.
    const padded = (length: number) => `${b64(request)}${' '.repeat(length - b64(request).length)}`;
    expect(postMessage(padded(longest))).toBe(request);
    expect(() => postMessage(padded(longest + 1))).toThrow(/too large/);
  });

  it('inflates a redirect message at most to the limit: a deflate bomb or a message not deflated is refused', () => {
    expect(redirectMessage(deflated(sized(MAX_SAML_XML_BYTES)))).toHaveLength(MAX_SAML_XML_BYTES);
    expect(() => redirectMessage(deflated(sized(MAX_SAML_XML_BYTES + 1)))).toThrow(/not a deflated message within the size limit/);
    expect(() => redirectMessage(b64(request))).toThrow(/not a deflated message/);
    expect(() => redirectMessage(deflated('<!DOCTYPE a><a/>'))).toThrow(/declares a document type/);
    expect(() => postMessage(b64('<a><!-- c --></a>'))).toThrow(/contains XML comments/);
  });
});
