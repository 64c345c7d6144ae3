/**
 * Prints the admin console's initial JavaScript (every script index.html loads, and what they import
 * statically), gzipped, and fails above the budget of issue 14: 250 KB.
 *   npx tsx scripts/console-size.ts      (run by `npm run build:console`)
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dir = path.resolve(new URL('../dist/console', import.meta.url).pathname);
const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
const initial = [...index.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/admin\/([^"]+\.js)"/g)].map((m) => m[1]!);
let total = 0;
for (const file of initial) {
  const size = gzipSync(fs.readFileSync(path.join(dir, file))).length;
  total += size;
  console.log(`  ${file.padEnd(40)} ${(size / 1024).toFixed(1)} KB gzipped`);
}
console.log(`  initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
if (total > BUDGET_KB * 1024) {
  console.error('The console is over its JavaScript budget.');
  process.exit(1);
}
