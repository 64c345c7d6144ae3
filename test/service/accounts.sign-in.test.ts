import { beforeAll, describe, expect, it } from 'vitest';
import { AccountService } from '../../src/accounts/account.service.js';
import { RateLimits } from '../../src/accounts/rate-limits.js';
import { Database } from '../../src/db/database.js';
import { TenantKind } from '../../src/directory/tenant.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { insertUser, newInvitedGuest } from '../../src/directory/user.rows.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { testDatabases } from '../helpers/databases.js';
import { domain, failure, INVALID, PASSWORD, n, useAccountsHarness } from '../helpers/accounts-harness.js';

/** Finding an account and signing in with a password (AccountService) on a real database, with a fake clock. */
describe.each(testDatabases())('AccountService on %s', (kind) => {
  const h = useAccountsHarness(kind);
  const { clock, advance, tenant, member, signIns, left } = h;
  let db: Database;
  let limits: RateLimits;
  let accounts: AccountService;
  let passwordHash: string;
  beforeAll(() => {
    ({ db, limits, accounts, passwordHash } = h);
  });

  describe('discover', () => {
    it('finds the account of a managed tenant owning the domain, or sends to that tenant', async () => {
      const d = domain();
      const t = await tenant('Fabrikam', TenantKind.Managed, [d]);
      const user = await member(t.id, `anna@${d}`);
      expect(await accounts.discover(`anna@${d}`)).toEqual({ kind: 'account', user: expect.objectContaining({ id: user.id }) });
      expect(await accounts.discover(`bob@${d}`)).toEqual({
        kind: 'managedWithoutAccount',
        tenant: expect.objectContaining({ id: t.id, name: 'Fabrikam' }),
      });
      // A member without a password has no account to sign in to.
      await member(t.id, `carl@${d}`, null);
      expect((await accounts.discover(`carl@${d}`)).kind).toBe('managedWithoutAccount');
    });

    it('offers sign-up in a self-service domain, and finds members whose domain no tenant owns (the oldest first)', async () => {
      const d = domain();
      await tenant(d, TenantKind.SelfService, [d]);
      expect(await accounts.discover(`new@${d}`)).toEqual({ kind: 'signUp' });
      const free = domain();
      const a = await tenant('A', TenantKind.Managed, [domain()]);
      const b = await tenant('B', TenantKind.Managed, [domain()]);
      const older = await member(b.id, `eve@${free}`);
      advance(1000);
      await member(a.id, `eve@${free}`);
      expect(await accounts.discover(`eve@${free}`)).toEqual({ kind: 'account', user: expect.objectContaining({ id: older.id }) });
      // Without a password, or as a guest, there is no account.
      await member(a.id, `nopass@${free}`, null);
      expect(await accounts.discover(`nopass@${free}`)).toEqual({ kind: 'signUp' });
      const guest = newInvitedGuest(
        { tenantId: a.id, displayName: 'G', mail: `guest@${free}`, userPrincipalName: `guest_${free}#EXT#@x`, accessExpiresAt: null },
        clock.now(),
      );
      await insertUser(db.manager, Object.assign(guest, { passwordHash }));
      expect(await accounts.discover(`guest@${free}`)).toEqual({ kind: 'signUp' });
    });
  });

  describe('signIn', () => {
    it('signs in with the right password (address trimmed, any case) and counts it', async () => {
      const d = domain();
      const t = await tenant('T', TenantKind.Managed, [d]);
      const user = await member(t.id, `anna@${d}`);
      const before = await signIns('success');
      expect((await accounts.signIn(`  Anna@${d.toUpperCase()} `, PASSWORD, '10.5.0.1')).id).toBe(user.id);
      expect(await signIns('success')).toBe(before + 1);
    });

    it('says the same for a wrong password, an unknown address and a disabled account', async () => {
      const d = domain();
      const t = await tenant('T', TenantKind.Managed, [d]);
      await member(t.id, `anna@${d}`);
      const disabled = await member(t.id, `dis@${d}`);
      await db.manager.update(User, { id: disabled.id }, { accountEnabled: false });
      const before = await signIns('failure');
      expect(await failure(accounts.signIn(`anna@${d}`, 'Wrong-Horse-9', '10.6.0.1'))).toEqual(INVALID);
      expect(await failure(accounts.signIn(`nobody@${d}`, PASSWORD, '10.6.0.1'))).toEqual(INVALID);
      expect(await failure(accounts.signIn(`dis@${d}`, PASSWORD, '10.6.0.1'))).toEqual(INVALID);
      expect(await signIns('failure')).toBe(before + 3);
    });

    it('spends one point of the IP, account-and-IP and account budgets per attempt', async () => {
      const d = domain();
      const ip = `10.7.${n}.1`;
      await failure(accounts.signIn(`Nobody@${d}`, PASSWORD, ip));
      expect(await left('signInPerIp', ip)).toBe(99);
      expect(await left('signInPerAccountAndIp', `nobody@${d} ${ip}`)).toBe(9);
      expect(await left('signInPerAccount', `nobody@${d}`)).toBe(49);
    });

    it('refuses the 11th attempt from one IP for one account, even with the right password; other IPs go on', async () => {
      const d = domain();
      const t = await tenant('T', TenantKind.Managed, [d]);
      await member(t.id, `anna@${d}`);
      const ip = `10.8.${n}.1`;
      // Nine failures spent already (each hash costs ~100 ms), the tenth through signIn.
      for (let i = 0; i < 9; i++) await limits.consume('signInPerAccountAndIp', `anna@${d} ${ip}`);
      expect((await failure(accounts.signIn(`anna@${d}`, 'Wrong-Horse-9', ip))).code).toBe(ErrorCode.INVALID_CREDENTIALS);
      expect((await failure(accounts.signIn(`anna@${d}`, PASSWORD, ip))).code).toBe(ErrorCode.TOO_MANY_ATTEMPTS);
      // Refused by the account-and-IP budget: the account budget was not spent by that refusal.
      expect(await left('signInPerAccount', `anna@${d}`)).toBe(49);
      await limits.reset('signInPerAccount', `anna@${d}`);
      await accounts.signIn(`anna@${d}`, PASSWORD, `10.8.${n}.2`);
    });

    it('a success forgets the failures of that account, from that IP and in all; not the IP budget', async () => {
      const d = domain();
      const t = await tenant('T', TenantKind.Managed, [d]);
      await member(t.id, `anna@${d}`);
      const ip = `10.9.${n}.1`;
      await failure(accounts.signIn(`anna@${d}`, 'Wrong-Horse-9', ip));
      await failure(accounts.signIn(`anna@${d}`, 'Wrong-Horse-9', `10.9.${n}.2`));
      await accounts.signIn(`anna@${d}`, PASSWORD, ip);
      expect(await left('signInPerAccountAndIp', `anna@${d} ${ip}`)).toBe(10);
      expect(await left('signInPerAccountAndIp', `anna@${d} 10.9.${n}.2`)).toBe(9);
      expect(await left('signInPerAccount', `anna@${d}`)).toBe(50);
      expect(await left('signInPerIp', ip)).toBe(98);
    });

    it('refuses when the IP or the account budget is spent, before anything else is spent', async () => {
      const d = domain();
      const t = await tenant('T', TenantKind.Managed, [d]);
      await member(t.id, `anna@${d}`);
      const ip = `10.10.${n}.1`;
      for (let i = 0; i < 100; i++) await limits.consume('signInPerIp', ip);
      expect((await failure(accounts.signIn(`anna@${d}`, PASSWORD, ip))).code).toBe(ErrorCode.TOO_MANY_ATTEMPTS);
      expect(await left('signInPerAccountAndIp', `anna@${d} ${ip}`)).toBe(10);
      expect(await left('signInPerAccount', `anna@${d}`)).toBe(50);
      // The account budget, spent from many addresses, shuts the account out everywhere.
      await limits.reset('signInPerAccount', `anna@${d}`);
      for (let i = 0; i < 50; i++) await limits.consume('signInPerAccount', `anna@${d}`);
      expect((await failure(accounts.signIn(`anna@${d}`, PASSWORD, `10.10.${n}.2`))).code).toBe(ErrorCode.TOO_MANY_ATTEMPTS);
    });
  });
});
