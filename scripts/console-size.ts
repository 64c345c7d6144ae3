/**
 * Prints the admin console's initial JavaScript, gzipped, and fails above the budget of issue 14:
 * 250 KB. Initial means what the browser loads before the overview (the landing screen) is
 * interactive: the entry script with everything it imports statically, plus the overview's own
 * chunk and its static imports. Other screens load when first opened and are listed apart.
 *   npx tsx scripts/console-size.ts      (run by `npm run build:console`)
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const LANDING = 'screens/Overview.tsx';
const dir = path.resolve(new URL('../dist/console', import.meta.url).pathname);

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
const manifest = JSON.parse(fs.readFileSync(path.join(dir, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;

/** A chunk's file and those of everything it imports statically. */
function closure(key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key]!;
  if (into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(imported, into);
  return into;
}

const gz = (file: string) => gzipSync(fs.readFileSync(path.join(dir, file))).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
const initial = closure(LANDING, closure(entry));
let total = 0;
for (const file of [...initial].filter((f) => f.endsWith('.js'))) {
  total += gz(file);
  console.log(`  ${file.padEnd(44)} ${kb(gz(file))} gzipped`);
}
const later = Object.values(manifest)
  .map((c) => c.file)
  .filter((file) => file.endsWith('.js') && !initial.has(file));
const laterTotal = later.reduce((sum, file) => sum + gz(file), 0);
console.log(`  initial JavaScript: ${kb(total)} gzipped (budget ${BUDGET_KB} KB)`);
console.log(`  loaded when first opened: ${later.length} more chunks, ${kb(laterTotal)} gzipped in all`);
if (total > BUDGET_KB * 1024) {
  console.error('The console is over its JavaScript budget.');
  process.exit(1);
}
