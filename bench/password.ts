/**
 * npm run bench:password — the full interactive password sign-in without a session (a fresh browser
 * opens the access panel's sign-in page and posts its address and password: CSRF, budgets, the hash,
 * the session and the sign-in log), as many at once as the gateway admits (HASHES_IN_FLIGHT.total),
 * each from its own address (TRUST_PROXY=1 and X-Forwarded-For, so only the hash bounds the rate).
 * The baseline, in the same run, is the raw rate of scrypt at the gateway's parameters, as many at once
 * as the gateway computes (HASHES_IN_FLIGHT.computing), measured before and after the sign-ins (their mean). Then a guessing flood (wrong
 * passwords from many addresses, far more requests than may hash at once, so the budgets refuse the
 * rest), sent by a child process (bench/password-flood.ts): the gateway's event-loop p99 delay
 * (perf_hooks monitorEventLoopDelay) against the same server idle.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { scrypt } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { HASHES_IN_FLIGHT, SCRYPT_PARAMS } from '../src/accounts/password.js';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.js';
import { WebClient } from '../test/helpers/web-client.js';
import { startBenchGateway } from './gateway.js';
import { type BenchLine, onEachDatabase, printTable } from './report.js';
import { atLeast, below } from './goals.js';

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 3) * 1000;
const PARALLEL = HASHES_IN_FLIGHT.total;
/** The gateway runs at most this many hashes at a time (the others of PARALLEL wait their turn). */
const COMPUTING = HASHES_IN_FLIGHT.computing;
const FLOOD_WORKERS = 16;
const PASSWORD = 'Bench-Password-Long-1';
/** Accounts signed in to in turn: each takes at most 50 sign-ins in 15 minutes (signInPerAccount). */
const ACCOUNTS = 24;

async function forDuration(workers: number, work: () => Promise<void>): Promise<number> {
  let done = 0;
  const start = performance.now();
  const end = start + DURATION_MS;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) {
        await work();
        done++;
      }
    }),
  );
  return (done / (performance.now() - start)) * 1000;
}

/** scrypt at the gateway's parameters, COMPUTING at a time, on the same thread pool: hashes per second. */
function hashRate(): Promise<number> {
  const { N, r, p, maxmem, keyLength } = SCRYPT_PARAMS;
  const salt = Buffer.alloc(16, 7);
  return forDuration(
    COMPUTING,
    () =>
      new Promise<void>((resolve, reject) => scrypt(PASSWORD, salt, keyLength, { N, r, p, maxmem }, (e) => (e ? reject(e) : resolve()))),
  );
}

/** Runs bench/password-flood.ts in a child process for DURATION_MS (`onStart` once it floods); its answers by status (JSON). */
async function flood(panel: string, victims: string[], onStart: () => void): Promise<string> {
  const script = fileURLToPath(new URL('./password-flood.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, panel, String(DURATION_MS), String(FLOOD_WORKERS), ...victims], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    if (!out) onStart(); // the first line: compiled and flooding
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the flood process exited with ${code}`);
  return out.split('\n').slice(1).join('').trim();
}

let ipCounter = 0;
const nextIp = () => `10.${(++ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;

async function measure(kind: DatabaseKind): Promise<BenchLine[]> {
  const db = await createTestDatabase(kind);
  const { gateway, config } = await startBenchGateway(db, { TRUST_PROXY: '1' });
  try {
    const { services } = gateway;
    const tenant = await services.tenants.create({ name: 'Bench', domains: ['bench.example'] });
    const mails: string[] = [];
    for (let i = 0; i < ACCOUNTS * 2; i++) {
      const member = await services.users.createMember(tenant.id, { displayName: `Bench User ${i}`, mail: `user${i}@bench.example` });
      await services.accounts.setPassword(member.id, PASSWORD);
      mails.push(member.mail);
    }
    const [accounts, victims] = [mails.slice(0, ACCOUNTS), mails.slice(ACCOUNTS)];
    const panel = `${config.publicUrl}/${tenant.id}/myapps`;
    let turn = 0;
    const signIn = async (email: string, password: string) => {
      const web = new WebClient(undefined, { 'x-forwarded-for': nextIp() });
      return (await web.submit(await web.get(panel), `/${tenant.id}/myapps`, { email, password })).status;
    };
    const good = async () => {
      const status = await signIn(accounts[turn++ % accounts.length]!, PASSWORD);
      if (status !== 303) throw new Error(`bench sign-in answered ${status}`);
    };
    await good(); // warm-up

    const hashesBefore = await hashRate();
    const signIns = await forDuration(PARALLEL, good);
    const hashesAfter = await hashRate();
    const hashes = (hashesBefore + hashesAfter) / 2;

    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    await new Promise((resolve) => setTimeout(resolve, DURATION_MS));
    histogram.disable();
    const idleP99 = histogram.percentile(99) / 1e6;
    histogram.reset();
    const outcomes = await flood(panel, victims, () => histogram.enable());
    histogram.disable();
    const floodP99 = histogram.percentile(99) / 1e6;
    console.error(`password flood on ${kind}: answers by status ${outcomes}`);
    return [
      {
        name: `password sign-in (panel, no session, ${PARALLEL} at once), ${kind}: sign-ins/s vs scrypt hashes/s (${COMPUTING} at once)`,
        project: signIns,
        baseline: hashes,
        unit: '/s',
        goal: atLeast(0.9),
      },
      {
        name: `event-loop p99 delay, guessing flood (${FLOOD_WORKERS} clients) vs idle, ${kind}`,
        project: floodP99,
        baseline: idleP99,
        unit: 'ms',
        goal: below(50, 'ms'),
      },
    ];
  } finally {
    await gateway.close();
    await db.drop();
  }
}

export async function runPasswordBench(): Promise<BenchLine[]> {
  return onEachDatabase(measure);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(
    'bench/password',
    await runPasswordBench(),
    `scrypt N=${SCRYPT_PARAMS.N} r=${SCRYPT_PARAMS.r} p=${SCRYPT_PARAMS.p}, ${COMPUTING} in parallel, same run (sign-ins); the idle event loop (flood)`,
  );
}
