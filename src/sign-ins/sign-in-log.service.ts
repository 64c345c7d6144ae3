import { LessThan } from 'typeorm';
import type { Database } from '../db/database.js';
import { RowInserter } from '../db/raw-insert.js';
import type { WriteBatch } from '../db/write-batch.js';
import { accountInTenant } from '../directory/account-in-tenant.js';
import type { Actor } from '../directory/actor.js';
import { authorize, Permission } from '../directory/permissions.js';
import { User, UserType } from '../directory/user.entity.js';
import type { Metrics } from '../observability/metrics.js';
import type { Clock } from '../shared/clock.js';
import { normalizeEmail } from '../shared/email.js';
import { newId } from '../shared/ids.js';
import { homeIdentityProvider } from '../shared/issuer.js';
import { type Page, type PageArgs, paginate } from '../shared/pagination.js';
import { SignInEvent, SignInKind, SignInResult } from './sign-in-event.entity.js';
import { checkSignInFilter, type SignInFilter } from './sign-in-filter.js';

/** Where a sign-in came from, as the transport saw the request. */
export interface SignInContext {
  ip: string | null;
  userAgent: string | null;
}

/** Where a sign-in came from and how the browser's person had signed in (amr values). */
export interface SignInSource {
  context: SignInContext;
  authMethods: readonly string[];
}

/** Finds a tenant's app by client id for the log's snapshot (the apps module, handed in by the composition root). */
export type FindSignInApp = (tenantId: string, clientId: string) => Promise<{ id: string; displayName: string } | null>;

/** One sign-in decision to record. Whoever is known is named; the service finds the rest. */
export interface SignInAttempt {
  kind: SignInKind;
  /** The tenant whose log gets the entry; null when the attempt belongs to none (it is only counted in /metrics). */
  tenantId: string | null;
  context: SignInContext;
  /** Why it was refused (an ErrorCode, or the OIDC error of a refresh); absent or null for a success. */
  reasonCode?: string | null;
  /** The tenant's account, when the caller knows it. */
  accountId?: string | null;
  /** The home identity; its account in the tenant is looked up when `accountId` is not given. */
  homeUserId?: string | null;
  /** The address typed, when no identity is known: names the tenant's account with that address, if any. */
  address?: string | null;
  /** The app's client id. */
  clientId?: string | null;
  /** How the person had signed in (amr values). */
  authMethods?: readonly string[];
  /** The caller's own reads of the account and app (the provider's, once per request), used instead of reading again. */
  known?: { user(id: string): Promise<User | null>; app(clientId: string): Promise<{ id: string; displayName: string } | null> };
  /** The caller's write batch (src/db/write-batch.ts): the entry goes with its writes, before its answer. */
  batch?: WriteBatch;
}

/**
 * A second factor's step (/mfa, a passkey): refused (`reasonCode`), or a completed one that finished a
 * sign-in. `namedTenantId`: the tenant the step's return path names (its access panel or an app's
 * sign-in), if any.
 */
export interface SecondFactorAttempt {
  context: SignInContext;
  authMethods: readonly string[];
  homeUserId: string;
  namedTenantId: string | null;
  reasonCode?: string | null;
}

const USER_AGENT_MAX = 512;
const IP_MAX = 64;
const DAY_MS = 86_400_000;

/**
 * The sign-in log: the one writer of `sign_in_event`, and the one counter of `gateway_sign_ins_total`.
 * What it stores is named by the attempt; secrets never reach it (it takes no password, code or token).
 */
const LOGGED = [
  'id',
  'tenantId',
  'createdAt',
  'kind',
  'result',
  'reasonCode',
  'userId',
  'homeUserId',
  'signInAddress',
  'userDisplayName',
  'applicationId',
  'appDisplayName',
  'ip',
  'userAgent',
  'authMethods',
  'homeIdp',
] as const;

export class SignInLogService {
  private rows?: RowInserter<SignInEvent, (typeof LOGGED)[number]>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    private readonly findApp: FindSignInApp,
    private readonly options: { publicUrl: string; retentionDays: number },
  ) {}

  /** The log's one INSERT, written once (a refresh writes an entry each time). */
  private inserter() {
    return (this.rows ??= new RowInserter(this.db.dataSource, SignInEvent, LOGGED));
  }

  /**
   * Counts the attempt and, when it belongs to a tenant, writes it to that tenant's log. Every sign-in
   * step records through this, a second factor too (e.g. `reasonCode: MFA_REQUIRED`, or the method
   * used in `authMethods`); pages build the attempt with src/pages/sign-in-attempts.ts.
   */
  async record(attempt: SignInAttempt): Promise<void> {
    const result = attempt.reasonCode ? SignInResult.Failure : SignInResult.Success;
    this.metrics.signIns.inc({ kind: attempt.kind, result, reason: attempt.reasonCode ?? '' });
    const { tenantId } = attempt;
    if (!tenantId) return;
    const { account, home } = await this.who(tenantId, attempt);
    const app = attempt.clientId ? await (attempt.known?.app(attempt.clientId) ?? this.findApp(tenantId, attempt.clientId)) : null;
    await this.inserter().insert(
      {
        id: newId(),
        tenantId,
        createdAt: this.clock.now(),
        kind: attempt.kind,
        result,
        reasonCode: attempt.reasonCode?.slice(0, 64) ?? null,
        userId: account?.id ?? null,
        homeUserId: home?.id ?? null,
        signInAddress: account?.signInName ?? account?.mail ?? typedAddress(attempt.address),
        userDisplayName: account?.displayName ?? null,
        applicationId: app?.id ?? null,
        appDisplayName: app?.displayName ?? null,
        ip: attempt.context.ip?.slice(0, IP_MAX) ?? null,
        userAgent: attempt.context.userAgent?.slice(0, USER_AGENT_MAX) || null,
        authMethods: [...new Set(attempt.authMethods ?? [])].join(' ').slice(0, 64),
        homeIdp: home ? homeIdentityProvider(this.options.publicUrl, home) : null,
      },
      attempt.batch,
    );
  }

  /**
   * Records a second factor's step in the log of the tenant the return path names, but only when the
   * person has an account there (one tenant never learns of a stranger from a crafted return path);
   * else in the person's home tenant, which owns the methods.
   */
  async recordSecondFactor(attempt: SecondFactorAttempt): Promise<void> {
    const { namedTenantId, homeUserId, ...step } = attempt;
    const home = await this.db.manager.findOneBy(User, { id: homeUserId });
    const account = home && namedTenantId ? await accountInTenant(this.db.manager, namedTenantId, home) : null;
    const tenantId = account?.tenantId ?? home?.tenantId ?? null;
    await this.record({ ...step, kind: SignInKind.Interactive, tenantId, accountId: account?.id, homeUserId });
  }

  /**
   * The caller's tenant's sign-ins, newest first, narrowed by `filter`. Only a tenant's own entries,
   * whatever the filter names.
   * @throws FORBIDDEN, INVALID_TIME_RANGE, BAD_USER_INPUT
   */
  async list(actor: Actor, filter: SignInFilter, page: PageArgs): Promise<Page<SignInEvent>> {
    authorize(actor, Permission.ReadSignInLog);
    const { userId, applicationId, kind, result, from, to } = checkSignInFilter(filter);
    const query = this.db.manager
      .getRepository(SignInEvent)
      .createQueryBuilder('e')
      .where('e.tenantId = :tenantId', { tenantId: actor.tenantId });
    if (userId != null) query.andWhere('e.userId = :userId', { userId });
    if (applicationId != null) query.andWhere('e.applicationId = :applicationId', { applicationId });
    if (kind) query.andWhere('e.kind = :kind', { kind });
    if (result) query.andWhere('e.result = :result', { result });
    if (from) query.andWhere('e.createdAt >= :from', { from });
    if (to) query.andWhere('e.createdAt <= :to', { to });
    return paginate(query, page, 'DESC');
  }

  /** Deletes the entries older than the retention (SIGN_IN_LOG_RETENTION_DAYS); returns how many. */
  async sweep(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.options.retentionDays * DAY_MS);
    return (await this.db.manager.delete(SignInEvent, { createdAt: LessThan(before) })).affected ?? 0;
  }

  /** The tenant's account and the home identity behind it, from whatever the attempt named. */
  private async accountOf(tenantId: string, id: string, known: SignInAttempt['known']): Promise<User | null> {
    if (!known) return this.db.manager.findOneBy(User, { id, tenantId });
    const user = await known.user(id);
    return user?.tenantId === tenantId ? user : null;
  }

  private async who(tenantId: string, attempt: SignInAttempt): Promise<{ account: User | null; home: User | null }> {
    const em = this.db.manager;
    let account = attempt.accountId ? await this.accountOf(tenantId, attempt.accountId, attempt.known) : null;
    let home = attempt.homeUserId ? await em.findOneBy(User, { id: attempt.homeUserId }) : null;
    if (!account && home) account = await accountInTenant(em, tenantId, home);
    const address = typedAddress(attempt.address);
    if (!account && !home && address) account = await em.findOneBy(User, { tenantId, mail: address });
    if (account && !home) {
      if (account.homeUserId) home = await em.findOneBy(User, { id: account.homeUserId });
      else if (account.userType === UserType.Member) home = account;
    }
    return { account, home };
  }
}

/**
 * A typed address is recorded only when it is an email address: someone who types a password into
 * the address field must not find it in the log.
 */
function typedAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    return normalizeEmail(raw);
  } catch {
    return null;
  }
}
