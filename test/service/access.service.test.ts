import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessService } from '../../src/access/access.service.js';
import { AppAssignment, AssignmentPrincipalType } from '../../src/apps/app-assignment.entity.js';
import { Application } from '../../src/apps/application.entity.js';
import { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/data-source.js';
import { Group, GroupMember } from '../../src/directory/group.entity.js';
import { TenantKind, Tenant } from '../../src/directory/tenant.entity.js';
import { ExternalUserState, User } from '../../src/directory/user.entity.js';
import { insertUser, newInvitedGuest, newMember } from '../../src/directory/user.rows.js';
import type { Clock } from '../../src/shared/clock.js';
import { DomainError, ErrorCode } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const FEDERATED_SECONDS = 3600;

/** Who may sign in and use tokens (AccessService) on a real database, with a fake clock. */
describe.each(testDatabases())('AccessService on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let access: AccessService;
  const clock = {
    at: new Date('2026-03-01T12:00:00.000Z'),
    now() {
      return new Date(this.at);
    },
  } satisfies Clock & { at: Date };
  const at = (ms: number) => new Date(clock.at.getTime() + ms);

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    access = new AccessService(db, clock, FEDERATED_SECONDS);
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  async function tenant(): Promise<Tenant> {
    const t: Tenant = Object.assign(new Tenant(), {
      id: newId(),
      name: 'Resource Org',
      kind: TenantKind.Managed,
      defaultDomain: `t${Math.random().toString(36).slice(2, 8)}.example`,
      allowedRedirectHosts: [],
      invitationTtlDays: null,
      privacyUrl: null,
      contactUrl: null,
      logoUrl: null,
      brandColor: null,
      partnerDomainPolicy: 'None',
      partnerDomains: [],
      refuseConsumerDomains: true,
      createdAt: clock.now(),
    });
    await db.manager.insert(Tenant, t);
    return t;
  }

  async function member(tenantId: string, fields: Partial<User> = {}): Promise<User> {
    const user = Object.assign(newMember({ tenantId, displayName: 'Member', mail: `m${newId()}@home.example` }, clock.now()), fields);
    await insertUser(db.manager, user);
    return user;
  }

  /** A guest of `tenantId` redeemed by `home` (unless fields say otherwise). */
  async function guest(tenantId: string, home: User | null, fields: Partial<User> = {}): Promise<User> {
    const user = Object.assign(
      newInvitedGuest(
        {
          tenantId,
          displayName: 'Guest',
          mail: home?.mail ?? 'nobody@partner.example',
          userPrincipalName: `g${newId()}#EXT#@x`,
          accessExpiresAt: null,
        },
        clock.now(),
      ),
      home ? { externalUserState: ExternalUserState.Accepted, homeUserId: home.id } : {},
      fields,
    );
    await insertUser(db.manager, user);
    return user;
  }

  async function app(tenantId: string, displayName: string, assignmentRequired = true): Promise<Application> {
    const a: Application = Object.assign(new Application(), {
      id: newId(),
      tenantId,
      appId: newId(),
      displayName,
      replyUrls: [],
      homepageUrl: null,
      logoUrl: null,
      assignmentRequired,
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
    await db.manager.insert(Application, a);
    return a;
  }

  async function assign(
    tenantId: string,
    application: Application,
    principalType: AssignmentPrincipalType,
    principalId: string,
  ): Promise<void> {
    await db.manager.insert(AppAssignment, {
      id: newId(),
      tenantId,
      applicationId: application.id,
      principalType,
      principalId,
      createdAt: clock.now(),
    });
  }

  async function groupWith(tenantId: string, user: User): Promise<string> {
    const id = newId();
    await db.manager.insert(Group, { id, tenantId, displayName: 'Group', description: null, createdAt: clock.now() });
    await db.manager.insert(GroupMember, { groupId: id, userId: user.id, tenantId, createdAt: clock.now() });
    return id;
  }

  async function denial(account: User, application: Application | null = null): Promise<{ code: string; message: string } | null> {
    try {
      await access.checkSignIn(account, application);
      return null;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { code: error.code, message: error.message };
    }
  }

  describe('upstreamSignInValid', () => {
    it('always holds for an account without an upstream provider', async () => {
      const t = await tenant();
      expect(access.upstreamSignInValid(await member(t.id, { upstreamAuthenticatedAt: null }))).toBe(true);
    });

    it('holds until exactly federatedSessionSeconds after the upstream sign-in, and not without one', async () => {
      const t = await tenant();
      const upstream = { upstreamIssuer: 'https://idp.partner.example', upstreamSubject: 'sub' };
      expect(
        access.upstreamSignInValid(await member(t.id, { ...upstream, upstreamAuthenticatedAt: at(-FEDERATED_SECONDS * 1000 + 1) })),
      ).toBe(true);
      expect(access.upstreamSignInValid(await member(t.id, { ...upstream, upstreamAuthenticatedAt: at(-FEDERATED_SECONDS * 1000) }))).toBe(
        false,
      );
      expect(access.upstreamSignInValid(await member(t.id, { ...upstream, upstreamAuthenticatedAt: null }))).toBe(false);
      // Far in the past and far in the future: the bound is a sum of the sign-in time and the lifetime.
      expect(
        access.upstreamSignInValid(await member(t.id, { ...upstream, upstreamAuthenticatedAt: at(-2 * FEDERATED_SECONDS * 1000) })),
      ).toBe(false);
      expect(access.upstreamSignInValid(await member(t.id, { ...upstream, upstreamAuthenticatedAt: at(0) }))).toBe(true);
    });
  });

  describe('accountInTenant and isAccountOf', () => {
    it('is the home account itself in its own tenant, its redeemed guest elsewhere, else null', async () => {
      const home = await tenant();
      const resource = await tenant();
      const other = await tenant();
      const me = await member(home.id);
      const myGuest = await guest(resource.id, me);
      await guest(other.id, null, { homeUserId: null });

      expect((await access.accountInTenant(home.id, me))?.id).toBe(me.id);
      expect((await access.accountInTenant(resource.id, me))?.id).toBe(myGuest.id);
      expect(await access.accountInTenant(other.id, me)).toBeNull();
    });

    it('matches an account to the signed-in home id by its own id or its home link', async () => {
      const t = await tenant();
      const me = await member(t.id);
      const myGuest = await guest((await tenant()).id, me);
      expect(access.isAccountOf(me, me.id)).toBe(true);
      expect(access.isAccountOf(myGuest, me.id)).toBe(true);
      expect(access.isAccountOf(myGuest, newId())).toBe(false);
      expect(access.isAccountOf(me, null)).toBe(false);
      // A pending guest has no home link: null must not match null.
      expect(access.isAccountOf(await guest(t.id, null), null)).toBe(false);
    });
  });

  describe('checkSignIn', () => {
    it('lets an enabled member in to an app that does not require assignment', async () => {
      const t = await tenant();
      expect(await denial(await member(t.id), await app(t.id, 'Open app', false))).toBeNull();
      expect(await denial(await member(t.id), null)).toBeNull();
    });

    it('refuses a disabled account', async () => {
      const t = await tenant();
      expect(await denial(await member(t.id, { accountEnabled: false }))).toEqual({
        code: ErrorCode.ACCESS_DENIED,
        message: 'Your account in this organization is disabled.',
      });
    });

    it('ends access exactly at accessExpiresAt', async () => {
      const t = await tenant();
      const home = await member((await tenant()).id);
      const ended = { code: ErrorCode.ACCESS_DENIED, message: 'Your access to this organization has ended.' };
      expect(await denial(await guest(t.id, home, { accessExpiresAt: at(1) }))).toBeNull();
      expect(await denial(await guest(t.id, home, { accessExpiresAt: at(0) }))).toEqual(ended);
      expect(await denial(await guest(t.id, home, { accessExpiresAt: at(-1) }))).toEqual(ended);
    });

    it('refuses a guest that has not redeemed, or is not bound to a home account', async () => {
      const t = await tenant();
      const home = await member((await tenant()).id);
      const notYet = { code: ErrorCode.ACCESS_DENIED, message: 'You have not accepted an invitation to this organization yet.' };
      expect(await denial(await guest(t.id, null))).toEqual(notYet);
      expect(await denial(await guest(t.id, home, { externalUserState: ExternalUserState.PendingAcceptance }))).toEqual(notYet);
      expect(await denial(await guest(t.id, null, { externalUserState: ExternalUserState.Accepted, homeUserId: null }))).toEqual(notYet);
    });

    it('refuses a guest whose home account is disabled or gone', async () => {
      const t = await tenant();
      const homeDisabled = { code: ErrorCode.ACCESS_DENIED, message: 'Your home account is disabled.' };
      const disabledHome = await member((await tenant()).id, { accountEnabled: false });
      expect(await denial(await guest(t.id, disabledHome))).toEqual(homeDisabled);
      expect(await denial(await guest(t.id, null, { externalUserState: ExternalUserState.Accepted, homeUserId: newId() }))).toEqual(
        homeDisabled,
      );
    });

    it('asks for a new upstream sign-in once the federated session is over, for a member and for a guest', async () => {
      const t = await tenant();
      const again = { code: ErrorCode.ACCESS_DENIED, message: 'Sign in again with your organization.' };
      const stale = {
        upstreamIssuer: 'https://idp.partner.example',
        upstreamSubject: 's',
        upstreamAuthenticatedAt: at(-FEDERATED_SECONDS * 1000),
      };
      const fresh = { ...stale, upstreamAuthenticatedAt: at(-1000) };
      expect(await denial(await member(t.id, stale))).toEqual(again);
      expect(await denial(await member(t.id, fresh))).toBeNull();
      expect(await denial(await guest(t.id, await member((await tenant()).id, stale)))).toEqual(again);
      expect(await denial(await guest(t.id, await member((await tenant()).id, fresh)))).toBeNull();
    });

    it('requires an assignment, direct or through a group, to an app that requires one', async () => {
      const t = await tenant();
      const payroll = await app(t.id, 'Payroll');
      const other = await app(t.id, 'Other');
      const direct = await member(t.id);
      const viaGroup = await member(t.id);
      const elsewhere = await member(t.id);
      const inOtherGroup = await member(t.id);
      await assign(t.id, payroll, AssignmentPrincipalType.User, direct.id);
      await assign(t.id, payroll, AssignmentPrincipalType.Group, await groupWith(t.id, viaGroup));
      await assign(t.id, other, AssignmentPrincipalType.User, elsewhere.id);
      await assign(t.id, other, AssignmentPrincipalType.Group, await groupWith(t.id, inOtherGroup));
      // An assignment of the user's id as a group (or the group's id as a user) grants nothing.
      const confused = await member(t.id);
      await assign(t.id, payroll, AssignmentPrincipalType.Group, confused.id);

      const refused = {
        code: ErrorCode.ACCESS_DENIED,
        message: "You have not been given access to Payroll. Ask the organization's administrator.",
      };
      expect(await denial(direct, payroll)).toBeNull();
      expect(await denial(viaGroup, payroll)).toBeNull();
      expect(await denial(elsewhere, payroll)).toEqual(refused);
      expect(await denial(inOtherGroup, payroll)).toEqual(refused);
      expect(await denial(confused, payroll)).toEqual(refused);
      expect(await denial(await member(t.id), payroll)).toEqual(refused);
      expect(await access.isAssigned(direct, payroll.id)).toBe(true);
      expect(await access.isAssigned(direct, other.id)).toBe(false);
      expect(await access.isAssigned(viaGroup, payroll.id)).toBe(true);
      expect(await access.isAssigned(inOtherGroup, payroll.id)).toBe(false);
    });
  });

  it('records the sign-in time from the clock', async () => {
    const t = await tenant();
    const user = await member(t.id);
    await access.recordSignIn(user);
    expect((await db.manager.findOneByOrFail(User, { id: user.id })).lastSignInAt?.toISOString()).toBe(clock.now().toISOString());
  });

  describe('mayUseTokens', () => {
    it('is false without an account and whenever a sign-in would be refused, true otherwise', async () => {
      const t = await tenant();
      const payroll = await app(t.id, 'Payroll');
      const user = await member(t.id);
      expect(await access.mayUseTokens(null, null)).toBe(false);
      expect(await access.mayUseTokens(user, null)).toBe(true);
      expect(await access.mayUseTokens(user, payroll)).toBe(false);
      await assign(t.id, payroll, AssignmentPrincipalType.User, user.id);
      expect(await access.mayUseTokens(user, payroll)).toBe(true);
      expect(await access.mayUseTokens(await member(t.id, { accountEnabled: false }), null)).toBe(false);
    });

    it('lets errors other than a refusal through', async () => {
      const t = await tenant();
      // An account whose fields cannot be read: the failure is not turned into a quiet "no".
      const broken = await member(t.id);
      Object.defineProperty(broken, 'accountEnabled', {
        get() {
          throw new TypeError('boom');
        },
      });
      await expect(access.mayUseTokens(broken, null)).rejects.toThrow(TypeError);
    });
  });

  describe('panelApps and assignedApps', () => {
    it("lists an account's apps, direct and through groups, once each, by name, only from its tenant", async () => {
      const home = await tenant();
      const resource = await tenant();
      const me = await member(home.id);
      const myGuest = await guest(resource.id, me);
      const zeta = await app(resource.id, 'Zeta');
      const alpha = await app(resource.id, 'Alpha');
      const mid = await app(resource.id, 'Mid', false);
      await app(resource.id, 'Not mine');
      const foreign = await app(home.id, 'Foreign');
      await assign(resource.id, zeta, AssignmentPrincipalType.User, myGuest.id);
      await assign(resource.id, alpha, AssignmentPrincipalType.Group, await groupWith(resource.id, myGuest));
      await assign(resource.id, zeta, AssignmentPrincipalType.Group, await groupWith(resource.id, myGuest));
      await assign(resource.id, mid, AssignmentPrincipalType.User, myGuest.id);
      // A stray row pointing at another tenant's app is not listed.
      await assign(resource.id, foreign, AssignmentPrincipalType.User, myGuest.id);

      expect((await access.panelApps(resource.id, me)).map((a) => a.displayName)).toEqual(['Alpha', 'Mid', 'Zeta']);
      expect((await access.assignedApps(myGuest)).map((a) => a.displayName)).toEqual(['Alpha', 'Mid', 'Zeta']);
    });

    it('is empty without an account there, without assignments, and once the account may not sign in', async () => {
      const home = await tenant();
      const resource = await tenant();
      const me = await member(home.id);
      const a = await app(resource.id, 'A');
      expect(await access.panelApps(resource.id, me)).toEqual([]);
      const myGuest = await guest(resource.id, me);
      expect(await access.panelApps(resource.id, me)).toEqual([]);
      expect(await access.assignedApps(myGuest)).toEqual([]);
      await assign(resource.id, a, AssignmentPrincipalType.User, myGuest.id);
      expect((await access.panelApps(resource.id, me)).map((x) => x.id)).toEqual([a.id]);

      await db.manager.update(User, { id: myGuest.id }, { accessExpiresAt: clock.now() });
      expect(await access.panelApps(resource.id, me)).toEqual([]);

      // A member's own tenant: its own assignments.
      const own = await app(home.id, 'Own');
      await assign(home.id, own, AssignmentPrincipalType.User, me.id);
      expect((await access.panelApps(home.id, me)).map((x) => x.displayName)).toEqual(['Own']);
    });
  });
});
