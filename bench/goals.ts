/** A goal beside a benchmark line: the text printed and whether this run met it. */
export interface Goal {
  text: string;
  met: (ratio: number, project: number) => boolean;
}

/** project/baseline at least `ratio` (rates: requests or rows per second). */
export const atLeast = (ratio: number): Goal => ({ text: `≥ ${ratio}×`, met: (r) => r >= ratio });

/** project/baseline at most `ratio` (times: ms, p99). */
export const atMost = (ratio: number): Goal => ({ text: `≤ ${ratio}×`, met: (r) => r <= ratio });

/** The project's own figure at most `limit` (absolute budgets, e.g. ms on this machine). */
export const below = (limit: number, unit: string): Goal => ({ text: `≤ ${limit} ${unit}`, met: (_r, p) => p <= limit });
