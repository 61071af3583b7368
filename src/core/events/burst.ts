import type { BurstProgress } from '../../shared/contract/events';
import type { Clock } from '../deps';
import type { Timers } from './timers';
import { storageProblem } from '../http/problem';

/** Progress is reported at least this often while a burst runs (4 per second). */
export const PROGRESS_INTERVAL_MS = 250;
/** Most events fired in one turn of the event loop, so the studio stays responsive. */
export const BURST_CHUNK = 250;
/** Longest a turn of the event loop may spend firing, ms (checked between events). */
export const BURST_SLICE_MS = 20;

export interface BurstOptions {
  burstId: string;
  eventType: string;
  count: number;
  /** Events per second; 0 or absent = as fast as `fireOne` takes them. */
  rate?: number;
  /** Fires the i-th event and says how many deliveries it made. Throwing stops the burst. */
  fireOne(index: number): { eventId?: string; deliveries: number };
  /**
   * Fires several at once, stored together (one transaction); when given, a slice fires in
   * groups sized to take about `BURST_SLICE_MS` each. Throwing stops the burst, none of the group fired.
   */
  fireMany?(indices: number[]): { eventId?: string; deliveries: number }[];
  /** The error that stopped the burst (the studio reports a full disk with it). */
  onError?: (err: unknown) => void;
  /** Put the ids fired since the previous report into each progress report. */
  reportIds?: boolean;
  clock: Clock;
  timers: Timers;
  onProgress(p: BurstProgress): void;
  progressIntervalMs?: number;
  chunk?: number;
}

export interface BurstHandle {
  id: string;
  cancel(): void;
  progress(): BurstProgress;
  /** Resolves with the final progress (done, cancelled or failed). */
  done: Promise<BurstProgress>;
}

/**
 * Fires `count` events at `rate` per second. Paced by the clock (not by counting timer
 * ticks), in chunks, yielding to the event loop between them, reporting progress every
 * `progressIntervalMs` and once at the end. Cancel stops before the next event.
 */
export function startBurst(o: BurstOptions): BurstHandle {
  const interval = o.progressIntervalMs ?? PROGRESS_INTERVAL_MS;
  const chunk = o.chunk ?? BURST_CHUNK;
  const rate = o.rate && o.rate > 0 ? o.rate : 0;
  const start = o.clock.now().getTime();
  let fired = 0;
  let deliveries = 0;
  let state: BurstProgress['state'] = 'running';
  let error: string | undefined;
  let cancelled = false;
  let timer: unknown = null;
  let lastEmit = -Infinity;
  let newIds: string[] = [];
  /** Events per group: one at a time without `fireMany`, else adapted so a group takes about one slice. */
  let group = o.fireMany ? Math.min(25, chunk) : 1;
  const fireGroup = o.fireMany ?? ((indices: number[]) => indices.map((i) => o.fireOne(i)));
  let resolveDone!: (p: BurstProgress) => void;
  const done = new Promise<BurstProgress>((r) => (resolveDone = r));

  const progress = (): BurstProgress => ({
    burstId: o.burstId,
    eventType: o.eventType,
    total: o.count,
    fired,
    deliveries,
    state,
    ...(error ? { error } : {}),
    elapsedMs: o.clock.now().getTime() - start,
  });

  const emit = () => {
    lastEmit = o.clock.now().getTime();
    const p = progress();
    if (o.reportIds) {
      p.eventIds = newIds;
      newIds = [];
    }
    o.onProgress(p);
  };

  const finish = (final: BurstProgress['state']) => {
    state = final;
    timer = null;
    emit();
    resolveDone(progress());
  };

  const tick = () => {
    timer = null;
    if (cancelled) return finish('cancelled');
    const elapsed = o.clock.now().getTime() - start;
    const due = rate ? Math.min(o.count, Math.floor((elapsed * rate) / 1000) + 1) : o.count;
    const target = Math.min(due, fired + chunk);
    const sliceEnd = o.clock.now().getTime() + BURST_SLICE_MS;
    try {
      while (fired < target && !cancelled) {
        const began = o.clock.now().getTime();
        const left = sliceEnd - began;
        if (left <= 0) break;
        // A group is sized to take a whole slice: started late in one, it would run on past its
        // end (a turn of up to two slices, the studio deaf meanwhile). Fire what fits in what is
        // left, or leave the rest of the slice alone when that is under a quarter of a group.
        const fits = o.fireMany ? Math.floor((group * left) / BURST_SLICE_MS) : 1;
        if (fits < Math.max(1, group / 4)) break;
        const n = Math.min(fits, target - fired);
        for (const r of fireGroup(Array.from({ length: n }, (_, k) => fired + k))) {
          deliveries += r.deliveries;
          if (o.reportIds && r.eventId) newIds.push(r.eventId);
        }
        fired += n;
        if (o.fireMany) {
          const took = o.clock.now().getTime() - began;
          group = Math.max(1, Math.min(chunk, Math.round((n * BURST_SLICE_MS) / Math.max(1, took))));
        }
      }
    } catch (err) {
      // A full disk is said as such (the CLI exits 5 on it), anything else as it came.
      const disk = storageProblem(err);
      error = disk ? disk.detail : (err as Error).message;
      o.onError?.(err);
      return finish('failed');
    }
    if (fired >= o.count) return finish('done');
    if (cancelled) return finish('cancelled');
    const now = o.clock.now().getTime();
    // Report two slices early rather than late, so timer and GC delays do not stretch a gap past the interval.
    if (now - lastEmit >= interval - 2 * BURST_SLICE_MS) emit();
    let wait = 0;
    if (rate && fired >= due) {
      const nextDueAt = start + Math.ceil((fired * 1000) / rate);
      wait = Math.max(0, Math.min(interval - 2 * BURST_SLICE_MS - (now - lastEmit), nextDueAt - now));
    }
    timer = o.timers.setTimeout(tick, wait);
  };

  emit();
  timer = o.timers.setTimeout(tick, 0);

  return {
    id: o.burstId,
    cancel() {
      if (state !== 'running' || cancelled) return;
      cancelled = true;
      if (timer !== null) {
        o.timers.clearTimeout(timer);
        finish('cancelled');
      }
    },
    progress,
    done,
  };
}
