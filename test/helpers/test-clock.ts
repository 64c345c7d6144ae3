import type { Clock } from '../../src/shared/clock.js';

/**
 * A clock that runs with real time plus an offset the test moves forward, so a test can let an invitation
 * or an access end expire instead of back-dating its row. `fixed` stops it at one instant.
 */
export class TestClock implements Clock {
  offsetMs = 0;
  fixed: Date | null = null;
  now = () => this.fixed ?? new Date(Date.now() + this.offsetMs);

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
