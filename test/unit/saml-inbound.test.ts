import { describe, expect, it } from 'vitest';
import { checkFresh, octetString, relayStateOf, REQUEST_TTL_MS } from '../../src/saml/saml-inbound.js';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

/** The pure rules of an inbound SAML request (src/saml/saml-inbound.ts). */
describe('inbound SAML requests', () => {
  it('takes an IssueInstant within the last ten minutes, up to a minute ahead; nothing else', () => {
    for (const instant of [at(0), at(-REQUEST_TTL_MS + 1), at(59_999)]) expect(() => checkFresh(instant, NOW), instant).not.toThrow();
    for (const instant of [at(-REQUEST_TTL_MS), at(60_000), null, '', 'yesterday']) {
      expect(() => checkFresh(instant, NOW), String(instant)).toThrow(/IssueInstant is missing, too old or in the future/);
    }
  });

  it('reads RelayState as absent, or a string of at most 1024 characters', () => {
    expect([relayStateOf(undefined), relayStateOf('')]).toEqual([null, null]);
    expect(relayStateOf('r'.repeat(1024))).toBe('r'.repeat(1024));
    for (const value of ['r'.repeat(1025), 42, ['a'], null]) expect(() => relayStateOf(value)).toThrow(/RelayState is too long/);
  });

  it('rebuilds the signed octet string from the raw query, in the binding’s order, never re-encoded', () => {
    const raw = 'Signature=s&SigAlg=http%3A%2F%2Fx&other=1&RelayState=a%20b&SAMLRequest=abc%3D';
    expect(octetString(raw)).toBe('SAMLRequest=abc%3D&RelayState=a%20b&SigAlg=http%3A%2F%2Fx');
    expect(octetString('SAMLResponse=r&SigAlg=x&SAMLRequest=q', 'SAMLResponse')).toBe('SAMLResponse=r&SigAlg=x');
    expect(octetString('SAMLRequest&RelayState=')).toBe('SAMLRequest=&RelayState=');
    expect(octetString('SAMLRequest=a=b')).toBe('SAMLRequest=a=b');
  });
});
