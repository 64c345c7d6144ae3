import { createHmac } from 'node:crypto';
import type { Request } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSessionService } from '../../src/accounts/browser-session.service.js';
import type { Database } from '../../src/db/database.js';
import { BrowserContext, clientIp, sessionCookie } from '../../src/http/browser.js';
import { createAdapterClass } from '../../src/oidc/adapter.js';
import { DomainError, ErrorCode } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { useBrowserHarness } from '../helpers/browser-harness.js';
import { testDatabases } from '../helpers/databases.js';

describe('sessionCookie', () => {
  it('is a __Host- cookie with Secure over https', () => {
    expect(sessionCookie('https://gw.example')).toEqual({
      name: '__Host-gw_session',
      options: { httpOnly: true, sameSite: 'lax', secure: true, path: '/', maxAge: 8 * 60 * 60 * 1000 },
    });
  });

  it('keeps a plain name without Secure over plain http (browsers refuse __Host- there)', () => {
    expect(sessionCookie('http://localhost:3000')).toEqual({
      name: 'gw_session',
      options: { httpOnly: true, sameSite: 'lax', secure: false, path: '/', maxAge: 8 * 60 * 60 * 1000 },
    });
    // Only the scheme counts, not "https" elsewhere in the address.
    expect(sessionCookie('http://https.example').name).toBe('gw_session');
  });
});

describe('clientIp', () => {
  it("is express's req.ip, else the socket's address, else 'unknown'", () => {
    expect(clientIp({ ip: '203.0.113.7', socket: { remoteAddress: '10.0.0.1' } } as unknown as Request)).toBe('203.0.113.7');
    expect(clientIp({ ip: undefined, socket: { remoteAddress: '10.0.0.1' } } as unknown as Request)).toBe('10.0.0.1');
    expect(clientIp({ ip: undefined, socket: {} } as unknown as Request)).toBe('unknown');
  });
});

/**
 * BrowserContext on a real database, with express's own request and response objects (no server):
 * the cookie it sets, session id rotation, sign-out and CSRF tokens.
 */
describe.each(testDatabases())('BrowserContext on %s', (kind) => {
  const h = useBrowserHarness(kind);
  const { clock, key, familiar, http, https, exchange, setCookies } = h;
  let sessions: BrowserSessionService;
  let db: Database;
  beforeAll(() => {
    ({ sessions, db } = h);
  });

  it('ensure() sets an HttpOnly, SameSite=Lax session cookie for a new browser', async () => {
    const { req, res } = exchange();
    const created = await http().ensure(req, res);
    const [cookie, ...more] = setCookies(res);
    expect(more).toEqual([]);
    expect(cookie).toContain(`gw_session=${created.value};`);
    expect(cookie).toMatch(/; Max-Age=28800;/);
    expect(cookie).toContain('; Path=/;');
    expect(cookie).toContain('; HttpOnly');
    expect(cookie).toContain('; SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    expect(cookie).not.toContain('Domain');
  });

  it('ensure() sets a __Host- cookie with Secure over https', async () => {
    const { req, res } = exchange();
    const created = await https().ensure(req, res);
    const [cookie] = setCookies(res);
    expect(cookie).toMatch(
      new RegExp(`^__Host-gw_session=${created.value}; Max-Age=28800; Path=/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$`),
    );
  });

  it('ensure() keeps an existing session and sets no cookie; only its own cookie name counts', async () => {
    const open = await sessions.create();
    const { req, res } = exchange(`other=x; gw_session=${open.value}`);
    expect((await http().ensure(req, res)).session.idHash).toBe(open.session.idHash);
    expect(res.getHeader('set-cookie')).toBeUndefined();

    // Over https the plain name is not read: a cookie planted over http does not count.
    const planted = exchange(`gw_session=${open.value}`);
    expect(await https().current(planted.req)).toBeNull();
    expect((await https().current(exchange(`__Host-gw_session=${open.value}`).req))?.session.idHash).toBe(open.session.idHash);
    expect(await http().current(exchange().req)).toBeNull();
  });

  it('signIn() rotates the session id, binds the user, and replaces the cookie of an earlier renewal in the same response', async () => {
    const open = await sessions.create();
    const before = open.value;
    const { req, res } = exchange(`gw_session=${before}`);
    res.cookie('theme', 'dark');
    const browser = http();

    await browser.signIn(res, open, 'user-1', { freshLoginUid: 'uid-1' });
    const first = open.value;
    expect(first).not.toBe(before);
    expect(open.session).toMatchObject({ userId: 'user-1', freshLoginUid: 'uid-1' });
    expect(await browser.current(req)).toBeNull();
    expect(await browser.signedInUserId(exchange(`gw_session=${first}`).req)).toBe('user-1');

    await browser.renew(res, open, { invitationId: 'inv-1' });
    const cookies = setCookies(res);
    expect(cookies.filter((c) => c.startsWith('gw_session='))).toEqual([expect.stringContaining(`gw_session=${open.value};`)]);
    expect(cookies.filter((c) => c.startsWith('theme='))).toHaveLength(1);
    expect(cookies).toHaveLength(2);
    expect(cookies.find((c) => c.startsWith('gw_session='))).toContain('; HttpOnly');
    expect(await browser.signedInUserId(exchange(`gw_session=${first}`).req)).toBeNull();
    expect(await browser.signedInUserId(exchange(`gw_session=${open.value}`).req)).toBe('user-1');
  });

  it('renew() sets exactly one cookie, for the new id, when the response had none', async () => {
    const open = await sessions.create();
    const { res } = exchange();
    await https().renew(res, open, { ticketHash: 'h' });
    expect(setCookies(res)).toEqual([
      expect.stringMatching(new RegExp(`^__Host-gw_session=${open.value}; Max-Age=28800; Path=/; .*HttpOnly; Secure; SameSite=Lax$`)),
    ]);
  });

  it('renew() keeps a single earlier Set-Cookie header of another name', async () => {
    const open = await sessions.create();
    const { res } = exchange();
    res.setHeader('set-cookie', 'lang=en; Path=/');
    await http().renew(res, open, { verifiedEmail: 'pat@partner.example' });
    expect(setCookies(res)).toEqual(['lang=en; Path=/', expect.stringMatching(new RegExp(`^gw_session=${open.value}; `))]);
  });

  it('signedInUserId() is null without a session and for a session nobody signed in to', async () => {
    const open = await sessions.create();
    expect(await http().signedInUserId(exchange().req)).toBeNull();
    expect(await http().signedInUserId(exchange(`gw_session=${open.value}`).req)).toBeNull();
  });

  it("signOut() ends this browser's gateway session and the provider sessions it has cookies for", async () => {
    const Adapter = createAdapterClass({ db, clock, tenantId: newId(), findClient: async () => undefined });
    const provider = new Adapter('Session');
    await provider.upsert('ps-mine', { kind: 'Session', accountId: 'u' }, 3600);
    await provider.upsert('ps-other', { kind: 'Session', accountId: 'u' }, 3600);
    const open = await sessions.create();
    const other = await sessions.create();

    await http().signOut(exchange(`gw_session=${open.value}; _s_0123456789ab=ps-mine`).req);
    expect(await sessions.find(open.value)).toBeNull();
    expect(await sessions.find(other.value)).not.toBeNull();
    expect(await provider.find('ps-mine')).toBeUndefined();
    expect(await provider.find('ps-other')).toBeDefined();

    // Without any cookie, nothing breaks and nothing else ends.
    await http().signOut(exchange().req);
    expect(await sessions.find(other.value)).not.toBeNull();
  });

  describe('CSRF tokens', () => {
    const forbidden = { code: ErrorCode.CSRF_TOKEN_INVALID, message: 'This form has expired. Go back, reload the page and try again.' };
    const check = (browser: BrowserContext, session: Parameters<BrowserContext['checkCsrf']>[0], body: unknown) => {
      try {
        browser.checkCsrf(session, exchange(undefined, body).req);
        return null;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return { code: error.code, message: error.message };
      }
    };

    it('is the HMAC-SHA256 of the cookie value under the key, base64url', async () => {
      const open = await sessions.create();
      expect(http().csrfToken(open)).toBe(createHmac('sha256', key).update(open.value).digest('base64url'));
      expect(new BrowserContext(sessions, Buffer.alloc(32, 8), 'http://localhost', clock, familiar).csrfToken(open)).not.toBe(
        http().csrfToken(open),
      );
      expect(http().csrfToken(await sessions.create())).not.toBe(http().csrfToken(open));
    });

    it("accepts this session's token and refuses anything else with CSRF_TOKEN_INVALID", async () => {
      const open = await sessions.create();
      const other = await sessions.create();
      const token = http().csrfToken(open);
      expect(check(http(), open, { csrf: token })).toBeNull();
      expect(check(http(), open, { csrf: http().csrfToken(other) })).toEqual(forbidden);
      expect(check(http(), open, { csrf: token.slice(1) })).toEqual(forbidden);
      expect(check(http(), open, { csrf: `${token}x` })).toEqual(forbidden);
      expect(check(http(), open, { csrf: '' })).toEqual(forbidden);
      expect(check(http(), open, { csrf: 12345 })).toEqual(forbidden);
      expect(check(http(), open, { csrf: [token] })).toEqual(forbidden);
      expect(check(http(), open, {})).toEqual(forbidden);
      expect(check(http(), open, undefined)).toEqual(forbidden);
    });

    it('refuses every form, even an empty token, without a session', () => {
      expect(check(http(), null, { csrf: '' })).toEqual(forbidden);
      expect(check(http(), null, { csrf: 'A' })).toEqual(forbidden);
      // The one byte a placeholder buffer of zeroes would have matched.
      expect(check(http(), null, { csrf: '\u0000' })).toEqual(forbidden);
      expect(check(http(), null, {})).toEqual(forbidden);
    });
  });
});
