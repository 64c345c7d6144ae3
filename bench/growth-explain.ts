/**
 * Where a figure of bench/growth.ts stops being flat: records every statement one run of the figure
 * issues (with its time), then prints the slowest few with their plans — EXPLAIN QUERY PLAN on
 * SQLite, EXPLAIN (ANALYZE for SELECTs only, which are safe to run again) on PostgreSQL — as
 * bench/explain-overview.ts does, and the plan lines that read rows in proportion to the table.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Gateway } from '../src/app.js';
import type { TestDatabase } from '../test/helpers/databases.js';

interface Statement {
  sql: string;
  params: unknown[];
  ms: number;
}

type Query = (sql: string, params?: unknown[], ...rest: unknown[]) => Promise<unknown>;

/** The statements `work` issues through TypeORM, each with its time (SQLite's prepared bulk inserts are not seen). */
async function record(gateway: Gateway, work: () => Promise<void>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const runner = gateway.db.dataSource.createQueryRunner();
  const prototype = Object.getPrototypeOf(runner) as { query: Query };
  await runner.release();
  const original = prototype.query;
  prototype.query = async function (this: unknown, sql: string, params?: unknown[], ...rest: unknown[]) {
    const t0 = performance.now();
    try {
      return await original.call(this, sql, params, ...rest);
    } finally {
      seen.push({ sql, params: params ?? [], ms: performance.now() - t0 });
    }
  };
  try {
    await work();
  } finally {
    prototype.query = original;
  }
  return seen;
}

/** Totals per statement text: a statement issued many times (once per row) counts as one. */
function slowest(statements: Statement[], n: number): (Statement & { calls: number })[] {
  const bySql = new Map<string, Statement & { calls: number }>();
  for (const s of statements) {
    const seen = bySql.get(s.sql);
    if (seen) {
      seen.ms += s.ms;
      seen.calls++;
    } else bySql.set(s.sql, { ...s, calls: 1 });
  }
  return [...bySql.values()]
    .filter((s) => !/^\s*(BEGIN|COMMIT|ROLLBACK|START|SAVEPOINT|RELEASE)/i.test(s.sql))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, n);
}

/** The statement without its column list (SELECT … FROM …), which says nothing about its cost. */
function shortSql(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ');
  const from = flat.search(/ FROM /i);
  return (/^SELECT /i.test(flat) && from > 0 ? `SELECT …${flat.slice(from)}` : flat).slice(0, 400);
}

async function plan(gateway: Gateway, db: TestDatabase, s: Statement): Promise<string[]> {
  if (db.database.kind === 'sqlite') {
    const rows = (await gateway.db.dataSource.query(`EXPLAIN QUERY PLAN ${s.sql}`, s.params)) as { detail: string }[];
    return rows.map((r) => r.detail);
  }
  const client = new pg.Client({ connectionString: db.database.url });
  await client.connect();
  try {
    const analyze = /^\s*SELECT/i.test(s.sql) ? 'ANALYZE ' : '';
    const values = s.params.map((p) => (p instanceof Date ? p.toISOString() : p));
    const result = await client.query(`EXPLAIN ${analyze}${s.sql}`, values);
    return (result.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']);
  } finally {
    await client.end();
  }
}

/**
 * A plan line that grows with the table: on SQLite a scan without an index or a temporary sort tree; on
 * PostgreSQL a node that read or filtered out 10,000 rows or more (small seq scans are the planner's choice).
 */
function grows(line: string): boolean {
  if (/^(SCAN (?!.*USING)|USE TEMP B-TREE)/.test(line)) return true;
  const rows = /actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(line) ?? /Rows Removed by Filter: (\d+)/.exec(line);
  return rows !== null && Number(rows[1]) >= 10_000;
}

/** Prints where `work`'s time went at the current size: its slowest statements, their plans, and the lines that grow. */
export async function explainGrowth(gateway: Gateway, db: TestDatabase, figure: string, work: () => Promise<void>): Promise<void> {
  const statements = await record(gateway, work);
  const total = statements.reduce((sum, s) => sum + s.ms, 0);
  console.log(`\n### where "${figure}" stops being flat (${statements.length} statements, ${total.toFixed(1)} ms in the database)`);
  for (const s of slowest(statements, 3)) {
    const lines = await plan(gateway, db, s).catch((error: unknown) => [`(no plan: ${String(error).slice(0, 120)})`]);
    const growing = lines.filter((l) => grows(l.trim()));
    console.log(`- ${s.ms.toFixed(1)} ms in ${s.calls} call(s): ${shortSql(s.sql)}`);
    for (const l of lines) console.log(`    ${l}`);
    if (growing.length) console.log(`  grows with the table: ${growing.map((l) => l.trim()).join('; ')}`);
  }
}
