import { beforeAll, describe, expect, it } from 'vitest';
import { AccessService } from '../../src/access/access.service.js';
import { AssignmentPrincipalType } from '../../src/apps/app-assignment.entity.js';
import { ExternalUserState } from '../../src/directory/user.entity.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { testDatabases } from '../helpers/databases.js';
import { FEDERATED_SECONDS, useAccessHarness } from '../helpers/access-harness.js';

/** Who may sign in (AccessService) on a real database, with a fake clock. */
describe.each(testDatabases())('AccessService on %s', (kind) => {
  const h = useAccessHarness(kind);
  const { at, tenant, member, guest, app, assign, groupWith, denial } = h;
  let access: AccessService;
  beforeAll(() => {
    ({ access } = h);
  });

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
});
