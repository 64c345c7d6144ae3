import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/data-source.js';
import { operatorActor } from '../../src/directory/actor.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { payloadStatements } from '../../src/oidc/adapter-statements.js';
import { storageId } from '../../src/oidc/adapter.js';
import { revokeOidcArtefacts, sweepExpiredPayloads } from '../../src/oidc/oidc-payload.rows.js';
import { Metrics } from '../../src/observability/metrics.js';
import { newId } from '../../src/shared/ids.js';
import { SignInLogService } from '../../src/sign-ins/sign-in-log.service.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';
import { type Statement, StatementCounter } from '../helpers/statement-counter.js';

const DAY_MS = 86_400_000;

/**
 * Every index of oidc_payload and sign_in_event is one a read or a sweep uses (EXPLAIN on each database,
 * over tables shaped as production's: most artefacts without a uid, a grant or a user code; a log
 * spread over two months), since each costs every insert: a grant's tokens and each refresh's log
 * entry. The grant, uid and user-code indexes hold only rows with a value (1765160000000).
 */
describe.each(testDatabases())('oidc_payload and sign_in_event indexes on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let counter: StatementCounter;
  // The tenant holds a tenth of each table; nine others the rest.
  const tenant = newId();
  const others = Array.from({ length: 9 }, () => newId());
  const tenantOf = (i: number) => (i % 10 ? others[i % 9]! : tenant);
  const now = new Date();
  const users = Array.from({ length: 100 }, () => newId());
  const apps = Array.from({ length: 50 }, () => newId());

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    counter = new StatementCounter(db);
    const artefacts: unknown[][] = [];
    for (let i = 0; i < 3000; i++) {
      const model = ['Grant', 'Session', 'RefreshToken', 'AccessToken', 'AuthorizationCode'][i % 5]!;
      const token = model !== 'Grant' && model !== 'Session';
      artefacts.push([
        model,
        storageId(`artefact-${i}`),
        tenantOf(Math.floor(i / 5)),
        '{}',
        token ? `grant-${Math.floor(i / 5)}` : null,
        model === 'Session' ? `uid-${i}` : null,
        users[i % users.length],
        model === 'Session' ? null : 'client',
        new Date(now.getTime() + ((i % 14) + 1) * DAY_MS),
      ]);
    }
    await insert('oidc_payload', ['model', 'id', 'tenantId', 'payload', 'grantId', 'uid', 'accountId', 'clientId', 'expiresAt'], artefacts);
    const entries: unknown[][] = [];
    for (let i = 0; i < 3000; i++) {
      const at = new Date(now.getTime() - 60 * DAY_MS + i * ((60 * DAY_MS) / 3000));
      entries.push([newId(), tenantOf(Math.floor(i / 7)), at, 'refresh', 'success', users[i % users.length], apps[i % apps.length], 'pwd']);
    }
    await insert('sign_in_event', ['id', 'tenantId', 'createdAt', 'kind', 'result', 'userId', 'applicationId', 'authMethods'], entries);
    // PostgreSQL's autovacuum gathers statistics; the gateway never runs ANALYZE on SQLite.
    if (kind === 'postgres') await db.dataSource.query('ANALYZE');
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  const insert = async (table: string, columns: string[], rows: unknown[][]) => {
    const value = (v: unknown) => (v instanceof Date && kind === 'sqlite' ? v.toISOString().replace('T', ' ').replace('Z', '') : v);
    for (let at = 0; at < rows.length; at += 100) {
      const chunk = rows.slice(at, at + 100);
      let n = 0;
      const param = () => (kind === 'postgres' ? `$${++n}` : '?');
      const tuples = chunk.map(() => `(${columns.map(param).join(', ')})`).join(', ');
      await db.dataSource.query(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples}`,
        chunk.flat().map(value),
      );
    }
  };

  /** The plan of a statement, with its parameters, as text. */
  const planOf = async ({ query, parameters }: Statement): Promise<string> => {
    const rows: Record<string, unknown>[] = await db.dataSource.query(
      `${kind === 'postgres' ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${query}`,
      parameters,
    );
    return rows.map((row) => Object.values(row).join(' ')).join('\n');
  };

  /** The plans of the statements `work` sends (the last `n`). */
  const plansOf = async (work: () => Promise<unknown>, n = 1): Promise<string> => {
    const statements = (await counter.recordWithParameters(work)).filter((s) => !/^(BEGIN|COMMIT|START|SAVEPOINT|RELEASE)/i.test(s.query));
    return (await Promise.all(statements.slice(-n).map(planOf))).join('\n');
  };

  const adapterRead = (text: (sql: ReturnType<typeof payloadStatements>) => string, parameters: unknown[]) =>
    planOf({ query: text(payloadStatements(db)), parameters });

  it('keep an entry only for artefacts that have a grant, a uid or a user code', async () => {
    const partial: Record<string, unknown>[] =
      kind === 'postgres'
        ? await db.dataSource.query(
            `SELECT indexname AS "name" FROM pg_indexes WHERE tablename = 'oidc_payload' AND indexdef LIKE '% WHERE %'`,
          )
        : await db.dataSource.query(`SELECT "name" FROM pragma_index_list('oidc_payload') WHERE "partial" = 1`);
    expect(partial.map((row) => row.name).sort()).toEqual(['IDX_oidc_payload_grant', 'IDX_oidc_payload_uid', 'IDX_oidc_payload_user_code']);
  });

  it('find a session by uid and a device code by user code through their indexes', async () => {
    expect(await adapterRead((sql) => sql.findBy.uid, ['Session', 'uid-1', tenant])).toContain('IDX_oidc_payload_uid');
    expect(await adapterRead((sql) => sql.findBy.userCode, ['DeviceCode', 'ABCD-EFGH', tenant])).toContain('IDX_oidc_payload_user_code');
  });

  it("revoke a grant's artefacts (a replayed token, the provider's revocation) through the grant index", async () => {
    expect(await adapterRead((sql) => sql.revokeByGrant, ['AccessToken', 'grant-7', tenant])).toContain('IDX_oidc_payload_grant');
    expect(await adapterRead((sql) => sql.revokeGrant, ['grant-7', tenant, storageId('grant-7')])).toContain('IDX_oidc_payload_grant');
  });

  it("end an account's access through the account index, and sweep expired artefacts through the expiry index", async () => {
    const revoke = await plansOf(() => db.transaction((em) => revokeOidcArtefacts(em, tenant, [users[0]!, users[1]!], 'client')));
    expect(revoke).toContain('IDX_oidc_payload_account');
    const expiry = db.dataSource.namingStrategy.indexName('oidc_payload', ['expiresAt']);
    expect(await plansOf(() => sweepExpiredPayloads(db, now))).toContain(expiry);
  });

  it("list a tenant's sign-ins by account, app or time, and sweep old ones, each through its index", async () => {
    const log = new SignInLogService(db, { now: () => now }, new Metrics(), async () => null, { publicUrl: 'http://x', retentionDays: 59 });
    const actor = { ...operatorActor(tenant), roles: [DirectoryRole.GlobalAdministrator] };
    const list = (filter: Parameters<SignInLogService['list']>[1]) => plansOf(() => log.list(actor, filter, { first: 50 }));
    expect(await list({ userId: users[1] })).toContain('IDX_sign_in_event_tenant_user');
    expect(await list({ applicationId: apps[1] })).toContain('IDX_sign_in_event_tenant_app');
    // PostgreSQL, knowing that the log is written in time order, may read a short window of every
    // tenant through the time index instead: as cheap at this size. SQLite has no statistics to tell.
    expect(await list({ from: new Date(now.getTime() - 2 * DAY_MS), to: new Date(now.getTime() - DAY_MS) })).toMatch(
      kind === 'postgres' ? /IDX_sign_in_event_(tenant_)?time/ : /IDX_sign_in_event_tenant_time/,
    );
    expect(await plansOf(() => log.sweep())).toContain('IDX_sign_in_event_time');
  });

  it('leave the token and code lookups on the primary key', async () => {
    const key = storageId('artefact-2');
    const sql = payloadStatements(db);
    for (const plan of [
      await adapterRead((s) => s.findWithGrant, ['RefreshToken', key, tenant]),
      await adapterRead((s) => s.consume, [sql.date(now), 'RefreshToken', key, tenant]),
    ]) {
      expect(plan).toMatch(kind === 'postgres' ? /Index Scan using "PK_/ : /sqlite_autoindex_oidc_payload_1/);
      expect(plan).not.toMatch(/Seq Scan on oidc_payload|SCAN (oidc_payload|r|g)\b/);
    }
  });
});
