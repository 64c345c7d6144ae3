import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUILT = path.join(ROOT, 'dist/console/index.html');
/** What the console's bundle is made of (its own source, and the page vocabulary it imports). */
const SOURCES = ['src/console', 'src/i18n', 'src/shared', 'vite.console.config.ts'];

function newestSource(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestSource(path.join(entry, name))));
}

/**
 * Builds the admin console once for the whole run, before any suite starts, when its sources are
 * newer than the last build. Building in each browser suite raced: one suite emptied dist/console
 * while another's gateway served from it.
 */
export default function buildConsoleOnce(): void {
  const builtAt = fs.existsSync(BUILT) ? fs.statSync(BUILT).mtimeMs : 0;
  if (builtAt > Math.max(...SOURCES.map((s) => newestSource(path.join(ROOT, s))))) return;
  execFileSync('npx', ['vite', 'build', '-c', 'vite.console.config.ts', '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, which would make this a development build of React.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
