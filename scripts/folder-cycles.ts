/**
 * Reports import cycles between the top-level folders of src/ (src/directory, src/mail, ...).
 * A folder depends on another when one of its files has a static `import/export ... from '../x/...'`
 * (type-only imports included: they still tie the folders together for a reader).
 *
 * Prints first the pairs of folders that import each other (with the files on each side), then
 * each larger group of folders that reach each other in a loop. Exits 1 when there is any cycle.
 * The composition lists are left out, since importing everything is their job: src/*.ts (the
 * composition root: app.ts, services.ts, main.ts) and src/db/entities.ts (the entity registry).
 *
 *   npx tsx scripts/folder-cycles.ts
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(new URL('../src', import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** src/invitations/batch/x.ts → "invitations"; src/app.ts → "." (the composition root). */
function folderOf(file: string): string {
  const rel = path.relative(root, file).split(path.sep);
  return rel.length > 1 ? rel[0]! : '.';
}

const COMPOSITION = new Set(['db/entities.ts']);

const importPattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g;

// edges.get(a).get(b) = files in folder a that import from folder b
const edges = new Map<string, Map<string, Set<string>>>();
for (const file of sourceFiles(root)) {
  const from = folderOf(file);
  if (from === '.' || COMPOSITION.has(path.relative(root, file).split(path.sep).join('/'))) continue;
  const text = fs.readFileSync(file, 'utf8');
  for (const match of text.matchAll(importPattern)) {
    const to = folderOf(path.resolve(path.dirname(file), match[1]!));
    if (to === from || to === '.') continue;
    const targets = edges.get(from) ?? new Map<string, Set<string>>();
    edges.set(from, targets);
    const files = targets.get(to) ?? new Set<string>();
    targets.set(to, files);
    files.add(path.relative(root, file));
  }
}

// Tarjan's strongly connected components over the folder graph.
const index = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const groups: string[][] = [];
let counter = 0;
function visit(v: string): void {
  index.set(v, counter);
  low.set(v, counter);
  counter++;
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v)!, low.get(w)!));
    } else if (onStack.has(w)) {
      low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
  }
  if (low.get(v) === index.get(v)) {
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) groups.push(group.sort());
  }
}
const folders = new Set([...edges.keys(), ...[...edges.values()].flatMap((t) => [...t.keys()])]);
for (const folder of [...folders].sort()) if (!index.has(folder)) visit(folder);

const pairs: string[] = [];
for (const [a, targets] of [...edges].sort(([x], [y]) => x.localeCompare(y))) {
  for (const [b, files] of targets) {
    const back = edges.get(b)?.get(a);
    if (back && a < b) pairs.push(`  ${a} <-> ${b}\n    ${[...files].sort().join(', ')}\n    ${[...back].sort().join(', ')}`);
  }
}

if (groups.length === 0) {
  console.log('no folder cycles');
} else {
  if (pairs.length) console.log(`folders that import each other:\n${pairs.sort().join('\n')}`);
  for (const group of groups.filter((g) => g.length > 2)) {
    console.log(`folders in one loop: ${group.join(', ')}`);
    for (const a of group) {
      for (const [b, files] of edges.get(a) ?? []) {
        if (group.includes(b)) console.log(`  ${a} -> ${b}: ${[...files].sort().join(', ')}`);
      }
    }
  }
  process.exitCode = 1;
}
