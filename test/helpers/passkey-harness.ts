// PasskeyService on a real database with a fake clock, browser sessions and home accounts (test/service/passkeys.*).
import { afterAll, beforeAll } from 'vitest';
import type { BrowserSessionService, OpenSession } from '../../src/accounts/browser-session.service.js';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { loadConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { insertTenant } from '../../src/directory/tenant.rows.js';
import { TenantKind } from '../../src/directory/tenant.entity.js';
import type { User } from '../../src/directory/user.entity.js';
import { insertUser, newMember } from '../../src/directory/user.rows.js';
import { createLogger } from '../../src/logging/logger.js';
import type { MfaService } from '../../src/mfa/mfa.service.js';
import type { PasskeyService } from '../../src/mfa/passkey.service.js';
import { Metrics } from '../../src/observability/metrics.js';
import { createServices } from '../../src/services.js';
import { withAmr } from '../../src/shared/amr.js';
import type { Clock } from '../../src/shared/clock.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.js';
import { SoftAuthenticator } from './soft-authenticator.js';

export const PUBLIC_URL = 'https://gateway.example';

export function usePasskeyHarness(kind: DatabaseKind) {
  const h = {} as { db: Database; sessions: BrowserSessionService; passkeys: PasskeyService; mfa: MfaService };
  let tdb: TestDatabase;
  let tenantId: string;
  let n = 0;
  const clock = {
    at: new Date('2030-06-01T10:00:00Z'),
    now() {
      return new Date(this.at);
    },
  } satisfies Clock & { at: Date };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    h.db = new Database(await openDatabase(tdb.database));
    // The services as the gateway wires them (the MFA facade included), on this database and clock.
    const db = tdb.database;
    const config = loadConfig({
      PUBLIC_URL,
      NODE_ENV: 'test',
      GATEWAY_SECRET: 'passkey-test-secret-passkey-test-secret',
      ...(db.kind === 'postgres' ? { DATABASE_URL: db.url } : { SQLITE_PATH: db.path }),
    });
    const services = await createServices(config, h.db, clock, createLogger('silent'), new Metrics());
    Object.assign(h, { sessions: services.sessions, passkeys: services.passkeys, mfa: services.mfa });
    tenantId = (
      await h.db.transaction((em) =>
        insertTenant(em, { name: 'Fabrikam', kind: TenantKind.SelfService }, ['fabrikam.example'], clock.now()),
      )
    ).id;
  });
  afterAll(async () => {
    await h.db?.close();
    await tdb?.drop();
  });

  /** A home account and a browser signed in as it (or, with `pending`, that proved only its password). */
  async function person(options: { pending?: boolean } = {}): Promise<{ home: User; browser: OpenSession }> {
    const mail = `person${++n}@fabrikam.example`;
    const home = newMember({ tenantId, displayName: mail, mail, passwordHash: null }, clock.now());
    await insertUser(h.db.manager, home);
    return { home, browser: await browserOf(home, options) };
  }

  async function browserOf(home: User, options: { pending?: boolean } = {}): Promise<OpenSession> {
    const browser = await h.sessions.create();
    await h.sessions.update(browser, {
      ...(options.pending ? { pendingUserId: home.id } : { userId: home.id }),
      authenticatedAt: clock.now(),
    });
    return browser;
  }

  /** A person with a registered passkey (its authenticator), signed in. */
  async function enrolled(options: { backedUp?: boolean; counter?: number } = {}) {
    const p = await person();
    const key = new SoftAuthenticator(PUBLIC_URL, options.backedUp);
    key.counter = options.counter ?? 0;
    await h.passkeys.register(p.browser, key.register(await h.passkeys.registrationOptions(p.browser)), 'Laptop');
    await stepUp(p.browser);
    return { ...p, key };
  }

  /** The browser completed a second factor (as the routes record after an enrolment or a passkey sign-in). */
  const stepUp = (browser: OpenSession) =>
    h.sessions.update(browser, { amr: withAmr(browser.session.amr, 'hwk', 'mfa'), mfaAt: clock.now() });

  const advance = (ms: number) => {
    clock.at = new Date(clock.at.getTime() + ms);
  };
  const auditOf = (home: User) => h.db.manager.find(AuditEvent, { where: { targetId: home.id }, order: { createdAt: 'ASC' } });
  return { h, clock, advance, person, browserOf, enrolled, stepUp, auditOf };
}
