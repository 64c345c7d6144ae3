import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountService, type SignUpOrigin } from '../../src/accounts/account.service.js';
import { PasswordHasher } from '../../src/accounts/password.js';
import { RateLimits } from '../../src/accounts/rate-limits.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { PrincipalKind } from '../../src/directory/actor.js';
import { insertTenant } from '../../src/directory/tenant.rows.js';
import { Tenant, TenantKind } from '../../src/directory/tenant.entity.js';
import { TenantDomain } from '../../src/directory/tenant-domain.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { insertUser, newInvitedGuest, newMember } from '../../src/directory/user.rows.js';
import { Metrics } from '../../src/observability/metrics.js';
import type { Clock } from '../../src/shared/clock.js';
import { DomainError, ErrorCode } from '../../src/shared/errors.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const PASSWORD = 'Correct-Horse-9';

async function failure(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return { code: (error as DomainError).code, message: (error as DomainError).message };
}

const INVALID = { code: ErrorCode.INVALID_CREDENTIALS, message: 'The email address or password is not correct' };

describe.each(testDatabases())('AccountService on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let metrics: Metrics;
  let limits: RateLimits;
  let hasher: PasswordHasher;
  let accounts: AccountService;
  let passwordHash: string;
  /** The invitation whose redemption the sign-ups come from: its tenant reads the viral events. */
  let origin: SignUpOrigin;
  const clock = {
    at: new Date('2030-06-01T10:00:00Z'),
    now() {
      return new Date(this.at);
    },
  } satisfies Clock & { at: Date };
  const advance = (ms: number) => {
    clock.at = new Date(clock.at.getTime() + ms);
  };
  let n = 0;
  /** A mail domain no other test has used. */
  const domain = () => `d${++n}-${Date.now()}.example`;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    metrics = new Metrics();
    limits = await RateLimits.create(db, metrics, { invitationMailPerHour: 100 });
    hasher = new PasswordHasher(metrics);
    accounts = new AccountService(db, clock, new AuditService(db, clock), limits, metrics, hasher);
    passwordHash = await hasher.hash(PASSWORD);
    const inviter = await tenant('Contoso', TenantKind.Managed, [domain()]);
    origin = { tenantId: inviter.id, invitationId: 'invitation-1' };
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  const tenant = (name: string, kind: TenantKind, domains: string[]) =>
    db.transaction((em) => insertTenant(em, { name, kind }, domains, clock.now()));
  const member = async (tenantId: string, mail: string, hash: string | null = passwordHash) => {
    const user = newMember({ tenantId, displayName: mail, mail, passwordHash: hash }, clock.now());
    await insertUser(db.manager, user);
    return user;
  };
  const signIns = async (outcome: string) =>
    (await metrics.signIns.get()).values.find((v) => v.labels.outcome === outcome && v.labels.method === 'password')?.value ?? 0;
  /** How many more points a budget grants before it refuses (spending them). */
  const left = async (name: Parameters<RateLimits['consume']>[0], key: string) => {
    for (let i = 0; i < 200; i++)
      if (
        await limits.consume(name, key).then(
          () => false,
          () => true,
        )
      )
        return i;
    return 200;
  };

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
        message: 'Choose a stronger password: do not use your email address',
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
