import { describe, expect, it } from 'vitest';
import { sameOriginPath } from '../../src/shared/urls.js';

/** `/mfa?return=`: only a path of this origin, so the page is never an open redirect. */
describe('sameOriginPath', () => {
  it.each(['/account', '/t1/interaction/abc', '/mfa/enrol?return=%2Faccount', '/redeem/review#x'])('keeps %s', (path) => {
    expect(sameOriginPath(path, '/account')).toBe(path);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'account',
    '/\t/evil.example',
    '',
    undefined,
    ['/account'],
    `/${'a'.repeat(3000)}`,
  ])('refuses %j', (raw) => {
    expect(sameOriginPath(raw, '/account')).toBe('/account');
  });
});
