import type { PartnerRowsPort } from '../directory/ports.js';
import { In } from 'typeorm';
import { AppAssignment, AssignmentPrincipalType } from '../apps/app-assignment.entity.js';
import { Application } from '../apps/application.entity.js';
import { AppRoleMemberType, ExposedApi } from '../apps/exposed-api.entity.js';
import { enabledRoles } from '../apps/exposed-api.rules.js';
import type { Database } from '../db/database.js';
import { entityReader } from '../db/entity-reader.js';
import { accountInTenant } from '../directory/account-in-tenant.js';
import { Tenant } from '../directory/tenant.entity.js';
import { ExternalUserState, User, UserType } from '../directory/user.entity.js';
import { recordSignIn } from '../directory/user.rows.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import type { SignInKind } from '../sign-ins/sign-in-event.entity.js';
import type { SignInLogService, SignInSource } from '../sign-ins/sign-in-log.service.js';
import { maySignInSilently, type SignInRequest } from './silent-sign-in.js';

/** A tenant where a person has an account (their home tenant's own, or a guest), with the apps the panel lists there. */
export interface PanelOrganization {
  account: User;
  tenant: Tenant;
  apps: Application[];
}

/** How a sign-in to an app (or the access panel) happened, for the sign-in log. */
export interface AppSignIn extends SignInSource {
  kind: SignInKind;
}

/**
 * Who may get tokens for what, decided on every authorization, token and userinfo request:
 * the tenant's own object must be enabled (and, for a guest, redeemed), the home account behind a
 * guest must be enabled, and an app that requires assignment must be assigned to the user directly
 * or through a group.
 */
export class AccessService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly federatedSessionSeconds: number,
    private readonly signIns: SignInLogService,
    private readonly partners: PartnerRowsPort,
  ) {}

  /** A sign-in at a partner's own provider counts for a bounded time (refresh tokens are bound to it). */
  upstreamSignInValid(home: User): boolean {
    if (!home.upstreamIssuer) return true;
    const at = home.upstreamAuthenticatedAt?.getTime() ?? 0;
    return at + this.federatedSessionSeconds * 1000 > this.clock.now().getTime();
  }

  /** The account a home identity uses in a tenant: itself when it is a member there, else its redeemed guest. */
  accountInTenant(tenantId: string, home: User): Promise<User | null> {
    return accountInTenant(this.db.manager, tenantId, home);
  }

  /** The OIDC interaction's question: may the browser's gateway sign-in as `home` be used without the sign-in page? */
  maySignInSilently(home: User | null, request: SignInRequest): boolean {
    return maySignInSilently(home, home ? this.upstreamSignInValid(home) : false, request);
  }

  /**
   * The account `home` signs in with at `tenantId` for the app `clientId`, once every sign-in rule
   * holds; a refusal is written to the tenant's sign-in log (the success, once the sign-in completes,
   * by recordSignIn).
   * @throws ACCESS_DENIED with a reason safe to show
   */
  async admit(tenantId: string, home: User, clientId: string, signIn: AppSignIn): Promise<User> {
    const account = await this.accountInTenant(tenantId, home);
    try {
      if (!account) throw new DomainError(ErrorCode.ACCESS_DENIED, `${home.mail} has no access to this organization.`);
      await this.checkSignIn(account, await this.db.manager.findOneBy(Application, { tenantId, appId: clientId }));
      return account;
    } catch (error) {
      if (error instanceof DomainError)
        await this.signIns.record({ ...signIn, tenantId, accountId: account?.id, homeUserId: home.id, clientId, reasonCode: error.code });
      throw error;
    }
  }

  /** Whether `account` (a tenant's member or guest) is the person signed in with home account `homeId`. */
  isAccountOf(account: User, homeId: string | null): boolean {
    return homeId !== null && (account.id === homeId || account.homeUserId === homeId);
  }

  /**
   * With `assignments`, the account's assignments to `app` as `assignmentsJoin` read them beside
   * another statement (src/oidc/access-facts.ts); else read here when the app requires assignment.
   * @throws ACCESS_DENIED with a reason safe to show
   */
  async checkSignIn(account: User, app: Application | null, assignments?: AppAssignment[]): Promise<void> {
    const deny = (why: string) => new DomainError(ErrorCode.ACCESS_DENIED, why);
    if (!account.accountEnabled) throw deny('Your account in this organization is disabled.');
    if (account.activationPending) throw deny('Your account is not activated yet. Use the link in your activation email.');
    if (account.accessExpiresAt && account.accessExpiresAt <= this.clock.now()) throw deny('Your access to this organization has ended.');
    if (account.userType === UserType.Guest) {
      if (account.externalUserState !== ExternalUserState.Accepted || !account.homeUserId)
        throw deny('You have not accepted an invitation to this organization yet.');
      const home = await this.db.manager.findOneBy(User, { id: account.homeUserId });
      if (!home?.accountEnabled) throw deny('Your home account is disabled.');
      if (!this.upstreamSignInValid(home)) throw deny('Sign in again with your organization.');
    } else if (!this.upstreamSignInValid(account)) {
      throw deny('Sign in again with your organization.');
    }
    if (app?.assignmentRequired && !(assignments ? assignments.length > 0 : await this.isAssigned(account, app.id))) {
      throw deny(`You have not been given access to ${app.displayName}. Ask the organization's administrator.`);
    }
  }

  /** A sign-in completed (to the app `clientId`, or the access panel): the account's last sign-in and the tenant's sign-in log. */
  async recordSignIn(account: User, clientId: string | null, signIn: AppSignIn): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      await recordSignIn(em, account.id, now);
      await this.partners.signedIn(em, account.id, now);
    });
    await this.signIns.record({ ...signIn, tenantId: account.tenantId, accountId: account.id, clientId });
  }

  async isAssigned(account: User, applicationId: string): Promise<boolean> {
    return (await this.assignmentsOf(account, applicationId)).length > 0;
  }

  /**
   * The app roles the account holds in an app (Entra's `roles` claim): those of its own and its
   * groups' assignments that the app's exposed API still defines, enabled, for users.
   */
  async appRolesOf(account: User, applicationId: string, assignments?: AppAssignment[]): Promise<string[]> {
    const assigned = new Set((assignments ?? (await this.assignmentsOf(account, applicationId))).flatMap((a) => a.appRoles ?? []));
    if (assigned.size === 0) return [];
    const api = await this.db.manager.findOneBy(ExposedApi, { applicationId });
    return api ? enabledRoles(api, AppRoleMemberType.User).filter((role) => assigned.has(role)) : [];
  }

  /** Assignments of the account itself or of its groups (to one app, or to any). */
  private async assignmentsOf(account: User, applicationId?: string): Promise<AppAssignment[]> {
    // One statement: the account's groups are a subquery (this runs at every token request), written once.
    const assignments = entityReader(this.db.dataSource, AppAssignment);
    const sql = assignments.statement(applicationId ? 'ofApp' : 'ofAny', (r) => {
      const principal = assignedTo('', (n) => r.param(n));
      return r.select(applicationId ? `${principal} AND "applicationId" = ${r.param(5)}` : principal);
    });
    const parameters = assignmentParameters(account);
    return assignments.many(sql, applicationId ? [...parameters, applicationId] : parameters);
  }

  /**
   * The account's assignments to one app as a LEFT JOIN (alias `a`) for a statement that reads other
   * facts too (src/oidc/access-facts.ts: every token request asks the policy as well): its columns and
   * text (its parameters numbered from `first`), their values, and the assignments in the statement's
   * rows, for checkSignIn and appRolesOf. The rule stays assignedTo's, as in assignmentsOf.
   */
  assignmentsJoin(account: User, applicationId: string) {
    const assignments = entityReader(this.db.dataSource, AppAssignment);
    return {
      name: 'appAssignments',
      build: (param: (n: number) => string, first: number) => ({
        columns: assignments.columnsAs('a'),
        sql: `LEFT JOIN ${assignments.table} a ON ${assignedTo('a.', (n) => param(first + n - 1))} AND a."applicationId" = ${param(first + 4)}`,
      }),
      parameters: [...assignmentParameters(account), applicationId],
      fromRows: (rows: Record<string, unknown>[]) => rows.flatMap((row) => assignments.fromRow(row, 'a') ?? []),
    };
  }

  /**
   * Whether the account may still use tokens issued to the client (by client_id): the same rules as a
   * sign-in, for token introspection and the API, which never pass through the provider's findAccount.
   * With `issuedAt` (a token's `iat`, in seconds), also that the token was not issued before the
   * account's sign-ins last ended (UserService.endSignIns) or, for a guest, its home account's.
   */
  async mayUseTokens(account: User | null, app: Application | null, issuedAt?: number): Promise<boolean> {
    if (!account) return false;
    if (issuedAt !== undefined && (await this.issuedBeforeSignInsEnded(account, issuedAt))) return false;
    try {
      await this.checkSignIn(account, app);
      return true;
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
  }

  /**
   * `iat` has whole seconds, so the moment sign-ins ended is floored to its second: a token issued in
   * that second is accepted, whether just before or just after. Refusing the whole second would also
   * refuse the token of a sign-in right after a reset or a password change (for its 10 minutes);
   * accepting it leaves a token obtained in the same second before the end, a window under a second.
   */
  private async issuedBeforeSignInsEnded(account: User, issuedAt: number): Promise<boolean> {
    const home =
      account.userType === UserType.Guest && account.homeUserId ? await this.db.manager.findOneBy(User, { id: account.homeUserId }) : null;
    const ends = [account.signInSessionsValidFrom, home?.signInSessionsValidFrom].flatMap((at) => (at ? [at.getTime()] : []));
    return ends.some((at) => issuedAt < Math.floor(at / 1000));
  }

  /**
   * What the access panel lists: nothing once the account may not sign in (disabled, expired, not
   * redeemed). With `search`, only the apps whose name contains it (case-insensitive).
   */
  async panelApps(tenantId: string, home: User, search = ''): Promise<Application[]> {
    const account = await this.accountInTenant(tenantId, home);
    if (!account || !(await this.mayUseTokens(account, null))) return [];
    const apps = await this.assignedApps(account);
    const wanted = search.trim().toLocaleLowerCase();
    return wanted ? apps.filter((app) => app.displayName.toLocaleLowerCase().includes(wanted)) : apps;
  }

  /**
   * The organizations where `home` has an account: its own tenant first, then the tenants of its
   * guest accounts (oldest first, redeemed or not), each with what the access panel lists there.
   * The account page's list and the panel's organization switcher both come from here.
   */
  async organizationsOf(home: User): Promise<PanelOrganization[]> {
    const guests = await this.db.manager.find(User, {
      where: { homeUserId: home.id, userType: UserType.Guest },
      order: { createdAt: 'ASC' },
    });
    const organizations: PanelOrganization[] = [];
    for (const account of [home, ...guests]) {
      const tenant = await this.db.manager.findOneBy(Tenant, { id: account.tenantId });
      if (tenant) organizations.push({ account, tenant, apps: await this.panelApps(tenant.id, home) });
    }
    return organizations;
  }

  /** The apps an account is assigned to (directly or through its groups). */
  async assignedApps(account: User): Promise<Application[]> {
    const ids = [...new Set((await this.assignmentsOf(account)).map((a) => a.applicationId))];
    if (ids.length === 0) return [];
    return this.db.manager.find(Application, { where: { id: In(ids), tenantId: account.tenantId }, order: { displayName: 'ASC' } });
  }
}

/**
 * Assigned to the account itself or to one of its groups (columns prefixed with `prefix`): each
 * parameter once, in order, as SQLite's placeholders are positional (assignmentParameters' order).
 */
function assignedTo(prefix: string, param: (n: number) => string): string {
  const [user, userId, group, memberId] = [1, 2, 3, 4].map(param);
  return (
    `(${prefix}"principalType" = ${user} AND ${prefix}"principalId" = ${userId} OR ${prefix}"principalType" = ${group} AND ` +
    `${prefix}"principalId" IN (SELECT "groupId" FROM "group_member" WHERE "userId" = ${memberId}))`
  );
}

function assignmentParameters(account: User): unknown[] {
  return [AssignmentPrincipalType.User, account.id, AssignmentPrincipalType.Group, account.id];
}
