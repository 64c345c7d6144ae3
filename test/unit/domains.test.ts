import { describe, expect, it } from 'vitest';
import { canonicalDomain, normalizeDomain } from '../../src/directory/domains.js';
import { DomainError } from '../../src/shared/errors.js';

function refusal(raw: string, field?: string): unknown {
  try {
    normalizeDomain(raw, field);
  } catch (error) {
    return error;
  }
  return null;
}

describe('normalizeDomain', () => {
  it('keeps DNS names in their stored spelling: trimmed, lower case, no trailing dot', () => {
    expect(normalizeDomain(' Fabrikam.COM. ')).toBe('fabrikam.com');
    expect(normalizeDomain('mail.eu-west.contoso.co.uk')).toBe('mail.eu-west.contoso.co.uk');
    expect(normalizeDomain('123.example')).toBe('123.example');
    expect(normalizeDomain('xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
    expect(normalizeDomain('shop.xn--p1ai')).toBe('shop.xn--p1ai');
    expect(normalizeDomain(`${'a'.repeat(63)}.example`)).toBe(`${'a'.repeat(63)}.example`);
  });

  it('refuses IP literals and numeric top-level labels, naming the field', () => {
    for (const raw of ['10.0.0.1', '192.168.1.254.', 'example.123', 'a.b.c.4', '[::1]', '::1', 'example.1com']) {
      expect(refusal(raw, 'name'), raw).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'name' } });
    }
    expect(refusal('10.0.0.1')).toBeInstanceOf(DomainError);
    expect(refusal('10.0.0.1')).toMatchObject({ details: { field: 'domain' } });
  });

  it('refuses what is no DNS name at all', () => {
    const long = `${Array.from({ length: 4 }, () => 'a'.repeat(63)).join('.')}.com`;
    for (const raw of ['', 'localhost', 'not a domain', '-bad.example', 'bad-.example', 'a..example', `${'a'.repeat(64)}.example`, long]) {
      expect(refusal(raw), raw).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    expect(refusal('example.c')).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(refusal('example.xn--')).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(refusal('example.xn--abc-')).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('canonicalDomain', () => {
  it('spells a name for look-up without judging it', () => {
    expect(canonicalDomain(' Example.123. ')).toBe('example.123');
  });
});
