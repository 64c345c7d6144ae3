import type { DatabaseKind } from '../test/helpers/databases.js';
import type { Goal } from './goals.js';

export interface BenchLine {
  name: string;
  project: number;
  baseline: number;
  unit: string;
  /** The goal for this figure, printed beside it with whether this run met it. */
  goal?: Goal;
}

export function printTable(
  title: string,
  lines: BenchLine[],
  baseline = 'the same invitations as a loop of single inviteUser calls, same run',
): void {
  console.log(`\n${title}  (baseline: ${baseline})`);
  console.log('| measurement | project | baseline | ratio (project/baseline) | goal |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const l of lines) {
    const ratio = l.project / l.baseline;
    const goal = l.goal ? `${l.goal.text} ${l.goal.met(ratio, l.project) ? 'met' : 'MISSED'}` : '';
    console.log(`| ${l.name} | ${l.project.toFixed(1)} ${l.unit} | ${l.baseline.toFixed(1)} ${l.unit} | ${ratio.toFixed(3)} | ${goal} |`);
  }
}

/** Runs `measure` on SQLite, then on PostgreSQL when TEST_DATABASE_URL is set, and joins the lines. */
export async function onEachDatabase(measure: (kind: DatabaseKind) => Promise<BenchLine[]>): Promise<BenchLine[]> {
  const kinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const lines: BenchLine[] = [];
  for (const kind of kinds) lines.push(...(await measure(kind)));
  return lines;
}
