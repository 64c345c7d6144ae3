import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountProfileService } from '../../src/accounts/account-profile.service.js';
import { PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import { User, UserType } from '../../src/directory/user.entity.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { testDatabases } from '../helpers/databases.js';
import { freshIp, PASSWORD, refusal, unique, useServicesHarness } from '../helpers/services-harness.js';

const NEXT = 'Saffron-Harbor-Quill-4';

/** The account page's rules (AccountProfileService): who is signed in, names, password, browsers, organizations, deletion. */
describe.each(testDatabases())('AccountProfileService on %s', (kind) => {
  const h = useServicesHarness(kind);
  const { tenant, member, guestOf, audits, advance, left } = h;
  let profile: AccountProfileService;
  beforeAll(() => {
    profile = h.s.accountProfile;
  });
  const stored = (id: string) => h.db.manager.findOneByOrFail(User, { id });
  const signsIn = (user: User, password: string) =>
    h.s.accounts.signIn(user.mail, password, freshIp()).then(
      () => true,
      () => false,
    );
  /** A browser signed in as `user`. */
  async function browser(user: User) {
    const open = await h.s.sessions.create();
    await h.s.sessions.update(open, { userId: user.id });
    return open;
  }
  /** A self-service account (sign-up), as a redemption creates it. */
  async function selfService() {
    const origin = { tenantId: (await tenant()).id, invitationId: 'invitation-1' };
    return h.s.accounts.signUp(`sam${unique()}@self${unique()}.example`, 'Sam Self', PASSWORD, origin);
  }

  it('signedIn: an enabled member only', async () => {
    const t = await tenant();
    const anna = await member(t);
    expect((await profile.signedIn(anna.id))?.id).toBe(anna.id);
    expect(await profile.signedIn(null)).toBeNull();
    expect(await profile.signedIn('no-such-user')).toBeNull();
    const guest = await guestOf(await tenant(), anna);
    expect(await profile.signedIn(guest.id)).toBeNull();
    await h.db.manager.update(User, { id: anna.id }, { accountEnabled: false });
    expect(await profile.signedIn(anna.id)).toBeNull();
  });

  it('overview: home tenant, its kind, live browsers newest first, organizations oldest first with their apps', async () => {
    const home = await tenant('Home');
    const anna = await member(home);
    const early = await browser(anna);
    advance(1000);
    const late = await browser(anna);
    const a = await tenant('Alpha');
    const b = await tenant('Beta');
    // Stored in the other order than made: the list follows when each guest was made.
    advance(1000);
    await guestOf(a, anna);
    advance(-1000);
    const first = await guestOf(b, anna, 'Beta App');
    // Another person's guest is not listed.
    await guestOf(a, await member(home, 'bob'));
    const overview = await profile.overview(anna);
    expect(overview.homeTenant.id).toBe(home.id);
    expect(overview.selfService).toBe(false);
    expect(overview.browsers.map((x) => x.idHash)).toEqual([late.session.idHash, early.session.idHash]);
    expect(overview.organizations.map((o) => [o.tenant.name, o.apps.map((x) => x.displayName)])).toEqual([
      ['Beta', ['Beta App']],
      ['Alpha', []],
    ]);
    expect(overview.organizations[0]!.guest.id).toBe(first.id);
    expect((await profile.overview(await selfService())).selfService).toBe(true);
  });

  it('spendForm spends the person’s 60 forms per window', async () => {
    const anna = await member(await tenant());
    await profile.spendForm(anna);
    expect(await left('accountFormPerUser', anna.id)).toBe(59);
    expect((await refusal(profile.spendForm(anna))).code).toBe(ErrorCode.TOO_MANY_ATTEMPTS);
  });

  describe('updateNames', () => {
    it('stores trimmed names; empty given and family names become none', async () => {
      const anna = await member(await tenant());
      await profile.updateNames(anna, { displayName: ' Anna\tLee ', givenName: ' Anna ', familyName: ' ' });
      expect(await stored(anna.id)).toMatchObject({
        displayName: 'Anna Lee',
        givenName: 'Anna',
        familyName: null,
        updatedAt: h.clock.now(),
      });
    });

    it('requires a display name and one-line names of at most 64 characters', async () => {
      const anna = await member(await tenant());
      expect(await refusal(profile.updateNames(anna, { displayName: ' \n ', givenName: '', familyName: '' }))).toEqual({
        code: ErrorCode.BAD_USER_INPUT,
        message: 'Enter a display name.',
        details: { field: 'displayName' },
      });
      expect((await refusal(profile.updateNames(anna, { displayName: 'A', givenName: 'x'.repeat(65), familyName: '' }))).details).toEqual({
        field: 'givenName',
      });
      expect((await refusal(profile.updateNames(anna, { displayName: 'A', givenName: '', familyName: 'a\nb' }))).details).toEqual({
        field: 'familyName',
      });
      await profile.updateNames(anna, { displayName: 'A', givenName: 'x'.repeat(64), familyName: '' });
      expect((await stored(anna.id)).givenName).toHaveLength(64);
    });
  });

  describe('changePassword', () => {
    it('proves the current one, sets the new one, ends every other sign-in but this browser, audits as the person', async () => {
      const anna = await member(await tenant());
      const here = await browser(anna);
      const elsewhere = await browser(anna);
      await profile.changePassword(anna, PASSWORD, NEXT, freshIp(), here.session.idHash);
      expect(await signsIn(anna, NEXT)).toBe(true);
      expect(await signsIn(anna, PASSWORD)).toBe(false);
      expect(await h.s.sessions.find(here.value)).not.toBeNull();
      expect(await h.s.sessions.find(elsewhere.value)).toBeNull();
      expect(await audits(anna.tenantId, AuditAction.ChangeOwnPassword)).toMatchObject([
        { actorKind: PrincipalKind.User, actorId: anna.id, actorDisplayName: anna.displayName, targetType: 'User', targetId: anna.id },
      ]);
    });

    it('refuses a wrong current password, a weak new one, and an account without a gateway password', async () => {
      const anna = await member(await tenant());
      expect(await refusal(profile.changePassword(anna, 'Wrong-Horse-9', NEXT, freshIp(), 'x'))).toEqual({
        code: ErrorCode.INVALID_CREDENTIALS,
        message: 'The current password is not correct.',
      });
      expect((await refusal(profile.changePassword(anna, PASSWORD, 'short', freshIp(), 'x'))).code).toBe(ErrorCode.WEAK_PASSWORD);
      expect(await signsIn(anna, PASSWORD)).toBe(true);
      const federated = await member(await tenant(), 'fed', null);
      expect(await refusal(profile.changePassword(federated, PASSWORD, NEXT, freshIp(), 'x'))).toEqual({
        code: ErrorCode.BAD_USER_INPUT,
        message: 'This account signs in at its organization: change the password there.',
      });
      expect(await audits(anna.tenantId, AuditAction.ChangeOwnPassword)).toHaveLength(0);
    });

    it('each password check spends the person’s 10 checks per window, even the right one', async () => {
      const anna = await member(await tenant());
      await profile.changePassword(anna, PASSWORD, NEXT, freshIp(), 'x');
      const changed = await stored(anna.id);
      expect(await left('accountPasswordPerUser', anna.id)).toBe(9);
      expect((await refusal(profile.changePassword(changed, NEXT, PASSWORD, freshIp(), 'x'))).code).toBe(ErrorCode.TOO_MANY_ATTEMPTS);
    });
  });

  it('signOutEverywhere ends every browser of the person, not another person’s', async () => {
    const t = await tenant();
    const anna = await member(t);
    const bob = await member(t, 'bob');
    const mine = [await browser(anna), await browser(anna)];
    const his = await browser(bob);
    await profile.signOutEverywhere(anna);
    for (const open of mine) expect(await h.s.sessions.find(open.value)).toBeNull();
    expect(await h.s.sessions.find(his.value)).not.toBeNull();
  });

  it('leaving an organization: only the person’s own guests; the guest goes', async () => {
    const anna = await member(await tenant());
    const bob = await member(await tenant(), 'bob');
    const org = await tenant('Alpha');
    const guest = await guestOf(org, anna);
    const bobs = await guestOf(org, bob);
    expect((await profile.organizationToLeave(anna, guest.id)).name).toBe('Alpha');
    expect((await refusal(profile.organizationToLeave(anna, bobs.id))).code).toBe(ErrorCode.NOT_FOUND);
    expect((await refusal(profile.leave(anna, bobs.id))).code).toBe(ErrorCode.NOT_FOUND);
    expect((await profile.leave(anna, guest.id)).id).toBe(org.id);
    expect(await h.db.manager.countBy(User, { id: guest.id })).toBe(0);
    expect(await h.db.manager.countBy(User, { id: bobs.id })).toBe(1);
  });

  describe('deleteAccount', () => {
    it('deletes a self-service account once its password is proven', async () => {
      const sam = await selfService();
      expect((await refusal(profile.deleteAccount(sam, { password: 'Wrong-Horse-9', email: sam.mail }, freshIp()))).code).toBe(
        ErrorCode.INVALID_CREDENTIALS,
      );
      expect(await left('accountPasswordPerUser', sam.id)).toBe(9);
      await h.s.rateLimits.reset('accountPasswordPerUser', sam.id);
      await profile.deleteAccount(sam, { password: PASSWORD, email: '' }, freshIp());
      expect(await h.db.manager.countBy(User, { id: sam.id })).toBe(0);
    });

    it('an account without a password is confirmed by typing its address (any case, trimmed)', async () => {
      const sam = await selfService();
      await h.db.manager.update(User, { id: sam.id }, { passwordHash: null });
      const bare = await stored(sam.id);
      expect(await refusal(profile.deleteAccount(bare, { password: PASSWORD, email: `x${sam.mail}` }, freshIp()))).toEqual({
        code: ErrorCode.BAD_USER_INPUT,
        message: 'Type your email address to confirm.',
      });
      await profile.deleteAccount(bare, { password: '', email: ` ${sam.mail.toUpperCase()} ` }, freshIp());
      expect(await h.db.manager.countBy(User, { id: sam.id, userType: UserType.Member })).toBe(0);
    });

    it('a managed tenant’s member may not delete its account', async () => {
      const anna = await member(await tenant('Contoso'));
      expect(await refusal(profile.deleteAccount(anna, { password: PASSWORD, email: anna.mail }, freshIp()))).toEqual({
        code: ErrorCode.FORBIDDEN,
        message: 'Contoso manages your account: ask its administrator to delete it.',
      });
      expect(await h.db.manager.countBy(User, { id: anna.id })).toBe(1);
    });
  });
});
