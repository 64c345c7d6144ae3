import { describe, expect, it } from 'vitest';
import { redirectQuery } from '../../src/saml/saml-inbound.js';

/** The HTTP-Redirect query read once: the message is the one its signature covers. */
describe('redirectQuery', () => {
  it('reads each field decoded, keeping the raw query for the signature', () => {
    expect(redirectQuery('SAMLRequest=a%2Bb%3D&RelayState=%2Fhome+page&SigAlg=x&Signature=y&other=1')).toEqual({
      SAMLRequest: 'a+b=',
      RelayState: '/home page',
      SigAlg: 'x',
      Signature: 'y',
      rawQuery: 'SAMLRequest=a%2Bb%3D&RelayState=%2Fhome+page&SigAlg=x&Signature=y&other=1',
    });
    expect(redirectQuery('')).toEqual({ rawQuery: '' });
  });

  it('refuses a field given twice, a field whose name is percent-encoded, too many fields, and bad encoding', () => {
    expect(() => redirectQuery('SAMLRequest=a&SAMLRequest=b')).toThrow(/repeated or encoded/);
    expect(() => redirectQuery('SAML%52equest=a')).toThrow(/repeated or encoded/);
    expect(() => redirectQuery(Array.from({ length: 9 }, (_, i) => `p${i}=`).join('&'))).toThrow(/too many fields/);
    expect(() => redirectQuery('SAMLRequest=%E0%A4%A')).toThrow(/not URL-encoded/);
  });
});
