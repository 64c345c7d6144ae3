import { describe, expect, it } from 'vitest';
import { isHttpsOrLoopback, MAX_REPLY_URLS, normalizeReplyUrls } from '../../src/apps/reply-urls.js';
import { MAX_URL_LENGTH } from '../../src/shared/urls.js';

const refusal = (urls: string[]) => {
  try {
    normalizeReplyUrls(urls);
  } catch (e) {
    const { code, details } = e as { code?: string; details?: unknown };
    return { code, message: (e as Error).message, details };
  }
  return null;
};

/** The reply URL rule (OIDC redirect URIs, SAML ACS and logout URLs): src/apps/reply-urls.ts. */
describe('reply URLs', () => {
  it('keeps https and loopback http URLs, normalised, trimmed and de-duplicated in order', () => {
    expect(
      normalizeReplyUrls([' https://App.example/cb ', 'https://app.example/cb', 'http://localhost:3000/cb', 'http://127.0.0.1/x']),
    ).toEqual(['https://app.example/cb', 'http://localhost:3000/cb', 'http://127.0.0.1/x']);
    expect(normalizeReplyUrls([])).toEqual([]);
  });

  it('refuses a URL that is not absolute, plain http off loopback, other schemes, fragments and credentials', () => {
    expect(refusal(['/cb'])).toMatchObject({
      code: 'INVALID_REPLY_URL',
      message: expect.stringMatching(/not an absolute URL/),
      details: { url: '/cb' },
    });
    for (const url of ['http://app.example/cb', 'ftp://app.example/cb', 'javascript:alert(1)', 'http://localhost.evil.example/']) {
      expect(refusal([url])?.message, url).toMatch(/must use https/);
    }
    expect(refusal(['https://app.example/cb#x'])?.message).toMatch(/must not contain a fragment/);
    expect(refusal(['https://user@app.example/cb'])?.message).toMatch(/must not contain credentials/);
    expect(refusal(['https://:secret@app.example/cb'])?.message).toMatch(/must not contain credentials/);
    // One bad URL refuses the whole list.
    expect(refusal(['https://app.example/cb', 'http://app.example/cb'])?.code).toBe('INVALID_REPLY_URL');
  });

  it(`takes URLs up to ${MAX_URL_LENGTH} characters and at most ${MAX_REPLY_URLS} of them`, () => {
    const long = (length: number) => `https://app.example/${'a'.repeat(length - 'https://app.example/'.length)}`;
    expect(normalizeReplyUrls([long(MAX_URL_LENGTH)])).toEqual([long(MAX_URL_LENGTH)]);
    expect(refusal([long(MAX_URL_LENGTH + 1)])?.message).toMatch(/must be at most/);
    const many = (n: number) => Array.from({ length: n }, (_, i) => `https://app.example/${i}`);
    expect(normalizeReplyUrls(many(MAX_REPLY_URLS))).toHaveLength(MAX_REPLY_URLS);
    expect(refusal(many(MAX_REPLY_URLS + 1))).toMatchObject({ code: 'INVALID_REPLY_URL', message: expect.stringMatching(/At most 50/) });
  });

  it('allows plain http only on a loopback host', () => {
    expect(isHttpsOrLoopback(new URL('https://app.example/'))).toBe(true);
    expect(isHttpsOrLoopback(new URL('http://[::1]:8080/'))).toBe(true);
    expect(isHttpsOrLoopback(new URL('http://app.example/'))).toBe(false);
    expect(isHttpsOrLoopback(new URL('wss://localhost/'))).toBe(false);
  });
});
