import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
const proto = PostgresQueryRunner.prototype as any;
const orig = proto.query;
export const stats = new Map<string, { n: number; ms: number }>();
proto.query = async function (q: string, p: unknown[], ...rest: unknown[]) {
  const t = performance.now();
  try { return await orig.call(this, q, p, ...rest); } finally {
    const k = q.replace(/\s+/g, ' ').slice(0, 90);
    const s = stats.get(k) ?? { n: 0, ms: 0 }; s.n++; s.ms += performance.now() - t; stats.set(k, s);
  }
};
process.on('exit', () => { console.log([...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25).map(([k, v]) => `${v.ms.toFixed(0).padStart(6)} ${String(v.n).padStart(5)} ${k}`).join('\n')); });
