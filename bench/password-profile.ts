/**
 * Profiling helper for the guessing flood of bench/password.ts (`node --import tsx bench/password-profile.ts`,
 * add `--cpu-prof` for a profile): the gateway, the flood from bench/password-flood.ts, and on this side
 * the event loop's pauses (gaps of a 1 ms timer) with, for each, the main thread's time on a CPU, the
 * requests begun and the time in SQLite statements (better-sqlite3's run/get/all, exec and pragma, timed
 * around the call). The time on a CPU (Linux schedstat) does not count waiting for a core, so it can be
 * compared on a busy machine where the loop delay cannot.
 * Env: BENCH_KIND=postgres (TEST_DATABASE_URL), FLOOD_WORKERS (16), BENCH_SECONDS (3), NO_WRAP=1 (no
 * statement timing), NO_TURNS=1 (statements give the loop no turn, as before src/db/sqlite-turns.ts).
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { openSync, readSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { createTestDatabase } from '../test/helpers/databases.js';
import { startBenchGateway } from './gateway.js';

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 3) * 1000;
const timings = new Map<string, { n: number; total: number; max: number }>();
let statementMsNow = 0;

function timed(target: Record<string, unknown>, method: string, sqlOf: (self: { source?: string }, args: unknown[]) => string) {
  const original = target[method] as (...args: unknown[]) => unknown;
  target[method] = function (this: { source?: string }, ...args: unknown[]) {
    const t0 = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      const ms = performance.now() - t0;
      statementMsNow += ms;
      const sql = sqlOf(this, args).replace(/\s+/g, ' ').slice(0, 110);
      const t = timings.get(sql) ?? { n: 0, total: 0, max: 0 };
      t.n++;
      t.total += ms;
      t.max = Math.max(t.max, ms);
      timings.set(sql, t);
    }
  };
}

if (!process.env.NO_WRAP) {
  const probe = new BetterSqlite3(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  for (const m of ['run', 'get', 'all']) timed(statementProto, m, (s) => `${m}: ${s.source}`);
  const dbProto = Object.getPrototypeOf(probe) as Record<string, unknown>;
  timed(dbProto, 'exec', (_s, a) => `exec: ${String(a[0])}`);
  timed(dbProto, 'pragma', (_s, a) => `pragma: ${String(a[0])}`);
  probe.close();
}

const db = await createTestDatabase((process.env.BENCH_KIND ?? 'sqlite') as 'sqlite' | 'postgres');
const { gateway, config } = await startBenchGateway(db, { TRUST_PROXY: '1' });
const { services } = gateway;
// The query runner's own method again: no turns.
if (process.env.NO_TURNS) delete (gateway.db.dataSource.driver.createQueryRunner('master') as { query?: unknown }).query;
const tenant = await services.tenants.create({ name: 'Bench', domains: ['bench.example'] });
const victims: string[] = [];
for (let i = 0; i < 24; i++) {
  const member = await services.users.createMember(tenant.id, { displayName: `Bench User ${i}`, mail: `user${i}@bench.example` });
  await services.accounts.setPassword(member.id, 'Bench-Password-Long-1');
  victims.push(member.mail);
}
timings.clear();

// Pauses: a 1 ms interval timer; between two ticks, the main thread's time on a CPU, requests begun, SQLite time.
const schedstat = openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
const buffer = Buffer.alloc(64);
const cpuMs = () => Number(buffer.toString('latin1', 0, readSync(schedstat, buffer, 0, 64, 0)).split(' ')[0]) / 1e6;
const gaps: { at: number; ms: number; cpu: number; sqlMs: number; requests: number }[] = [];
let requestsNow = 0;
gateway.httpServer.on('request', () => requestsNow++);
const cpuPerTick: number[] = [];
let last = performance.now();
let lastCpu = cpuMs();
const ticker = setInterval(() => {
  const now = performance.now();
  const cpu = cpuMs();
  cpuPerTick.push(cpu - lastCpu);
  if (now - last > 20) gaps.push({ at: now, ms: now - last, cpu: cpu - lastCpu, sqlMs: statementMsNow, requests: requestsNow });
  statementMsNow = 0;
  requestsNow = 0;
  last = now;
  lastCpu = cpu;
}, 1);

const histogram = monitorEventLoopDelay({ resolution: 5 });
const script = fileURLToPath(new URL('./password-flood.ts', import.meta.url));
const panel = `${config.publicUrl}/${tenant.id}/myapps`;
const child = spawn(
  process.execPath,
  ['--import', 'tsx', script, panel, String(DURATION_MS), process.env.FLOOD_WORKERS ?? '16', ...victims],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let out = '';
let started = 0;
let cpuAtStart = 0;
child.stdout.on('data', (chunk: Buffer) => {
  if (!out) {
    histogram.enable();
    timings.clear();
    gaps.length = 0;
    cpuPerTick.length = 0;
    cpuAtStart = cpuMs();
    started = performance.now();
    console.log(`flood from ${process.hrtime.bigint() / 1000n} µs (the clock of --cpu-prof)`);
  }
  out += chunk.toString();
});
await new Promise((resolve) => child.on('exit', resolve));
histogram.disable();
clearInterval(ticker);
console.log(`flood to ${process.hrtime.bigint() / 1000n} µs`);
const elapsed = performance.now() - started;
const floodCpu = cpuMs() - cpuAtStart;
const ticks = [...cpuPerTick].sort((a, b) => a - b);
const at = (q: number) => (ticks[Math.min(ticks.length - 1, Math.floor(q * ticks.length))] ?? 0).toFixed(1);
console.log(
  `main thread on CPU: ${floodCpu.toFixed(0)} ms of ${elapsed.toFixed(0)} ms; between 1 ms ticks p99 ${at(0.99)} p99.9 ${at(0.999)} max ${at(1)} ms`,
);
const answers = JSON.parse(out.split('\n').slice(1).join('').trim()) as Record<string, number>;
const attempts = Object.values(answers).reduce((a, b) => a + b, 0);
console.log(
  `answers: ${JSON.stringify(answers)} in ${elapsed.toFixed(0)} ms; main thread ${(floodCpu / attempts).toFixed(2)} ms on CPU per attempt`,
);
console.log(
  `loop delay p50 ${(histogram.percentile(50) / 1e6).toFixed(1)} p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} max ${(histogram.max / 1e6).toFixed(1)} ms`,
);
const sorted = [...timings.entries()].sort((a, b) => b[1].total - a[1].total);
let all = 0;
for (const [, t] of sorted) all += t.total;
console.log(`SQLite statements: ${all.toFixed(0)} ms in all (${((all / elapsed) * 100).toFixed(1)}% of the flood)`);
for (const [sql, t] of sorted.slice(0, 20))
  console.log(`${t.total.toFixed(1).padStart(8)} ms ${String(t.n).padStart(5)}× max ${t.max.toFixed(1).padStart(6)}  ${sql}`);
console.log(`pauses > 20 ms: ${gaps.length}`);
for (const g of gaps.slice(0, 30))
  console.log(
    `  ${(g.at - started).toFixed(0).padStart(6)} ms: ${g.ms.toFixed(1)} ms paused, ${g.cpu.toFixed(1)} ms on CPU, ${g.sqlMs.toFixed(1)} ms in SQLite, ${g.requests} requests begun`,
  );
await gateway.close();
await db.drop();
