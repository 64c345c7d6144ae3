import { describe, expect, it } from 'vitest';
import type { OpenSession } from '../../src/accounts/browser-session.service.js';
import { DomainError, ErrorCode } from '../../src/shared/errors.js';
import { useBrowserHarness } from '../helpers/browser-harness.js';
import { testDatabases } from '../helpers/databases.js';

/** The CSRF token of the passkey JSON routes, sent in `x-csrf-token` instead of a form field. */
describe.each(testDatabases())('BrowserContext.checkCsrf by header on %s', (kind) => {
  const h = useBrowserHarness(kind);

  function check(session: OpenSession | null, headers: Record<string, unknown>, body?: unknown): string | null {
    const { req } = h.exchange(undefined, body);
    Object.assign(req.headers, headers);
    try {
      h.http().checkCsrf(session, req);
      return null;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return error.code;
    }
  }

  it("accepts this session's token in x-csrf-token, and refuses another's, a changed one or a missing one", async () => {
    const open = await h.sessions.create();
    const other = await h.sessions.create();
    const token = h.http().csrfToken(open);
    expect(check(open, { 'x-csrf-token': token })).toBeNull();
    expect(check(open, { 'x-csrf-token': h.http().csrfToken(other) })).toBe(ErrorCode.CSRF_TOKEN_INVALID);
    expect(check(open, { 'x-csrf-token': `${token}x` })).toBe(ErrorCode.CSRF_TOKEN_INVALID);
    expect(check(open, { 'x-csrf-token': '' })).toBe(ErrorCode.CSRF_TOKEN_INVALID);
    expect(check(open, {})).toBe(ErrorCode.CSRF_TOKEN_INVALID);
    // Another header name carries nothing.
    expect(check(open, { 'x-xsrf-token': token })).toBe(ErrorCode.CSRF_TOKEN_INVALID);
    // Only a string counts: a repeated header arrives as a list.
    expect(check(open, { 'x-csrf-token': [token, token] })).toBe(ErrorCode.CSRF_TOKEN_INVALID);
    expect(check(null, { 'x-csrf-token': token })).toBe(ErrorCode.CSRF_TOKEN_INVALID);
  });

  it('takes the form field first: a wrong field is refused even with the right header', async () => {
    const open = await h.sessions.create();
    const token = h.http().csrfToken(open);
    expect(check(open, { 'x-csrf-token': token }, { csrf: 'forged' })).toBe(ErrorCode.CSRF_TOKEN_INVALID);
    expect(check(open, { 'x-csrf-token': 'forged' }, { csrf: token })).toBeNull();
  });
});
