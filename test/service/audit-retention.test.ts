import { In } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { AUDIT_SWEEP_BATCH, AuditRetention } from '../../src/audit/audit-retention.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { operatorActor } from '../../src/directory/actor.js';
import { TenantKind, type Tenant } from '../../src/directory/tenant.entity.js';
import { insertTenant } from '../../src/directory/tenant.rows.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { newId } from '../../src/shared/ids.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';
import { StatementCounter } from '../helpers/statement-counter.js';

const DAY = 24 * 60 * 60 * 1000;
/** Ahead of real time, as ids are: every event's id is from now, its createdAt from this clock. */
const START = new Date('2030-05-01T08:00:00Z').getTime();

/** AUDIT_LOG_RETENTION_DAYS: unset keeps every event; set, the sweep deletes older ones in every tenant. */
describe.each(testDatabases())('audit retention on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let now = START;
  const clock = { now: () => new Date(now) };
  let audit: AuditService;
  let tenants: Tenant[];

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    audit = new AuditService(db, clock);
  });
  beforeEach(async () => {
    await db.manager.clear(AuditEvent);
    now = START;
    tenants = [];
    for (const name of ['Contoso', 'Fabrikam']) {
      const domain = `${name.toLowerCase()}-${newId()}.example`;
      tenants.push(await db.transaction((em) => insertTenant(em, { name, kind: TenantKind.Managed }, [domain], clock.now())));
    }
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  /** `count` events in `tenant`, recorded `at`; returns their ids. */
  const record = async (tenant: Tenant, at: number, count = 1): Promise<string[]> => {
    now = at;
    const entries = Array.from({ length: count }, () => ({ action: AuditAction.UpdateUser, target: { type: 'User', id: newId() } }));
    await db.transaction((em) => audit.recordMany(em, operatorActor(tenant.id), entries));
    now = START;
    const rows = await db.manager.find(AuditEvent, { select: { id: true }, where: { tenantId: tenant.id, createdAt: new Date(at) } });
    return rows.map((r) => r.id);
  };
  const remaining = (ids: string[]) => db.manager.countBy(AuditEvent, { id: In(ids) });

  it('keeps every event when no retention is set', async () => {
    const ancient = await record(tenants[0]!, START - 3000 * DAY, 3);
    expect(await new AuditRetention(db, clock, { auditLogRetentionDays: null }).sweep()).toBe(0);
    expect(await remaining(ancient)).toBe(3);
  });

  it('deletes the events older than the retention in every tenant and keeps the younger ones', async () => {
    const old = [...(await record(tenants[0]!, START - 31 * DAY, 2)), ...(await record(tenants[1]!, START - 90 * DAY, 2))];
    const young = [...(await record(tenants[0]!, START - 29 * DAY, 2)), ...(await record(tenants[1]!, START - 60 * 1000, 1))];

    const deleted = await new AuditRetention(db, clock, { auditLogRetentionDays: 30 }).sweep();

    expect(deleted).toBe(4);
    expect(await remaining(old), 'past 30 days').toBe(0);
    expect(await remaining(young), 'within 30 days').toBe(3);
  });

  it('deletes a backlog larger than one statement in one sweep, oldest first', async () => {
    const backlog = await record(tenants[0]!, START - 400 * DAY, AUDIT_SWEEP_BATCH + 7);
    const kept = await record(tenants[1]!, START - DAY, 1);

    expect(await new AuditRetention(db, clock, { auditLogRetentionDays: 365 }).sweep()).toBe(AUDIT_SWEEP_BATCH + 7);
    expect(backlog).toHaveLength(AUDIT_SWEEP_BATCH + 7);
    expect(await remaining(backlog.slice(0, 500))).toBe(0);
    expect(await remaining(backlog.slice(-500))).toBe(0);
    expect(await remaining(kept)).toBe(1);
  });

  it("finds old events by the primary key's range, not by reading the whole table", async () => {
    await record(tenants[0]!, START - 31 * DAY, 1);
    const counter = new StatementCounter(db);
    const statements = await counter.recordWithParameters(() => new AuditRetention(db, clock, { auditLogRetentionDays: 30 }).sweep());
    const sweep = statements.find((s) => /DELETE/i.test(s.query));
    expect(sweep).toBeDefined();
    const plan = await db.transaction(async (em) => {
      if (kind === 'postgres') await em.query('SET LOCAL enable_seqscan = off');
      const rows: Record<string, string>[] = await em.query(
        `${kind === 'postgres' ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${sweep!.query}`,
        sweep!.parameters,
      );
      return rows.map((row) => Object.values(row).join(' ')).join('\n');
    });
    // The inner select walks the primary key from its start up to the bound; no scan of every event.
    if (kind === 'sqlite') expect(plan).toMatch(/SEARCH e USING (COVERING )?INDEX sqlite_autoindex_audit_event_1 \(id<\?\)/);
    else expect(plan).toMatch(/Scan on audit_event e[\s\S]*Index Scan on "?PK_\w+"?\s+\(cost[^\n]*\n\s*Index Cond: \(\(id\)::text < '/);
  });
});
