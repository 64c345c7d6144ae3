// The AccountService on a real database with a fake clock, and builders for its rows (tests in test/service/accounts.*).
import { PartnerRows } from '../../src/partners/partner.rows.js';
import { afterAll, beforeAll, expect } from 'vitest';
import { AccountService, type SignUpOrigin } from '../../src/accounts/account.service.js';
import { PasswordHasher } from '../../src/accounts/password.js';
import { RateLimits } from '../../src/accounts/rate-limits.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { insertTenant } from '../../src/directory/tenant.rows.js';
import { TenantKind } from '../../src/directory/tenant.entity.js';
import { insertUser, newMember } from '../../src/directory/user.rows.js';
import { Metrics } from '../../src/observability/metrics.js';
import type { Clock } from '../../src/shared/clock.js';
import { DomainError, ErrorCode } from '../../src/shared/errors.js';
import { type DatabaseKind, createTestDatabase, type TestDatabase } from './databases.js';

export const PASSWORD = 'Correct-Horse-9';

export async function failure(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return { code: (error as DomainError).code, message: (error as DomainError).message };
}

export const INVALID = { code: ErrorCode.INVALID_CREDENTIALS, message: 'The email address or password is not correct' };

// A module-level counter (a live binding): tests read `n` to make IP addresses unique to their domain.
export let n = 0;
/** A mail domain no other test has used. */
export const domain = () => `d${++n}-${Date.now()}.example`;

/** Opens a database for the surrounding suite (closed after it) and returns the service, clock and builders. */
export function useAccountsHarness(kind: DatabaseKind) {
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

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    metrics = new Metrics();
    limits = await RateLimits.create(db, metrics, { invitationMailPerHour: 100 });
    hasher = new PasswordHasher(metrics);
    accounts = new AccountService(db, clock, new AuditService(db, clock), limits, metrics, hasher, new PartnerRows());
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
    (await metrics.credentialChecks.get()).values.find((v) => v.labels.outcome === outcome && v.labels.method === 'password')?.value ?? 0;
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

  return {
    clock,
    advance,
    tenant,
    member,
    signIns,
    left,
    get db() {
      return db;
    },
    get metrics() {
      return metrics;
    },
    get limits() {
      return limits;
    },
    get hasher() {
      return hasher;
    },
    get accounts() {
      return accounts;
    },
    get passwordHash() {
      return passwordHash;
    },
    get origin() {
      return origin;
    },
  };
}
