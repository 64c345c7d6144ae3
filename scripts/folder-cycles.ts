/**
 * Checks how the top-level folders of src/ (src/directory, src/mail, ...) depend on each other.
 * A folder depends on another when one of its files has a static `import/export ... from '../x/...'`
 * (type-only imports included: they still tie the folders together for a reader).
 *
 * Two rules, both written down in LAYERS below and in ARCHITECTURE.md ("Layers"):
 *  1. No cycles between folders: prints the pairs of folders that import each other (with the files
 *     on each side), then each larger group of folders that reach each other in a loop.
 *  2. Imports point down or sideways: a folder imports only folders in its own layer or below.
 *     A lower layer that needs something from a higher one takes it as a port (an interface it
 *     declares, e.g. src/directory/ports.ts) filled in by the composition root (src/services.ts).
 * The composition lists are left out, since importing everything is their job: src/*.ts (the
 * composition root: app.ts, services.ts, main.ts) and src/db/entities.ts (the entity registry).
 *
 *   npx tsx scripts/folder-cycles.ts           reports; exits 1 on a cycle or an upward import
 *   npx tsx scripts/folder-cycles.ts --check   the same, printing nothing when all is well (npm run lint)
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

/**
 * The layers, lowest first. A folder may import folders of its own layer (without a cycle) and of
 * the layers below it, never above. A new folder must be added here.
 */
const LAYERS: { name: string; folders: string[] }[] = [
  { name: 'vocabulary and settings', folders: ['shared', 'config', 'logging', 'i18n'] },
  { name: 'storage', folders: ['db'] },
  { name: 'observability', folders: ['observability'] },
  { name: 'directory', folders: ['directory'] },
  { name: 'audit and mail', folders: ['audit', 'mail', 'sign-ins'] },
  { name: 'applications', folders: ['apps', 'access', 'policies'] },
  { name: 'invitations', folders: ['invitations'] },
  // domains: tenant domain verification and takeover (branch i12-domains); it builds on accounts and federation.
  {
    name: 'identity flows',
    folders: ['accounts', 'mfa', 'oidc', 'federation', 'partners', 'redemption', 'domains', 'console-bff', 'saml'],
  },
  // console: the admin console's browser client; it takes only the shared vocabulary and languages.
  { name: 'transport', folders: ['graphql', 'http', 'pages', 'console'] },
  { name: 'entry points', folders: ['cli', 'demo'] },
];
const layerOf = new Map(LAYERS.flatMap((layer, i) => layer.folders.map((folder) => [folder, i] as const)));
const quiet = process.argv.includes('--check');

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

const problems: string[] = [];
for (const folder of [...folders].sort()) {
  if (!layerOf.has(folder)) problems.push(`src/${folder}/ is in no layer: add it to LAYERS in scripts/folder-cycles.ts`);
}
const upward: string[] = [];
for (const [a, targets] of [...edges].sort(([x], [y]) => x.localeCompare(y))) {
  for (const [b, files] of targets) {
    const from = layerOf.get(a);
    const to = layerOf.get(b);
    if (from === undefined || to === undefined || to <= from) continue;
    upward.push(`  ${a} (${LAYERS[from]!.name}) -> ${b} (${LAYERS[to]!.name}): ${[...files].sort().join(', ')}`);
  }
}
if (upward.length) problems.push(`imports into a higher layer:\n${upward.join('\n')}`);

const pairs: string[] = [];
for (const [a, targets] of [...edges].sort(([x], [y]) => x.localeCompare(y))) {
  for (const [b, files] of targets) {
    const back = edges.get(b)?.get(a);
    if (back && a < b) pairs.push(`  ${a} <-> ${b}\n    ${[...files].sort().join(', ')}\n    ${[...back].sort().join(', ')}`);
  }
}

if (groups.length === 0) {
  if (!quiet) console.log('no folder cycles');
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
if (problems.length) {
  console.log(problems.join('\n'));
  process.exitCode = 1;
} else if (!quiet) {
  console.log('every import points down or sideways');
}
