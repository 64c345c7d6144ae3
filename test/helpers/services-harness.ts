// The whole domain layer (createServices) on a real database with a fake clock, no HTTP: for the services
// that sit on many others (members, activation, password reset, the account page, the redemption flow).
import { afterAll, beforeAll, expect, vi } from 'vitest';
import type { RateLimits } from '../../src/accounts/rate-limits.js';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { type Config, loadConfig } from '../../src/config/config.js';
import { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/data-source.js';
import type { Actor } from '../../src/directory/actor.js';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import type { Tenant } from '../../src/directory/tenant.entity.js';
import type { User } from '../../src/directory/user.entity.js';
import { acceptGuest, insertUser, newInvitedGuest } from '../../src/directory/user.rows.js';
import { AssignmentPrincipalType } from '../../src/apps/app-assignment.entity.js';
import { createLogger } from '../../src/logging/logger.js';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { Metrics } from '../../src/observability/metrics.js';
import { createServices, type Services } from '../../src/services.js';
import { DomainError } from '../../src/shared/errors.js';
import { SecretBox } from '../../src/shared/secrets.js';
import { type DatabaseKind, createTestDatabase, type TestDatabase } from './databases.js';
import { TestClock } from './test-clock.js';

export const PUBLIC_URL = 'https://gw.test';
export const PASSWORD = 'Juniper-Lantern-Orbit-7';
export const GATEWAY_SECRET = 'services-harness-secret-0123456789-abcdef';
const SECRET = GATEWAY_SECRET;

/** A DomainError's code, message and details (details only when it has some). */
export async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const { code, message, details } = error as DomainError;
  return details ? { code, message, details } : { code, message };
}

/** How many more points a budget grants before it refuses (spending them). */
export async function pointsLeft(limits: RateLimits, name: Parameters<RateLimits['consume']>[0], key: string): Promise<number> {
  for (let i = 0; i < 200; i++)
    if (
      await limits.consume(name, key).then(
        () => false,
        () => true,
      )
    )
      return i;
  return 200;
}

let n = 0;
/** A name no other test has used (domains, addresses and IPs: the rate limits outlive a test). */
export const unique = () => `${++n}${Date.now().toString(36)}`;
/** An IP address no other test has used. */
export const freshIp = () => `10.${(n >> 8) & 255}.${++n & 255}.${Date.now() % 250}`;

/**
 * Opens a database with every service wired as in the gateway (createServices) for the surrounding
 * suite, closed after it. The clock is stopped at one instant (`clock.fixed`); `advance` moves it.
 */
export function useServicesHarness(kind: DatabaseKind) {
  let tdb: TestDatabase;
  let db: Database;
  let config: Config;
  let s: Services;
  const metrics = new Metrics();
  const clock = new TestClock();
  clock.fixed = new Date('2030-07-01T09:00:00.000Z');
  const advance = (ms: number) => {
    clock.fixed = new Date(clock.now().getTime() + ms);
  };
  const box = new SecretBox(SECRET);

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    config = loadConfig({
      NODE_ENV: 'test',
      PUBLIC_URL,
      GATEWAY_SECRET: SECRET,
      ...(tdb.database.kind === 'postgres' ? { DATABASE_URL: tdb.database.url } : { SQLITE_PATH: tdb.database.path }),
    });
    s = await createServices(config, db, clock, createLogger('silent'), metrics);
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  /** A managed tenant with one verified domain of its own (its default domain). */
  const tenant = (name = 'Contoso') => s.tenants.create({ name, domains: [`t${unique()}.example`] });

  /** An administrator of the tenant (an app holding `roles`). */
  const admin = (tenantId: string, roles = [DirectoryRole.GlobalAdministrator]): Actor => ({
    tenantId,
    kind: PrincipalKind.Application,
    id: `admin-${unique()}`,
    displayName: 'Admin app',
    roles,
    scopes: null,
  });

  /** A member of `t` on its domain with a password (null: none). */
  async function member(t: Tenant, local = 'anna', password: string | null = PASSWORD): Promise<User> {
    const user = await s.users.createMember(t.id, { displayName: `${local} Person`, mail: `${local}${unique()}@${t.defaultDomain}` });
    if (password) await s.accounts.setPassword(user.id, password);
    return (await s.accounts.findUser(user.id))!;
  }

  /** A guest of `t` that `home` redeemed (the rows the redemption writes), optionally assigned to a new app. */
  async function guestOf(t: Tenant, home: User, app?: string): Promise<User> {
    const guest = newInvitedGuest(
      {
        tenantId: t.id,
        displayName: home.displayName,
        mail: home.mail,
        userPrincipalName: `g${unique()}#EXT#@${t.defaultDomain}`,
        accessExpiresAt: null,
      },
      clock.now(),
    );
    await db.transaction(async (em) => {
      await insertUser(em, guest);
      await acceptGuest(
        em,
        guest.id,
        { signInName: home.mail, altSecId: `gw::${home.id}`, displayName: home.displayName, homeUserId: home.id },
        clock.now(),
      );
    });
    if (app) {
      const { application } = await s.apps.createAsOperator(t.id, { displayName: app, assignmentRequired: true });
      await s.assignments.assign(admin(t.id), application.id, { type: AssignmentPrincipalType.User, id: guest.id });
    }
    return (await s.accounts.findUser(guest.id))!;
  }

  /** The system mails queued to an address, oldest first, opened (their body is sealed in the outbox). */
  async function mails(to: string): Promise<{ subject: string; text: string }[]> {
    const rows = await db.manager.find(OutboxMessage, { where: { toAddress: to }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((row) => JSON.parse(box.open(row.bodySealed)) as { subject: string; text: string });
  }

  /** Waits until `count` mails went to `to` (work done after the answer was written), and returns them. */
  async function mailsOnceThere(to: string, count: number) {
    await vi.waitFor(async () => expect(await mails(to)).toHaveLength(count), { timeout: 5000, interval: 20 });
    return mails(to);
  }

  /** Lets the work queued after an answer (afterAnswer) run: for asserting that nothing was queued. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

  /** The audit records of a tenant with `action`, oldest first. */
  const audits = (tenantId: string, action: string) =>
    db.manager.find(AuditEvent, { where: { tenantId, action }, order: { createdAt: 'ASC', id: 'ASC' } });

  /** How many passwords were hashed for `purpose` (sign_in, sign_up, reset, set). */
  const hashes = async (purpose: string) =>
    (await metrics.passwordHashes.get()).values.find((v) => v.labels.purpose === purpose)?.value ?? 0;

  return {
    clock,
    hashes,
    advance,
    tenant,
    admin,
    member,
    guestOf,
    mails,
    mailsOnceThere,
    settle,
    audits,
    left: (name: Parameters<RateLimits['consume']>[0], key: string) => pointsLeft(s.rateLimits, name, key),
    get db() {
      return db;
    },
    get s() {
      return s;
    },
    get config() {
      return config;
    },
  };
}
