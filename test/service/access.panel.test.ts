import { beforeAll, describe, expect, it } from 'vitest';
import { AccessService } from '../../src/access/access.service.js';
import { AssignmentPrincipalType } from '../../src/apps/app-assignment.entity.js';
import { Database } from '../../src/db/database.js';
import { User } from '../../src/directory/user.entity.js';
import { SignInKind } from '../../src/sign-ins/sign-in-event.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { useAccessHarness } from '../helpers/access-harness.js';

/** Recording sign-ins, using tokens and the access panel (AccessService) on a real database, with a fake clock. */
describe.each(testDatabases())('AccessService on %s', (kind) => {
  const h = useAccessHarness(kind);
  const { clock, tenant, member, guest, app, assign, groupWith } = h;
  let db: Database;
  let access: AccessService;
  beforeAll(() => {
    ({ db, access } = h);
  });

  it('records the sign-in time from the clock', async () => {
    const t = await tenant();
    const user = await member(t.id);
    await access.recordSignIn(user, null, { kind: SignInKind.Interactive, context: { ip: null, userAgent: null }, authMethods: [] });
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
