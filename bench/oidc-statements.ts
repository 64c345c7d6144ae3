/**
 * npx tsx bench/oidc-statements.ts — what each SQL statement of the OIDC grants costs on its own: the
 * statements one client_credentials, refresh and code flow issue (recorded with their parameters),
 * each with its plan (EXPLAIN QUERY PLAN on SQLite; EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, writes
 * rolled back) and its time run alone BENCH_RUNS times on the gateway's own connection, the median of
 * three rounds: on SQLite the main thread's CPU per run of better-sqlite3's statement (`raw`) and of
 * the same through TypeORM's query runner, the adapter's path (`typeorm`); on PostgreSQL the round trip
 * of the prepared statement (noisy on a shared machine: the plans' buffer counts are steadier).
 *
 * Reads run as the gateway runs them, each in its own (autocommit) transaction. Writes run inside a
 * savepoint rolled back after each run (the rows they insert removed first, a claimed token unclaimed),
 * so that each run does the same work; on SQLite the commit a write costs beyond that is printed apart
 * (an autocommit INSERT of a fresh artefact or log entry, and the pages its commit writes to the WAL).
 *
 * The tables are grown first, as production's grow (bench/oidc-growth.ts): BENCH_PAYLOADS (100,000)
 * artefacts, two thirds in the bench tenant, and BENCH_SIGN_INS (100,000) sign-in log entries. No
 * ANALYZE on SQLite (the gateway never runs it) unless BENCH_ANALYZE=1; PostgreSQL is analysed (its
 * autovacuum would). Env: BENCH_KIND=postgres (TEST_DATABASE_URL), BENCH_RUNS (2000 SQLite, 400 PG),
 * GRANT (one grant only), BENCH_PLANS=0 (times only).
 */
import 'reflect-metadata';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { openSync, readSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { newId } from '../src/shared/ids.js';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.js';
import { grantsOf, grantTarget } from '../test/helpers/oidc-grants.js';
import { type Statement, StatementCounter } from '../test/helpers/statement-counter.js';
import { WebClient } from '../test/helpers/web-client.js';
import { startBenchGateway } from './gateway.js';
import { growOidcTables } from './oidc-growth.js';

const kind = (process.env.BENCH_KIND ?? 'sqlite') as DatabaseKind;
const postgres = kind === 'postgres';
const PAYLOADS = Number(process.env.BENCH_PAYLOADS ?? 100_000);
const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? (postgres ? 400 : 2000));
const PLANS = process.env.BENCH_PLANS !== '0';
const schedstat = openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');

const db = await createTestDatabase(kind);
const { gateway } = await startBenchGateway(db);
const ds = gateway.db.dataSource;
const target = await grantTarget(gateway);
const grants = await grantsOf(target);
const web = new WebClient();
await target.signIn(web);
await grants.clientCredentials();
let refreshToken = (await grants.codeFlow(web)).refresh_token!;
refreshToken = (await grants.refresh(refreshToken)).refresh_token!;

const sqlite = postgres ? null : (ds.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
const pgClient = postgres ? new pg.Client({ connectionString: (db.database as { url: string }).url }) : null;
await pgClient?.connect();
/** One statement on the benchmark's own connection (SQLite: the gateway's one connection). */
const exec = async (sql: string, params: unknown[] = []): Promise<unknown[]> => {
  if (pgClient) return (await pgClient.query(sql, params.map(pgValue))).rows as unknown[];
  const statement = sqlite!.prepare(sql);
  return statement.reader ? statement.all(...params) : (statement.run(...params), []);
};

await growOidcTables(gateway, target, { payloads: PAYLOADS, signIns: SIGN_INS });
if (!postgres && process.env.BENCH_ANALYZE === '1') await exec('ANALYZE');
// The client's keep-alive connections outlived the server's timeout while the tables grew: one request
// may meet a closed one.
await grants.clientCredentials().catch(() => undefined);
await grants.clientCredentials();

const counter = new StatementCounter(gateway.db);
const recorded: Record<string, Statement[]> = {
  client_credentials: await counter.recordWithParameters(() => grants.clientCredentials()),
  refresh_token: await counter.recordWithParameters(async () => {
    refreshToken = (await grants.refresh(refreshToken)).refresh_token!;
  }),
  code_flow: await counter.recordWithParameters(() => grants.codeFlow(web)),
};

console.log(`# ${kind}: ${PAYLOADS} artefacts, ${SIGN_INS} sign-ins, ${RUNS} runs per statement (µs per run)`);
for (const [grant, statements] of Object.entries(recorded)) {
  if (process.env.GRANT && process.env.GRANT !== grant) continue;
  console.log(`\n## ${grant} (${statements.length} statements)`);
  const seen = new Set<string>();
  for (const s of statements) {
    if (/^(BEGIN|COMMIT|ROLLBACK|START)/i.test(s.query) || seen.has(s.query)) continue;
    seen.add(s.query);
    const times = await timeOf(s);
    console.log(`- ${times}  ${short(s.query)}`);
    if (PLANS) for (const line of await planOf(s)) console.log(`      ${line}`);
  }
}
if (!postgres) {
  console.log('\n## commit of one write (autocommit minus the same INSERT in a savepoint, µs)');
  for (const s of recorded.refresh_token!.filter((x) => /^INSERT/.test(x.query)))
    console.log(`- ${await commitCost(s)}  ${short(s.query)}`);
}

await pgClient?.end();
await gateway.close();
await db.drop();

/** `median` µs of RUNS runs, three rounds: raw (the driver's statement) and, on SQLite, through TypeORM. Writes in a transaction. */
async function timeOf(s: Statement): Promise<string> {
  const write = !/^\s*SELECT/i.test(s.query);
  if (write) await exec(postgres ? 'BEGIN' : 'BEGIN IMMEDIATE');
  try {
    if (write) await unwrite(s);
    const raw = await rounds(() => runRaw(s, write));
    if (postgres) return `${raw.toFixed(1).padStart(7)} round trip`;
    const typeorm = write ? NaN : await rounds(() => runTypeorm(s));
    return `${raw.toFixed(1).padStart(7)} raw ${Number.isNaN(typeorm) ? '       ' : typeorm.toFixed(1).padStart(7)} typeorm`;
  } finally {
    if (write) await exec('ROLLBACK');
  }
}

async function rounds(round: () => Promise<number>): Promise<number> {
  const results = [await round(), await round(), await round()].sort((a, b) => a - b);
  return results[1]!;
}

/** µs per run on the driver: CPU on SQLite (synchronous), wall on PostgreSQL (a round trip). */
async function runRaw(s: Statement, write: boolean): Promise<number> {
  const params = s.parameters.map(postgres ? pgValue : (v: unknown) => v);
  if (sqlite) {
    const statement = sqlite.prepare(s.query);
    const save = sqlite.prepare('SAVEPOINT bench');
    const back = sqlite.prepare('ROLLBACK TO bench');
    const release = sqlite.prepare('RELEASE bench');
    const run = statement.reader ? () => statement.all(...params) : () => statement.run(...params);
    // The savepoint's own cost, measured alike, is taken off a write's.
    const one = write
      ? () => {
          save.run();
          run();
          back.run();
          release.run();
        }
      : run;
    const empty = () => {
      save.run();
      back.run();
      release.run();
    };
    const base = write ? cpuPer(empty) : 0;
    return cpuPer(one) - base;
  }
  const name = `bench_${Math.random().toString(36).slice(2)}`;
  const query = { name, text: s.query, values: params };
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i++) {
    if (write) await pgClient!.query('SAVEPOINT bench');
    await pgClient!.query(query);
    if (write) await pgClient!.query('ROLLBACK TO SAVEPOINT bench');
  }
  return ((performance.now() - t0) * 1000) / RUNS;
}

/** µs of CPU per run of a synchronous function. */
function cpuPer(fn: () => void): number {
  for (let i = 0; i < 100; i++) fn();
  const c0 = mainCpuUs();
  for (let i = 0; i < RUNS; i++) fn();
  return (mainCpuUs() - c0) / RUNS;
}

/** The main thread's CPU time in µs (Linux schedstat: not the WAL checkpointer's thread, bench/oidc-profile.ts). */
function mainCpuUs(): number {
  const buffer = Buffer.alloc(64);
  const n = readSync(schedstat, buffer, 0, 64, 0);
  return Number(buffer.toString('latin1', 0, n).split(' ')[0]) / 1000;
}

/** µs of CPU per run through the data source, as the adapter's reads go on SQLite (TypeORM's query runner). */
async function runTypeorm(s: Statement): Promise<number> {
  for (let i = 0; i < 100; i++) await ds.query(s.query, s.parameters);
  const c0 = mainCpuUs();
  for (let i = 0; i < RUNS; i++) await ds.query(s.query, s.parameters);
  return (mainCpuUs() - c0) / RUNS;
}

/** Before timing a write: the rows it inserts are removed and a token it claims is unclaimed (in the open transaction). */
async function unwrite(s: Statement): Promise<void> {
  for (const m of s.query.matchAll(/INSERT INTO "oidc_payload" \([^)]*\) VALUES \(/g)) {
    const at = m.index + m[0].length;
    await exec(`DELETE FROM "oidc_payload" WHERE "model" = ${ph(1)} AND "id" = ${ph(2)}`, [paramAfter(s, at, 0), paramAfter(s, at, 1)]);
  }
  for (const m of s.query.matchAll(/INSERT INTO "sign_in_event" \([^)]*\) VALUES \(/g)) {
    await exec(`DELETE FROM "sign_in_event" WHERE "id" = ${ph(1)}`, [paramAfter(s, m.index + m[0].length, 0)]);
  }
  const claim = /UPDATE "oidc_payload" SET "consumedAt" = \S+ WHERE /.exec(s.query);
  if (claim) {
    const at = claim.index + claim[0].length;
    await exec(`UPDATE "oidc_payload" SET "consumedAt" = NULL WHERE "model" = ${ph(1)} AND "id" = ${ph(2)}`, [
      paramAfter(s, at, 0),
      paramAfter(s, at, 1),
    ]);
  }
}

/** The parameter of the n-th placeholder at or after `offset` in the statement's text. */
function paramAfter(s: Statement, offset: number, n: number): unknown {
  const all = [...s.query.matchAll(/\$(\d+)|\?/g)];
  const index = all.findIndex((m) => m.index >= offset) + n;
  const placeholder = all[index]!;
  return s.parameters[placeholder[1] ? Number(placeholder[1]) - 1 : index];
}

/** SQLite: µs of CPU an autocommit INSERT of a fresh row costs beyond the same INSERT in a savepoint. */
async function commitCost(s: Statement): Promise<string> {
  const statement = sqlite!.prepare(s.query);
  const fresh = () => {
    const params = [...s.parameters];
    // The row's key: the artefact's storage id (2nd parameter) or the log entry's id (1st).
    if (s.query.includes('"oidc_payload"')) params[1] = randomBytes(32).toString('hex');
    else params[0] = newId();
    return params;
  };
  const auto = cpuPer(() => statement.run(...fresh()));
  sqlite!.exec('BEGIN IMMEDIATE');
  const inner = cpuPer(() => statement.run(...fresh()));
  sqlite!.exec('ROLLBACK');
  // Pages the commit writes to the WAL: the WAL checkpointed whole first, so that the commit starts it
  // anew (a checkpoint the background checkpointer holds at that moment answers -1: not counted).
  const frames: number[] = [];
  for (let i = 0; i < 10; i++) {
    sqlite!.pragma('wal_checkpoint(PASSIVE)');
    statement.run(...fresh());
    const log = (sqlite!.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;
    if (log >= 0) frames.push(log);
  }
  const pages = frames.length ? (frames.reduce((a, b) => a + b, 0) / frames.length).toFixed(1) : '?';
  return `${auto.toFixed(1).padStart(7)} autocommit ${inner.toFixed(1).padStart(7)} in a transaction, ${pages} pages to the WAL`;
}

async function planOf(s: Statement): Promise<string[]> {
  if (!postgres) {
    const rows = sqlite!.prepare(`EXPLAIN QUERY PLAN ${s.query}`).all(...s.parameters) as { detail: string }[];
    return rows.map((r) => r.detail);
  }
  await exec('BEGIN');
  try {
    if (!/^\s*SELECT/i.test(s.query)) await unwrite(s);
    const rows = (await exec(`EXPLAIN (ANALYZE, BUFFERS) ${s.query}`, s.parameters)) as { 'QUERY PLAN': string }[];
    return rows.map((r) => r['QUERY PLAN']);
  } finally {
    await exec('ROLLBACK');
  }
}

function ph(n: number): string {
  return postgres ? `$${n}` : '?';
}

function pgValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function short(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ');
  const from = flat.search(/ FROM /i);
  return (/^SELECT /i.test(flat) && from > 0 ? `SELECT …${flat.slice(from)}` : flat).slice(0, 160);
}
