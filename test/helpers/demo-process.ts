import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, '../..');

let built: Promise<unknown> | null = null;

/** `npm run build`, once per test file (the suites of one file share the build). */
export const buildOnce = () => (built ??= run('npm', ['run', '-s', 'build'], { cwd: ROOT }));

export interface DemoProcess {
  child: ReturnType<typeof spawn>;
  port: number;
  dataDir: string;
  /** Everything it printed so far. */
  output: () => string;
  /** SIGTERM, then removes its data. */
  stop: () => void;
}

/** `node dist/src/main.js --seed-demo` on a fresh SQLite file and outbox; resolves once the welcome is printed. */
export async function startDemo(): Promise<DemoProcess> {
  await buildOnce();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-demo-'));
  const port = 41_000 + Math.floor(Math.random() * 2000);
  const child = spawn(process.execPath, ['dist/src/main.js', '--seed-demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      SQLITE_PATH: path.join(dataDir, 'demo.sqlite'),
      MAIL_OUTBOX_DIR: path.join(dataDir, 'outbox'),
      LOG_LEVEL: 'info',
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', () => output.includes('-d \'{"query"') && (clearTimeout(timer), resolve()));
    child.once('exit', (code) => reject(new Error(`demo exited with ${code}:\n${output}`)));
  });
  return {
    child,
    port,
    dataDir,
    output: () => output,
    stop: () => {
      child.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
