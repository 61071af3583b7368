import type { Clock } from '../deps';
import type { Db } from '../store/open';

/** Longest single jump of the simulated clock: one year. */
export const MAX_ADVANCE_MS = 366 * 24 * 3600 * 1000;

/**
 * The studio clock: the real clock plus a stored offset that `advance-time` moves
 * forward; `reset` takes it back to real time. It is the one clock the studio stamps its
 * data with (events, deliveries and their retries, wakeups, notifications, schedules,
 * agent state); the real clock is kept for what measures the real world (durations,
 * signature timestamps a handler checks against its own clock, when a request reached
 * the studio). The offset is read once and kept in memory (this process is the only writer).
 */
export function createStudioClock(db: Db, real: Clock) {
  const read = db.prepare<[], { offset_ms: number }>('SELECT offset_ms FROM studio_clock WHERE id = 1');
  const write = db.prepare('UPDATE studio_clock SET offset_ms = ? WHERE id = 1');
  let offset = read.get()?.offset_ms ?? 0;
  const listeners = new Set<(now: Date) => void>();
  function notify(now: Date): void {
    for (const cb of listeners) {
      try {
        cb(now);
      } catch {
        /* a listener's failure must not undo the move */
      }
    }
  }
  return {
    offsetMs: () => offset,
    now: (): Date => new Date(real.now().getTime() + offset),
    /** Moves the clock forward by `ms` (0..MAX_ADVANCE_MS) and returns the new time. */
    advance(ms: number): Date {
      if (!Number.isFinite(ms) || ms < 0 || ms > MAX_ADVANCE_MS) throw new RangeError(`cannot advance by ${ms} ms`);
      const next = offset + Math.round(ms);
      write.run(next);
      offset = next;
      const now = new Date(real.now().getTime() + offset);
      notify(now);
      return now;
    },
    /** Called after every advance or reset (the dispatcher and the schedules look at what came due). */
    onAdvance(cb: (now: Date) => void): () => void {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    /** Back to real time (offset 0); wakeups already run stay run. */
    reset(): Date {
      write.run(0);
      offset = 0;
      const now = real.now();
      notify(now);
      return now;
    },
  };
}
export type StudioClock = ReturnType<typeof createStudioClock>;
