/**
 * Sums a .cpuprofile's self time per package and per function (bench/oidc-profile.ts under
 * `node --cpu-prof`): `tsx bench/cpuprofile-summary.ts <main thread .cpuprofile> [<its printout>]
 * [<baseline .cpuprofile> <its printout>]`. With the printout, only the timed window counts and times
 * are per grant, scaled to the main thread's CPU per grant it printed (samples are wall time: on a busy
 * machine a descheduled thread's samples stretch); with a baseline, both side by side, largest
 * difference first. Packages: node_modules' names, `src/<folder>`, `node:<module>`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}
type Sums = { byPackage: Map<string, number>; byFunction: Map<string, number> };

function packageOf(url: string, name: string): string {
  if (!url) return name;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return /\/((?:src|bench|test)\/[^/]+)/.exec(url)?.[1] ?? url;
}

function summarize(profilePath: string, printoutPath?: string): Sums {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as Profile;
  const printout = printoutPath ? readFileSync(printoutPath, 'utf8') : '';
  const from = Number(/timed from (\d+)/.exec(printout)?.[1] ?? 0);
  const to = Number(/timed to (\d+)/.exec(printout)?.[1] ?? Infinity);
  const grants = Number(/\((\d+) grants\)/.exec(printout)?.[1] ?? 0);
  const cpuPerGrant = Number(/main thread ([\d.]+) ms/.exec(printout)?.[1] ?? 0);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const sums: Sums = { byPackage: new Map(), byFunction: new Map() };
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i]!;
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    if (at < from || at > to || functionName === '(idle)') return;
    const us = profile.timeDeltas[i + 1] ?? 0;
    total += us;
    const where = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*?\/(src|bench|test)\//, '$1/')}:${lineNumber + 1}`;
    sums.byPackage.set(packageOf(url, functionName), (sums.byPackage.get(packageOf(url, functionName)) ?? 0) + us);
    sums.byFunction.set(where, (sums.byFunction.get(where) ?? 0) + us);
  });
  // Milliseconds in all, or per grant scaled to the printed CPU time per grant.
  const scale = grants && cpuPerGrant ? cpuPerGrant / total : 1 / 1000;
  for (const map of [sums.byPackage, sums.byFunction]) for (const [key, us] of map) map.set(key, us * scale);
  console.log(`${profilePath}: ${grants && cpuPerGrant ? `${cpuPerGrant} ms per grant on CPU` : `${(total / 1000).toFixed(0)} ms`}`);
  return sums;
}

function print(title: string, rows: Map<string, number>, baseline: Map<string, number> | undefined, count: number): void {
  console.log(`\n${title}`);
  const keys = [...new Set([...rows.keys(), ...(baseline?.keys() ?? [])])];
  const gap = (key: string) => Math.abs((rows.get(key) ?? 0) - (baseline?.get(key) ?? 0));
  for (const key of keys.sort((a, b) => gap(b) - gap(a)).slice(0, count)) {
    const columns = [rows.get(key) ?? 0, ...(baseline ? [baseline.get(key) ?? 0] : [])].map((v) => v.toFixed(3).padStart(8));
    console.log(`${columns.join(' ')}  ${key}`);
  }
}

const [profile, printout, baseProfile, basePrintout] = process.argv.slice(2);
if (!profile) throw new Error('usage: tsx bench/cpuprofile-summary.ts <.cpuprofile> [printout] [baseline .cpuprofile] [printout]');
const sums = summarize(profile, printout);
const base = baseProfile ? summarize(baseProfile, basePrintout) : undefined;
print('self time per package', sums.byPackage, base?.byPackage, 30);
print('self time per function', sums.byFunction, base?.byFunction, 50);
