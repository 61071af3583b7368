import type { Clock } from '../deps';
import type { Db } from '../store/open';

/** Longest single jump of the simulated clock: one year. */
export const MAX_ADVANCE_MS = 366 * 24 * 3600 * 1000;

/**
 * The studio clock: the real clock plus a stored offset that `advance-time` moves
 * forward (never back); `reset` takes it back to real time. Wakeups are due against it.
 */
export function createStudioClock(db: Db, real: Clock) {
  const read = db.prepare<[], { offset_ms: number }>('SELECT offset_ms FROM studio_clock WHERE id = 1');
  const write = db.prepare('UPDATE studio_clock SET offset_ms = ? WHERE id = 1');
  const offsetMs = () => read.get()?.offset_ms ?? 0;
  return {
    offsetMs,
    now: (): Date => new Date(real.now().getTime() + offsetMs()),
    /** Moves the clock forward by `ms` (0..MAX_ADVANCE_MS) and returns the new time. */
    advance(ms: number): Date {
      if (!Number.isFinite(ms) || ms < 0 || ms > MAX_ADVANCE_MS) throw new RangeError(`cannot advance by ${ms} ms`);
      write.run(offsetMs() + Math.round(ms));
      return new Date(real.now().getTime() + offsetMs());
    },
    /** Back to real time (offset 0); wakeups already run stay run. */
    reset(): Date {
      write.run(0);
      return real.now();
    },
  };
}
export type StudioClock = ReturnType<typeof createStudioClock>;
