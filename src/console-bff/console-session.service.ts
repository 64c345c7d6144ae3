import { createHash, timingSafeEqual } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { IsNull, LessThan, LessThanOrEqual, Or } from 'typeorm';
import type { ConsoleAppService } from '../apps/console-app.service.js';
import type { Config } from '../config/config.js';
import type { RateLimits } from '../accounts/rate-limits.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { randomToken, type SecretBox, sha256Hex } from '../shared/secrets.js';
import { ConsoleSession } from './console-session.entity.js';
import { ConsoleTokenClient, type TokenSet } from './token-client.js';

/** An absolute limit: after it the administrator signs in again (and meets the tenant's MFA policy). */
const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
/** How long an authorization request may take (sign-in, MFA, a federated partner's provider). */
const PENDING_TTL_MS = 10 * 60 * 1000;
/** Refresh a little before expiry, so a token never expires on its way to the API. */
const REFRESH_MARGIN_MS = 30_000;
/** How long one process may hold a session's refresh before another takes it over (it stopped). */
const REFRESH_CLAIM_MS = 15_000;
/** How often, and how many times, a process waiting for another's refresh looks for its tokens. */
const WAIT_STEP_MS = 50;
const WAIT_STEPS = 200;

export interface OpenConsoleSession {
  /** The cookie value (never stored); replaced at sign-in. */
  value: string;
  session: ConsoleSession;
}

interface PendingRequest {
  state: string;
  verifier: string;
  returnTo: string;
}

/**
 * Owner of `console_session`: the admin console's backend-for-frontend (IETF "OAuth 2.0 for
 * Browser-Based Applications", BFF). The gateway is the console's confidential client: it runs the
 * authorization code flow with PKCE at the tenant's provider, keeps the tokens sealed here, and hands
 * the browser only an http-only cookie. Access tokens are refreshed with the (rotating) refresh token.
 */
export class ConsoleSessionService {
  private readonly tokens: ConsoleTokenClient;
  /** One refresh per session at a time in this process: a rotated refresh token is good once. */
  private readonly refreshing = new Map<string, Promise<string>>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly box: SecretBox,
    private readonly apps: ConsoleAppService,
    private readonly limits: RateLimits,
    config: Pick<Config, 'publicUrl' | 'apiResource'>,
  ) {
    this.tokens = new ConsoleTokenClient(config.publicUrl, config.apiResource);
  }

  /**
   * Starts a sign-in: a new pending session and the provider URL to send the browser to. Anyone may
   * start one, so each IP has a budget of them. @throws TOO_MANY_ATTEMPTS
   */
  async begin(tenantId: string, returnTo: string, ip: string): Promise<{ value: string; authorizationUrl: string }> {
    await this.limits.consume('consoleSignInPerIp', ip);
    const client = await this.apps.ensure(tenantId);
    const pending: PendingRequest = { state: randomToken(16), verifier: randomToken(32), returnTo };
    const value = randomToken(32);
    const now = this.clock.now();
    await this.db.manager.insert(ConsoleSession, {
      idHash: sha256Hex(value),
      tenantId,
      userId: null,
      pendingRequest: this.box.seal(JSON.stringify(pending)),
      accessTokenSealed: null,
      refreshTokenSealed: null,
      accessExpiresAt: null,
      refreshClaimedUntil: null,
      expiresAt: new Date(now.getTime() + PENDING_TTL_MS),
      createdAt: now,
    });
    const challenge = createHash('sha256').update(pending.verifier).digest('base64url');
    const authorizationUrl = await this.tokens.authorizationUrl(tenantId, client.clientId, pending.state, challenge);
    return { value, authorizationUrl };
  }

  async find(value: string | undefined): Promise<OpenConsoleSession | null> {
    if (!value || value.length > 100) return null;
    const session = await this.db.manager.findOneBy(ConsoleSession, { idHash: sha256Hex(value) });
    if (!session || session.expiresAt <= this.clock.now()) return null;
    return { value, session };
  }

  /**
   * Finishes the sign-in at the callback: the state must be this browser's (else CSRF_TOKEN_INVALID),
   * the code is redeemed with the PKCE verifier, and the session gets a new id with the tokens.
   * @throws CSRF_TOKEN_INVALID, ACCESS_DENIED (the provider refused, or the code did not redeem)
   */
  async complete(open: OpenConsoleSession | null, params: URLSearchParams): Promise<{ value: string; returnTo: string }> {
    const sealed = open?.session.pendingRequest;
    if (!open || !sealed) throw new DomainError(ErrorCode.CSRF_TOKEN_INVALID, 'No console sign-in is under way in this browser');
    const pending = JSON.parse(this.box.open(sealed)) as PendingRequest;
    if (!sameText(params.get('state') ?? '', pending.state))
      throw new DomainError(ErrorCode.CSRF_TOKEN_INVALID, 'The sign-in response does not belong to this browser');
    // A pending request is used once, whatever happens next.
    await this.db.manager.delete(ConsoleSession, { idHash: open.session.idHash });
    const code = params.get('code');
    if (!code) throw new DomainError(ErrorCode.ACCESS_DENIED, params.get('error_description') ?? params.get('error') ?? 'No code');
    const client = await this.apps.ensure(open.session.tenantId);
    const tokens = await this.tokens.redeem(open.session.tenantId, client, code, pending.verifier);
    const value = randomToken(32);
    const now = this.clock.now();
    await this.db.manager.insert(ConsoleSession, {
      idHash: sha256Hex(value),
      tenantId: open.session.tenantId,
      userId: tokens.subject,
      pendingRequest: null,
      ...this.sealed(tokens),
      refreshClaimedUntil: null,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      createdAt: now,
    });
    return { value, returnTo: pending.returnTo };
  }

  /**
   * A live access token of a signed-in session, refreshed (and the refresh token rotated) when it is
   * about to expire. @throws UNAUTHENTICATED when the session is not signed in or the refresh is refused
   */
  async accessToken(open: OpenConsoleSession): Promise<string> {
    const { session } = open;
    if (!session.userId || !session.accessTokenSealed) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Not signed in to the console');
    if (this.fresh(session)) return this.box.open(session.accessTokenSealed);
    const running = this.refreshing.get(session.idHash);
    if (running) return running;
    const refresh = this.refresh(session).finally(() => this.refreshing.delete(session.idHash));
    this.refreshing.set(session.idHash, refresh);
    return refresh;
  }

  /** Signs the console out: the refresh token is revoked at the provider and the session deleted. */
  async end(open: OpenConsoleSession | null): Promise<void> {
    if (!open) return;
    await this.db.manager.delete(ConsoleSession, { idHash: open.session.idHash });
    if (open.session.refreshTokenSealed) {
      const client = await this.apps.ensure(open.session.tenantId);
      await this.tokens.revoke(open.session.tenantId, client, this.box.open(open.session.refreshTokenSealed));
    }
  }

  async sweep(): Promise<void> {
    await this.db.manager.delete(ConsoleSession, { expiresAt: LessThan(this.clock.now()) });
  }

  /**
   * Refreshes across processes: the refresh token is good once (the provider revokes the whole grant
   * when a used one comes back), so only the process whose conditional update claims the stored
   * sealed token spends it; the others wait for and read its new tokens instead of ending the session.
   */
  private async refresh(session: ConsoleSession): Promise<string> {
    for (let step = 0; step < WAIT_STEPS; step++) {
      const sealed = session.refreshTokenSealed;
      if (!sealed) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The console session has expired');
      if (await this.claim(session.idHash, sealed)) return this.rotate(session, sealed);
      const current = await this.db.manager.findOneBy(ConsoleSession, { idHash: session.idHash });
      if (!current?.accessTokenSealed) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The console session has ended');
      Object.assign(session, current);
      if (this.fresh(current)) return this.box.open(current.accessTokenSealed);
      await delay(WAIT_STEP_MS);
    }
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The console session could not be refreshed');
  }

  /** Compare-and-set: claims the refresh when the stored token is still `sealed` and nobody holds it. */
  private async claim(idHash: string, sealed: string): Promise<boolean> {
    const now = this.clock.now();
    const result = await this.db.manager.update(
      ConsoleSession,
      { idHash, refreshTokenSealed: sealed, refreshClaimedUntil: Or(IsNull(), LessThanOrEqual(now)) },
      { refreshClaimedUntil: new Date(now.getTime() + REFRESH_CLAIM_MS) },
    );
    return result.affected === 1;
  }

  private async rotate(session: ConsoleSession, sealed: string): Promise<string> {
    const client = await this.apps.ensure(session.tenantId);
    const tokens = await this.tokens.refresh(session.tenantId, client, this.box.open(sealed)).catch(async (error) => {
      // A refused refresh (signed out elsewhere, disabled, grant revoked) ends the console session.
      await this.db.manager.delete(ConsoleSession, { idHash: session.idHash });
      throw error;
    });
    const changes = { ...this.sealed(tokens), refreshClaimedUntil: null };
    changes.refreshTokenSealed ??= sealed; // kept when the provider does not rotate it
    await this.db.manager.update(ConsoleSession, { idHash: session.idHash, refreshTokenSealed: sealed }, changes);
    Object.assign(session, changes);
    return tokens.accessToken;
  }

  private fresh(session: ConsoleSession): boolean {
    return !!session.accessExpiresAt && session.accessExpiresAt.getTime() - REFRESH_MARGIN_MS > this.clock.now().getTime();
  }

  private sealed(tokens: TokenSet): Pick<ConsoleSession, 'accessTokenSealed' | 'refreshTokenSealed' | 'accessExpiresAt'> {
    return {
      accessTokenSealed: this.box.seal(tokens.accessToken),
      refreshTokenSealed: tokens.refreshToken ? this.box.seal(tokens.refreshToken) : null,
      accessExpiresAt: new Date(this.clock.now().getTime() + tokens.expiresIn * 1000),
    };
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
