import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import type { Request, Response } from 'express';
import type { BrowserSessionService, OpenSession } from '../accounts/browser-session.service.js';
import { DomainError, ErrorCode } from '../shared/errors.js';

export const SESSION_COOKIE = 'gw_session';

/** Browser-facing helpers: the session cookie and CSRF tokens bound to it. */
export class BrowserContext {
  constructor(
    private readonly sessions: BrowserSessionService,
    private readonly csrfKey: Buffer,
    private readonly secureCookies: boolean,
  ) {}

  async current(req: Request): Promise<OpenSession | null> {
    return this.sessions.find(parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE]);
  }

  /** The current session, or a new one with its cookie set. */
  async ensure(req: Request, res: Response): Promise<OpenSession> {
    const existing = await this.current(req);
    if (existing) return existing;
    const created = await this.sessions.create();
    res.cookie(SESSION_COOKIE, created.value, {
      httpOnly: true, sameSite: 'lax', secure: this.secureCookies, path: '/', maxAge: 8 * 60 * 60 * 1000,
    });
    return created;
  }

  /** A form token bound to the session (HMAC of the cookie value), checked on every POST. */
  csrfToken(session: OpenSession): string {
    return createHmac('sha256', this.csrfKey).update(session.value).digest('base64url');
  }

  /** @throws FORBIDDEN when the form did not come from our page in this browser */
  checkCsrf(session: OpenSession | null, req: Request): void {
    const sent = typeof req.body?.csrf === 'string' ? Buffer.from(req.body.csrf) : Buffer.alloc(0);
    const expected = session ? Buffer.from(this.csrfToken(session)) : Buffer.alloc(1);
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'This form has expired. Go back, reload the page and try again.');
    }
  }
}

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
