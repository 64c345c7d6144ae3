/**
 * Profiling helper for bench/oidc.ts (`node --cpu-prof --import tsx bench/oidc-profile.ts`): one grant
 * against the gateway, 8 at once for BENCH_SECONDS (5), printing the rate and the main thread's time on
 * a CPU per request (Linux schedstat: comparable on a busy machine, where rates are not; the client,
 * openid-client, runs in this process too and is counted).
 * Env: GRANT=client_credentials|refresh_token|code_flow, BENCH_KIND=postgres (TEST_DATABASE_URL), TARGET=bare
 * (bench/oidc.ts's bare oidc-provider, the baseline) or TARGET=bare-jwt (the same, its client-credentials
 * tokens RS256 JWTs as the gateway's) or TARGET=bare-store (the same, storing its artefacts in BENCH_KIND's
 * database through bench/oidc-bare-store.ts: the floor), BENCH_PAYLOADS=n (grow oidc_payload by n artefacts,
 * and the sign-in log as many entries, first: bench/oidc-growth.ts).
 */
import 'reflect-metadata';
import { openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createTestDatabase } from '../test/helpers/databases.js';
import { type GrantTarget, grantsOf, grantTarget } from '../test/helpers/oidc-grants.js';
import { WebClient } from '../test/helpers/web-client.js';
import { startBenchGateway } from './gateway.js';
import { growOidcTables } from './oidc-growth.js';
import { storedAdapter } from './oidc-bare-store.js';
import { bareTarget, type Target } from './oidc-target.js';

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const CONCURRENCY = 8;
const grant = process.env.GRANT ?? 'client_credentials';

const bare = ['bare', 'bare-jwt', 'bare-store'].includes(process.env.TARGET ?? '');
const kind = (process.env.BENCH_KIND ?? 'sqlite') as 'sqlite' | 'postgres';
const store = process.env.TARGET === 'bare-store' ? await storedAdapter(kind) : null;
const db = bare ? null : await createTestDatabase(kind);
const gateway = db && (await startBenchGateway(db)).gateway;
const target = gateway
  ? await grantTarget(gateway)
  : await bareTarget({ jwtClientCredentials: process.env.TARGET === 'bare-jwt', ...(store ? { adapter: store.Adapter } : {}) });
const grants = await grantsOf(target);
const webs: WebClient[] = [];
for (let i = 0; i < CONCURRENCY; i++) {
  const web = new WebClient();
  await target.signIn(web);
  webs.push(web);
}
const tokens: string[] = [];
for (const web of webs) tokens.push((await grants.codeFlow(web)).refresh_token!);
const grow = Number(process.env.BENCH_PAYLOADS ?? 0);
if (gateway && grow) {
  await growOidcTables(gateway, target as GrantTarget, { payloads: grow, signIns: grow });
  // Keep-alive connections outlived the server's timeout meanwhile: each failed request drops one.
  for (let i = 0; i <= CONCURRENCY + 2; i++) await grants.clientCredentials().catch(() => undefined);
}
const work: Record<string, (worker: number) => Promise<unknown>> = {
  client_credentials: () => grants.clientCredentials(),
  refresh_token: async (worker) => {
    tokens[worker] = (await grants.refresh(tokens[worker]!)).refresh_token!;
  },
  code_flow: (worker) => grants.codeFlow(webs[worker]!),
};
const one = work[grant]!;
for (let i = 0; i < 20; i++) await one(0); // warm-up

const schedstat = openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
const buffer = Buffer.alloc(64);
const cpuMs = () => Number(buffer.toString('latin1', 0, readSync(schedstat, buffer, 0, 64, 0)).split(' ')[0]) / 1e6;
// PostgreSQL: the CPU of this database's backends too (utime + stime of the processes whose title names it).
const dbName = db && 'url' in db.database ? new URL(db.database.url).pathname.slice(1) : null;
const backendsMs = () => {
  if (!dbName) return 0;
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(` ${dbName} `)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks * 10; // USER_HZ 100
};
let done = 0;
const backends0 = backendsMs();
const cpu0 = cpuMs();
const start = performance.now();
console.log(`timed from ${process.hrtime.bigint() / 1000n} µs (the clock of --cpu-prof)`);
await Promise.all(
  Array.from({ length: CONCURRENCY }, async (_, worker) => {
    while (performance.now() < start + DURATION_MS) {
      await one(worker);
      done++;
    }
  }),
);
const elapsed = performance.now() - start;
const cpu = cpuMs() - cpu0;
const backends = backendsMs() - backends0;
console.log(`timed to ${process.hrtime.bigint() / 1000n} µs`);
console.log(
  `${grant}: ${((done / elapsed) * 1000).toFixed(1)}/s, main thread ${(cpu / done).toFixed(2)} ms on CPU per grant (${done} grants)` +
    (dbName ? `, PostgreSQL backends ${(backends / done).toFixed(2)} ms per grant` : ''),
);
if (gateway) await gateway.close();
else await (target as Target).close();
await store?.close();
await db?.drop();
