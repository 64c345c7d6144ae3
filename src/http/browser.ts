import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parse as parseCookies } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';
import type { BrowserSession } from '../accounts/browser-session.entity.js';
import { FAMILIAR_FOR_MS, type FamiliarAccount, type FamiliarCheck, type FamiliarDevices } from '../accounts/familiar-device.js';
import { type BrowserSessionService, type OpenSession, tenantSessionStart } from '../accounts/browser-session.service.js';
import { type BrowserSignIn, providerSessionIds } from '../oidc/provider.factory.js';
import { type Amr, withAmr } from '../shared/amr.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import type { SignInContext } from '../sign-ins/sign-in-log.service.js';

const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/**
 * The session cookie's name and attributes. Over https it is a `__Host-` cookie (Secure, path /, no
 * Domain), so neither plain http nor a sibling subdomain can set or overwrite it; plain http (local
 * development) keeps a plain name, since browsers refuse `__Host-` cookies without Secure.
 */
export function sessionCookie(publicUrl: string): { name: string; options: CookieOptions } {
  const secure = publicUrl.startsWith('https:');
  return {
    name: secure ? '__Host-gw_session' : 'gw_session',
    options: { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: SESSION_TTL_MS },
  };
}

/** The cookie of the accounts this browser signed in to before (FamiliarDevices), named and scoped as the session's. */
function familiarCookie(publicUrl: string): { name: string; options: CookieOptions } {
  const secure = publicUrl.startsWith('https:');
  return {
    name: secure ? '__Host-gw_familiar' : 'gw_familiar',
    options: { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: FAMILIAR_FOR_MS },
  };
}

/** Browser-facing helpers: the session cookie, sign-in and sign-out, and CSRF tokens bound to the session. */
export class BrowserContext implements BrowserSignIn {
  private readonly cookie: ReturnType<typeof sessionCookie>;
  private readonly familiarCookie: ReturnType<typeof familiarCookie>;

  constructor(
    private readonly sessions: BrowserSessionService,
    private readonly csrfKey: Buffer,
    publicUrl: string,
    private readonly clock: Clock,
    private readonly familiar: FamiliarDevices,
  ) {
    this.cookie = sessionCookie(publicUrl);
    this.familiarCookie = familiarCookie(publicUrl);
  }

  /**
   * This browser's tokens for `email`, to check against its account once looked up (its device id if
   * it signed in there before, within FAMILIAR_FOR_MS, with the current password); null without any.
   */
  familiarTo(req: IncomingMessage, email: string): FamiliarCheck | null {
    const cookie = parseCookies(req.headers.cookie ?? '')[this.familiarCookie.name];
    return cookie ? (account) => this.familiar.deviceFor(cookie, email, account) : null;
  }

  /** `account`'s password was proven for `email` in this browser: it stays familiar to that account (its cookie renewed). */
  rememberFamiliar(req: IncomingMessage, res: Response, email: string, account: FamiliarAccount): void {
    const current = parseCookies(req.headers.cookie ?? '')[this.familiarCookie.name];
    res.cookie(this.familiarCookie.name, this.familiar.remember(current, email, account), this.familiarCookie.options);
  }

  async current(req: IncomingMessage): Promise<OpenSession | null> {
    return this.sessions.find(parseCookies(req.headers.cookie ?? '')[this.cookie.name]);
  }

  /** The current session, or a new one with its cookie set. */
  async ensure(req: Request, res: Response): Promise<OpenSession> {
    const existing = await this.current(req);
    if (existing) return existing;
    const created = await this.sessions.create();
    res.cookie(this.cookie.name, created.value, this.cookie.options);
    return created;
  }

  /**
   * Signs the browser in as `userId` (with `changes`) under a new session id (see
   * BrowserSessionService.renew), recording how: `amr` is the first factor (`pwd` or `fed`, plus `mfa`
   * when a partner's provider said so), and when (`authenticatedAt`: now, or a partner's sign-in time).
   * A second factor done earlier in this browser no longer counts.
   * Re-authenticating the person the browser is signed in as keeps the session's start (sessionStart).
   */
  async signIn(
    res: Response,
    session: OpenSession,
    userId: string,
    changes: { freshLoginUid?: string | null; amr?: Amr[]; authenticatedAt?: Date } = {},
  ): Promise<void> {
    const { amr = ['pwd'], authenticatedAt = this.clock.now(), ...rest } = changes;
    await this.renew(res, session, {
      ...rest,
      userId,
      pendingUserId: null,
      amr: withAmr(null, ...amr),
      authenticatedAt,
      ...this.sessionStart(session, userId),
      // Only a second factor the gateway verified sets mfaAt (completeSecondFactor); a partner's `mfa` is theirs.
      mfaAt: null,
    });
  }

  /**
   * The first factor is proven but the account holds second factors: the browser is not signed in
   * (no userId) until one of them is completed (completeSecondFactor).
   */
  async beginSecondFactor(res: Response, session: OpenSession, userId: string, amr: Amr[]): Promise<void> {
    await this.renew(res, session, {
      userId: null,
      pendingUserId: userId,
      amr: withAmr(null, ...amr),
      authenticatedAt: this.clock.now(),
      ...this.sessionStart(session, userId),
      mfaAt: null,
    });
  }

  /**
   * When the session of a sign-in as `userId` began: kept when the browser is signed in (or half-way)
   * as that person already, so re-authentication (sign-in frequency, prompt=login, max_age) does not
   * extend a tenant's session lifetime; now for anyone else. A session from before the lifetime
   * existed (no start stored) began, at the latest, with its last sign-in, as the policy reads it.
   */
  private sessionStart(session: OpenSession, userId: string): Pick<BrowserSession, 'sessionStartedAt' | 'tenantSessionStarts'> {
    const { userId: current, pendingUserId, sessionStartedAt, authenticatedAt, tenantSessionStarts } = session.session;
    const samePerson = current === userId || (current === null && pendingUserId === userId);
    const kept = samePerson ? (sessionStartedAt ?? authenticatedAt) : null;
    // Someone else's sign-in begins every tenant's session anew.
    return kept ? { sessionStartedAt: kept, tenantSessionStarts } : { sessionStartedAt: this.clock.now(), tenantSessionStarts: null };
  }

  /**
   * A second factor was completed (`method`: `otp`, `hwk` or `swk`): the pending sign-in becomes a
   * sign-in, or a signed-in browser steps up. A new session id, as at every privilege change.
   */
  async completeSecondFactor(res: Response, session: OpenSession, method: Extract<Amr, 'otp' | 'hwk' | 'swk'>): Promise<void> {
    const userId = session.session.pendingUserId ?? session.session.userId;
    if (!userId) throw new DomainError(ErrorCode.FORBIDDEN, 'Sign in first.');
    await this.renew(res, session, {
      userId,
      pendingUserId: null,
      amr: withAmr(session.session.amr, method, 'mfa'),
      mfaAt: this.clock.now(),
    });
  }

  /** A privilege change other than a sign-in (a redemption): a new session id too. */
  async renew(res: Response, session: OpenSession, changes: Parameters<BrowserSessionService['renew']>[1]): Promise<void> {
    await this.sessions.renew(session, changes);
    // A second renewal in one request (sign-in, then redemption) replaces the first cookie rather than adding one.
    const earlier = ([] as string[]).concat((res.getHeader('set-cookie') as string[] | string | undefined) ?? []);
    res.setHeader(
      'set-cookie',
      earlier.filter((c) => !c.startsWith(`${this.cookie.name}=`)),
    );
    res.cookie(this.cookie.name, session.value, this.cookie.options);
  }

  async signedInUserId(req: IncomingMessage): Promise<string | null> {
    return (await this.signedIn(req, '')).userId;
  }

  /** When the signed-in browser's session began for `tenantId`, null when nobody is signed in. */
  async sessionStartedAt(req: IncomingMessage, tenantId: string): Promise<Date | null> {
    return (await this.signedIn(req, tenantId)).startedAt;
  }

  /** Who is signed in, and when the session began for `tenantId` (tenantSessionStart); nulls when nobody is. */
  async signedIn(req: IncomingMessage, tenantId: string): Promise<{ userId: string | null; startedAt: Date | null }> {
    const session = (await this.current(req))?.session;
    return session?.userId
      ? { userId: session.userId, startedAt: tenantSessionStart(session, tenantId) }
      : { userId: null, startedAt: null };
  }

  /** Ends the gateway session of this browser and every provider session it has a cookie for. */
  async signOut(req: IncomingMessage): Promise<void> {
    await this.sessions.signOut(await this.current(req), providerSessionIds(parseCookies(req.headers.cookie ?? '')));
  }

  /** A form token bound to the session (HMAC of the cookie value), checked on every POST. */
  csrfToken(session: OpenSession): string {
    return createHmac('sha256', this.csrfKey).update(session.value).digest('base64url');
  }

  /**
   * The token comes in the form's `csrf` field, or for a script's JSON request in the `x-csrf-token` header.
   * @throws CSRF_TOKEN_INVALID when the form did not come from our page in this browser
   */
  checkCsrf(session: OpenSession | null, req: Request): void {
    const header = req.headers['x-csrf-token'];
    const token = typeof req.body?.csrf === 'string' ? (req.body.csrf as string) : typeof header === 'string' ? header : '';
    const sent = token ? Buffer.from(token) : Buffer.alloc(0);
    // No session, no valid token (a placeholder to compare with would match a token of the same bytes).
    const expected = session ? Buffer.from(this.csrfToken(session)) : null;
    if (!expected || sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      throw new DomainError(ErrorCode.CSRF_TOKEN_INVALID, 'This form has expired. Go back, reload the page and try again.');
    }
  }
}

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** Where a sign-in came from, for the sign-in log (the service truncates and keeps what it needs). */
export function signInContext(req: Request): SignInContext {
  return { ip: clientIp(req), userAgent: req.get('user-agent') ?? null };
}
