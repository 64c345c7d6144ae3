import { beforeAll, describe, expect, it } from 'vitest';
import { AccountService, type SignUpOrigin } from '../../src/accounts/account.service.js';
import { PasswordHasher } from '../../src/accounts/password.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Database } from '../../src/db/database.js';
import { PrincipalKind } from '../../src/directory/actor.js';
import { Tenant, TenantKind } from '../../src/directory/tenant.entity.js';
import { TenantDomain } from '../../src/directory/tenant-domain.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { insertUser, newInvitedGuest } from '../../src/directory/user.rows.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { testDatabases } from '../helpers/databases.js';
import { domain, failure, PASSWORD, n, useAccountsHarness } from '../helpers/accounts-harness.js';

/** Signing up and setting a password (AccountService) on a real database, with a fake clock. */
describe.each(testDatabases())('AccountService on %s', (kind) => {
  const h = useAccountsHarness(kind);
  const { clock, advance, tenant, member } = h;
  let db: Database;
  let hasher: PasswordHasher;
  let accounts: AccountService;
  let origin: SignUpOrigin;
  beforeAll(() => {
    ({ db, hasher, accounts, origin } = h);
  });

  describe('sign-up', () => {
    it('creates a verified member in the self-service tenant of the domain, created on first use, and audits both', async () => {
      const d = domain();
      const user = await accounts.signUp(`Neo@${d}`, ' Thomas\nAnderson ', PASSWORD, origin);
      expect(user).toMatchObject({
        mail: `Neo@${d}`,
        userPrincipalName: `Neo@${d}`,
        signInName: `Neo@${d}`,
        displayName: 'Thomas Anderson',
        emailVerified: true,
        userType: 'Member',
      });
      expect(user.createdAt.getTime()).toBe(clock.at.getTime());
      expect(await hasher.verify(PASSWORD, user.passwordHash, 'x')).toBe(true);
      const t = await db.manager.findOneByOrFail(Tenant, { id: user.tenantId });
      expect(t).toMatchObject({ name: d, kind: TenantKind.SelfService, defaultDomain: d });
      expect(await db.manager.findOneBy(TenantDomain, { domain: d })).toMatchObject({ tenantId: t.id });
      // The viral events go to the inviting tenant's log: the self-service tenant has no one to read its own.
      expect(await db.manager.countBy(AuditEvent, { tenantId: t.id })).toBe(0);
      const events = await db.manager.find(AuditEvent, { where: { tenantId: origin.tenantId }, order: { action: 'ASC' } });
      expect(events.map((e) => [e.action, e.targetType, e.targetId, e.details])).toEqual([
        [AuditAction.ViralTenantCreation, 'Tenant', t.id, { domain: d, invitationId: origin.invitationId }],
        [AuditAction.ViralUserCreation, 'User', user.id, { email: `Neo@${d}`, homeTenantId: t.id, invitationId: origin.invitationId }],
      ]);
      expect(events[1]).toMatchObject({ actorKind: PrincipalKind.User, actorId: user.id });

      // The second address of the domain joins the same tenant; an empty name falls back to the address.
      const second = await accounts.signUp(`trinity@${d}`, '', PASSWORD, origin);
      expect(second).toMatchObject({ tenantId: t.id, displayName: `trinity@${d}` });
      expect(
        await db.manager.countBy(AuditEvent, { tenantId: origin.tenantId, action: AuditAction.ViralTenantCreation, targetId: t.id }),
      ).toBe(1);
      expect((await accounts.signIn(`trinity@${d}`, PASSWORD, `10.11.${n}.1`)).id).toBe(second.id);
    });

    it('refuses a weak password before anything else', async () => {
      const d = domain();
      expect(await failure(accounts.signUp(`pat@${d}`, 'Pat', 'pat-short', origin))).toEqual({
        code: ErrorCode.WEAK_PASSWORD,
        message: 'Choose a stronger password: use at least 10 characters',
      });
      expect(await failure(accounts.signUp(`patricia@${d}`, 'Pat', 'my patricia 1', origin))).toMatchObject({
        code: ErrorCode.WEAK_PASSWORD,
      });
      expect(await db.manager.countBy(TenantDomain, { domain: d })).toBe(0);
    });

    it('refuses an address with an account, or one a managed tenant owns', async () => {
      const d = domain();
      await accounts.signUp(`neo@${d}`, 'Neo', PASSWORD, origin);
      const exists = { code: ErrorCode.SIGN_UP_NOT_ALLOWED, message: 'An account with this address exists already; sign in instead.' };
      expect(await failure(accounts.signUp(`neo@${d}`, 'Neo', PASSWORD, origin))).toEqual(exists);
      expect(await failure(accounts.requireSignUpAllowed(`neo@${d}`))).toEqual(exists);
      const managed = domain();
      await tenant('Fabrikam', TenantKind.Managed, [managed]);
      const owned = {
        code: ErrorCode.SIGN_UP_NOT_ALLOWED,
        message: `Fabrikam manages addresses like bob@${managed}. Ask its administrator for an account, then open the link again.`,
      };
      expect(await failure(accounts.signUp(`bob@${managed}`, 'Bob', PASSWORD, origin))).toEqual(owned);
      expect(await failure(accounts.requireSignUpAllowed(`bob@${managed}`))).toEqual(owned);
      await accounts.requireSignUpAllowed(`someone-else@${d}`);
    });

    it('lets one of parallel sign-ups for an address win; the others learn the account exists', async () => {
      const d = domain();
      const results = await Promise.allSettled([1, 2].map(() => accounts.signUp(`race@${d}`, 'Race', PASSWORD, origin)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: ErrorCode.SIGN_UP_NOT_ALLOWED });
      expect(await db.manager.countBy(User, { mail: `race@${d}` })).toBe(1);
    });

    it('passes other failures through without retrying', async () => {
      const d = domain();
      const tooLong = 'N'.repeat(1000);
      expect(await failure(accounts.signUp(`long@${d}`, tooLong, PASSWORD, origin))).toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
        message: expect.stringContaining('displayName'),
      });
      expect(await db.manager.countBy(User, { mail: `long@${d}` })).toBe(0);
    });

    it('gives up with CONFLICT when the address keeps colliding without an account to sign in to', async () => {
      const d = domain();
      const self = await tenant(d, TenantKind.SelfService, [d]);
      await member(self.id, `ghost@${d}`, null);
      expect(await failure(accounts.signUp(`ghost@${d}`, 'Ghost', PASSWORD, origin))).toEqual({
        code: ErrorCode.CONFLICT,
        message: 'The account could not be created; please try again.',
      });
    });
  });

  describe('setPassword', () => {
    it('gives a member a new password, checked against its address', async () => {
      const d = domain();
      const t = await tenant('T', TenantKind.Managed, [d]);
      const user = await member(t.id, `maria@${d}`, null);
      advance(5000);
      await accounts.setPassword(user.id, 'New-Password-7');
      const saved = await db.manager.findOneByOrFail(User, { id: user.id });
      expect(await hasher.verify('New-Password-7', saved.passwordHash, 'x')).toBe(true);
      expect(saved.updatedAt.getTime()).toBe(clock.at.getTime());
      expect(await failure(accounts.setPassword(user.id, 'xx-maria-xx-1'))).toMatchObject({
        code: ErrorCode.WEAK_PASSWORD,
        message: 'Choose a stronger password: do not include "maria" from your email address',
      });
      expect(await failure(accounts.setPassword(user.id, 'short'))).toMatchObject({ code: ErrorCode.WEAK_PASSWORD });
      expect((await accounts.findUser(user.id))?.passwordHash).toBe(saved.passwordHash);
      expect(await accounts.findUser('01a20000-0000-7000-8000-0000000000ff')).toBeNull();
    });

    it('does not give a guest a password', async () => {
      const d = domain();
      const t = await tenant('T', TenantKind.Managed, [d]);
      const guest = newInvitedGuest(
        { tenantId: t.id, displayName: 'G', mail: `g@${domain()}`, userPrincipalName: `g#EXT#@${d}`, accessExpiresAt: null },
        clock.now(),
      );
      await insertUser(db.manager, guest);
      await expect(accounts.setPassword(guest.id, 'New-Password-7')).rejects.toThrow();
      expect((await db.manager.findOneByOrFail(User, { id: guest.id })).passwordHash).toBeNull();
    });
  });
});
