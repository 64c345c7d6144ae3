import { performance } from 'node:perf_hooks';

/** One side of a comparison: a request (`worker` is which of the concurrent loops runs it), and what it gathered. */
export interface Side {
  once(worker: number): Promise<void>;
  /** Every timed request's latency in ms, in completion order. */
  latencies: number[];
  /** Seconds spent in this side's slices. */
  seconds: number;
}

export function side(once: (worker: number) => Promise<void>): Side {
  return { once, latencies: [], seconds: 0 };
}

/** Runs `once` `concurrency` at a time for `ms`, adding each latency to `latencies`; returns the seconds it took. */
async function slice(target: Side, ms: number, concurrency: number): Promise<number> {
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await target.once(worker);
        target.latencies.push(performance.now() - t0);
      }
    }),
  );
  return (performance.now() - start) / 1000;
}

/**
 * Measures the sides in `slices` alternating slices of `totalMs / slices` each (the order reversed every
 * other slice), after `warmUp` requests each, so that every side sees the same load of a shared machine
 * and the same state of the JIT, rather than one side a quiet minute and the other a busy one.
 */
export async function alternate(sides: Side[], { totalMs, slices, concurrency, warmUp }: AlternateOptions): Promise<void> {
  for (const s of sides) for (let i = 0; i < warmUp; i++) await s.once(i % concurrency);
  for (let i = 0; i < slices; i++) {
    for (const s of i % 2 ? [...sides].reverse() : sides) s.seconds += await slice(s, totalMs / slices, concurrency);
  }
}

export interface AlternateOptions {
  totalMs: number;
  slices: number;
  concurrency: number;
  warmUp: number;
}

/** Requests per second over a side's slices. */
export function rateOf(s: Side): number {
  return s.latencies.length / s.seconds;
}
