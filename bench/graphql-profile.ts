/**
 * Profiling helper for issue 16's nested page (`npx tsx bench/graphql-profile.ts`): seeds a gateway
 * like bench/graphql.ts, then sends the nested query PROFILE_REQUESTS times (400), 4 at once, to the
 * gateway and to the bare Apollo baseline, and prints each side's main-thread time on a CPU per request
 * (Linux schedstat: comparable on a busy machine, where rates are not; the client runs in this process
 * and is counted on both sides), and the whole process's CPU per request (libuv's pool too, where
 * WebCrypto verifies a token: the main thread alone would not see that cost). The gateway's requests are profiled alone (no seeding, no baseline):
 * the top functions and packages by self time are printed (the baseline's too), and
 * CPU_PROFILE=file.cpuprofile keeps the profiles (the baseline's as file-bare.cpuprofile).
 * BENCH_KIND=postgres uses TEST_DATABASE_URL.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';
import { openSync, readSync } from 'node:fs';
import { withGateway } from './graphql.js';
import { startBaseline, type Target } from './graphql-baseline.js';
import { NESTED_QUERY } from './queries.js';

const REQUESTS = Number(process.env.PROFILE_REQUESTS ?? 400);
const CONCURRENCY = 4;
const kind = (process.env.BENCH_KIND ?? 'sqlite') as 'sqlite' | 'postgres';

const schedstat = openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
const buffer = Buffer.alloc(64);
const cpuMs = () => Number(buffer.toString('latin1', 0, readSync(schedstat, buffer, 0, 64, 0)).split(' ')[0]) / 1e6;

/** Process CPU ms (all threads: libuv's pool, where WebCrypto and async crypto run, and GC helpers). */
const processMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
let processTotal = 0;

/** Sends the nested query `count` times, CONCURRENCY at once; returns main-thread CPU ms per request (adds to processTotal). */
async function run(target: Target, count: number): Promise<number> {
  const process0 = processMs();
  const body = JSON.stringify({ query: NESTED_QUERY, variables: { first: 50 } });
  let left = count;
  const cpu0 = cpuMs();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) {
        const json = (await (
          await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body })
        ).json()) as { data?: unknown };
        if (!json.data) throw new Error(`unexpected response ${JSON.stringify(json).slice(0, 300)}`);
      }
    }),
  );
  processTotal += processMs() - process0;
  return (cpuMs() - cpu0) / count;
}

/** Self time by function and by package (node_modules/<name>, or node: internals, or the project). */
function top(profile: Profiler.Profile, lines = 25): string {
  const self = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench|test)\//, '$1/');
    const name = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.startsWith('node:') ? 'node:' : url ? 'project' : functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const list = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, lines)
      .map(([name, us]) => `  ${((us / total) * 100).toFixed(1).padStart(5)}%  ${name}`)
      .join('\n');
  return `by function (self):\n${list(byFunction)}\nby package (self):\n${list(byPackage)}`;
}

/** Profiles `count` requests to `target`: the top self-time lines, and the profile kept at `file` if set. */
async function profiled(target: Target, count: number, file: string | undefined): Promise<string> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  await run(target, count);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  if (file) fs.writeFileSync(file, JSON.stringify(profile));
  return top(profile);
}

const baseline = await startBaseline();
try {
  await withGateway(kind, async ({ url, headers }) => {
    const gateway = { url, headers };
    await run(gateway, 100); // warm-up
    await run(baseline, 100);
    console.log(`gateway, ${await profiled(gateway, REQUESTS, process.env.CPU_PROFILE)}`);
    console.log(`bare Apollo, ${await profiled(baseline, REQUESTS, process.env.CPU_PROFILE?.replace(/(\.cpuprofile)?$/, '-bare$1'))}`);
    // Unprofiled, in alternating rounds so that both sides see the same load of a shared machine.
    const cpu = { gateway: 0, baseline: 0 };
    const all = { gateway: 0, baseline: 0 };
    for (let round = 0; round < 8; round++) {
      processTotal = 0;
      cpu.gateway += await run(gateway, REQUESTS / 8);
      all.gateway += processTotal / REQUESTS;
      processTotal = 0;
      cpu.baseline += await run(baseline, REQUESTS / 8);
      all.baseline += processTotal / REQUESTS;
    }
    console.log(
      `${kind}: main thread CPU per request: gateway ${(cpu.gateway / 8).toFixed(2)} ms, bare Apollo ${(cpu.baseline / 8).toFixed(2)} ms, ` +
        `ratio ${(cpu.baseline / cpu.gateway).toFixed(2)}× (${REQUESTS} requests each); ` +
        `process CPU (all threads): gateway ${all.gateway.toFixed(2)} ms, bare Apollo ${all.baseline.toFixed(2)} ms, ratio ${(all.baseline / all.gateway).toFixed(2)}×`,
    );
  });
} finally {
  await baseline.close();
}
