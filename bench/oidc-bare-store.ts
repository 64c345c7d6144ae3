/**
 * The persistence floor for bench/oidc.ts: oidc-provider's storage contract over the same database
 * kind as the gateway, written as plainly as it can be (one table, one prepared statement per call,
 * no tenant, no hashing of ids, no access rules), so that a bare provider with it tells what storing
 * the artefacts at all costs against the in-memory baseline. Not the baseline: it shows how
 * much of the gateway's gap to the in-memory provider any durable store would have on this machine.
 *
 * SQLite: a file of its own in WAL mode (as the gateway's; commits durable, synchronous FULL), through
 * better-sqlite3 without TypeORM. PostgreSQL: a database of its own, a pool of 10 as the gateway's,
 * named prepared statements.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import pg from 'pg';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.js';

type Row = { payload: string; expires_at: number | null; consumed: number | null };

/** The statements the adapter needs, each taking positional values and answering rows. */
interface Store {
  run(name: keyof typeof SQL, values: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

const COLUMNS = 'model, id, payload, grant_id, uid, user_code, expires_at';
const SQL = {
  upsert:
    `INSERT INTO bare_oidc (${COLUMNS}, consumed) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL) ` +
    'ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid, ' +
    'user_code = excluded.user_code, expires_at = excluded.expires_at, consumed = NULL',
  find: 'SELECT payload, expires_at, consumed FROM bare_oidc WHERE model = $1 AND id = $2',
  findByUid: 'SELECT payload, expires_at, consumed FROM bare_oidc WHERE model = $1 AND uid = $2',
  findByUserCode: 'SELECT payload, expires_at, consumed FROM bare_oidc WHERE model = $1 AND user_code = $2',
  consume: 'UPDATE bare_oidc SET consumed = $1 WHERE model = $2 AND id = $3',
  destroy: 'DELETE FROM bare_oidc WHERE model = $1 AND id = $2',
  revokeByGrantId: 'DELETE FROM bare_oidc WHERE grant_id = $1',
} as const;

const SCHEMA = [
  'CREATE TABLE bare_oidc (model TEXT NOT NULL, id TEXT NOT NULL, payload TEXT NOT NULL, grant_id TEXT, uid TEXT, ' +
    'user_code TEXT, expires_at BIGINT, consumed BIGINT, PRIMARY KEY (model, id))',
  'CREATE INDEX bare_oidc_grant ON bare_oidc (grant_id)',
  'CREATE INDEX bare_oidc_uid ON bare_oidc (uid)',
  'CREATE INDEX bare_oidc_user_code ON bare_oidc (user_code)',
];

async function openStore(kind: DatabaseKind): Promise<Store> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bare-oidc-'));
    const db = new Database(path.join(dir, 'bare.sqlite'));
    db.pragma('journal_mode = WAL');
    for (const statement of SCHEMA) db.exec(statement);
    // Each text names its parameters $1…$n in order of appearance: SQLite's `?` each.
    const prepared = Object.fromEntries(Object.entries(SQL).map(([name, text]) => [name, db.prepare(text.replace(/\$\d/g, '?'))]));
    return {
      run: async (name, values) => {
        const statement = prepared[name]!;
        return statement.reader ? (statement.all(...values) as Row[]) : (statement.run(...values), []);
      },
      close: async () => {
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const created = await createTestDatabase('postgres');
  const pool = new pg.Pool({ connectionString: (created.database as { url: string }).url, max: 10 });
  // A client still connecting when the store closes is cut off by the database's drop (WITH FORCE): its
  // error would be an unhandled 'error' event of the pool and end the bench after its measurements.
  pool.on('error', () => undefined);
  for (const statement of SCHEMA) await pool.query(statement);
  return {
    run: async (name, values) => (await pool.query<Row>({ name: `bare_${name}`, text: SQL[name], values })).rows,
    close: async () => {
      await pool.end();
      await created.drop();
    },
  };
}

/** An adapter class over a store opened for `kind`, and how to close that store. */
export async function storedAdapter(kind: DatabaseKind): Promise<{ Adapter: new (model: string) => Adapter; close(): Promise<void> }> {
  const store = await openStore(kind);
  const live = (rows: Row[]): AdapterPayload | undefined => {
    const [row] = rows;
    if (!row || (row.expires_at !== null && Number(row.expires_at) <= Date.now())) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumed === null ? payload : { ...payload, consumed: Math.floor(Number(row.consumed) / 1000) };
  };
  class StoredAdapter implements Adapter {
    constructor(private readonly model: string) {}
    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : null;
      const values = [
        this.model,
        id,
        JSON.stringify(payload),
        payload.grantId ?? null,
        payload.uid ?? null,
        payload.userCode ?? null,
        expiresAt,
      ];
      await store.run('upsert', values);
    }
    async find(id: string) {
      return live(await store.run('find', [this.model, id]));
    }
    async findByUid(uid: string) {
      return live(await store.run('findByUid', [this.model, uid]));
    }
    async findByUserCode(userCode: string) {
      return live(await store.run('findByUserCode', [this.model, userCode]));
    }
    async consume(id: string): Promise<void> {
      await store.run('consume', [Date.now(), this.model, id]);
    }
    async destroy(id: string): Promise<void> {
      await store.run('destroy', [this.model, id]);
    }
    async revokeByGrantId(grantId: string): Promise<void> {
      await store.run('revokeByGrantId', [grantId]);
    }
  }
  return { Adapter: StoredAdapter, close: () => store.close() };
}
