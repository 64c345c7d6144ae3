import { describe, expect, it } from 'vitest';
import { pathWithin, sameOriginPath } from '../../src/shared/urls.js';

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

/** The console's `returnTo`: a page of that tenant's console, judged as the browser will resolve it. */
describe('pathWithin', () => {
  const home = '/admin/t1/';
  it.each([
    ['/admin/t1/users/u1', '/admin/t1/users/u1'],
    ['/admin/t1/invitations?status=Accepted', '/admin/t1/invitations?status=Accepted'],
    ['/admin/t1/users/../apps', '/admin/t1/apps'],
  ])('keeps %s as %s', (raw, resolved) => {
    expect(pathWithin(raw, home, home)).toBe(resolved);
  });

  it.each([
    '/admin/t1/../../t2/v2.0/auth?client_id=x',
    '/admin/t1/%2e%2e/%2E%2E/t2/v2.0/auth',
    '/admin/t1/.%2e/.%2e/t2/',
    '/admin/t1',
    '/admin/t10/',
    '//evil.example/admin/t1/',
    'https://evil.example/admin/t1/',
    '/admin/t1/\\evil.example',
  ])('refuses %s', (raw) => {
    expect(pathWithin(raw, home, home)).toBe(home);
  });
});
