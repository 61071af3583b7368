/**
 * The in-memory run queue, fair to healthy endpoints whatever the others do.
 *
 * - Jobs of one URL (a lane) run in the order pushed, at most `perUrl` at a time; lanes
 *   are served round-robin.
 * - Lanes of one origin (scheme, host, port: one app) share `perOrigin` slots, so an app
 *   with many routes cannot take more than one app's share.
 * - The global limit counts only requests in their first `slowAfterMs`. A request still
 *   running after that is moved apart (it keeps its origin's slot), up to `maxSlow` of
 *   them, so hanging endpoints never hold the slots a healthy one needs: a healthy
 *   delivery waits at most `slowAfterMs` for a slot, then its own round trip.
 * - An origin whose requests keep timing out gets half as many slots per consecutive
 *   timeout (8, 4, 2, 1) until one of them is answered again; an origin with a slow or
 *   timed-out request waits while `maxSlow` requests are already apart.
 */
export interface QueueLimits {
  /** Requests in their first `slowAfterMs`, all endpoints together. */
  global: number;
  /** Requests at one URL (1 in in-order mode). */
  perUrl: number;
  /** Requests at one origin, all its URLs together (before the timeout penalty). */
  perOrigin: number;
}

export const FAIRNESS = { slowAfterMs: 50, maxSlow: 256 } as const;

/** What a finished job tells the queue about its endpoint. */
export type JobSignal = 'answered' | 'timeout' | undefined;

interface Origin {
  running: number;
  slow: number;
  /** Consecutive timed-out requests (0 once one is answered). */
  timeouts: number;
}

interface Lane<T> {
  queued: T[];
  running: number;
  origin: string;
}

interface Running {
  origin: Origin;
  startedAt: number;
  fast: boolean;
}

/** `scheme://host:port` of a URL (the URL itself when it does not parse). */
export function originOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return url;
  }
}

export function createQueue<T>(opts: {
  keyOf: (job: T) => string;
  run: (job: T) => Promise<JobSignal | void>;
  limits: () => QueueLimits;
  /** After each job settles (the slot is free again). */
  onSettled?: (key: string) => void;
  now?: () => number;
  fairness?: { slowAfterMs: number; maxSlow: number };
}) {
  const now = opts.now ?? (() => performance.now());
  const { slowAfterMs, maxSlow } = opts.fairness ?? FAIRNESS;
  const lanes = new Map<string, Lane<T>>();
  const origins = new Map<string, Origin>();
  /** Running requests still in their first `slowAfterMs`, oldest first. */
  let fastList: Running[] = [];
  let fast = 0;
  let slow = 0;
  let running = 0;
  let queued = 0;
  let wake: ReturnType<typeof setTimeout> | null = null;

  const lane = (key: string): Lane<T> => {
    let l = lanes.get(key);
    if (!l) lanes.set(key, (l = { queued: [], running: 0, origin: originOf(key) }));
    return l;
  };
  const originFor = (name: string): Origin => {
    let o = origins.get(name);
    if (!o) origins.set(name, (o = { running: 0, slow: 0, timeouts: 0 }));
    return o;
  };

  /** Moves requests past `slowAfterMs` out of the global count. */
  function promote(t: number): void {
    let i = 0;
    while (i < fastList.length && t - fastList[i].startedAt >= slowAfterMs) {
      const r = fastList[i++];
      if (!r.fast) continue; // settled while fast
      r.fast = false;
      fast--;
      slow++;
      r.origin.slow++;
    }
    if (i > 0) fastList = i === fastList.length ? [] : fastList.slice(i);
  }

  function start(key: string, l: Lane<T>, job: T): void {
    const origin = originFor(l.origin);
    const r: Running = { origin, startedAt: now(), fast: true };
    running++;
    fast++;
    l.running++;
    origin.running++;
    fastList.push(r);
    void opts
      .run(job)
      .catch(() => {
        /* run() records its own failures; a bug here must not stall the queue */
      })
      .then((signal) => {
        running--;
        l.running--;
        origin.running--;
        if (r.fast) {
          r.fast = false;
          fast--;
        } else {
          slow--;
          origin.slow--;
        }
        if (signal === 'timeout') origin.timeouts++;
        else if (signal === 'answered') origin.timeouts = 0;
        if (l.running === 0 && l.queued.length === 0) lanes.delete(key);
        if (origin.running === 0 && origin.timeouts === 0) origins.delete(l.origin);
        pump();
        opts.onSettled?.(key);
      });
  }

  function originRoom(name: string, perOrigin: number): boolean {
    const o = origins.get(name);
    if (!o) return true;
    const limit = Math.max(1, perOrigin >> Math.min(o.timeouts, 30));
    if (o.running >= limit) return false;
    // A struggling origin waits while the slow pool is full; healthy ones never do.
    return !((o.slow > 0 || o.timeouts > 0) && slow >= maxSlow);
  }

  function pump(): void {
    if (queued === 0) return;
    const t = now();
    promote(t);
    const { global, perUrl, perOrigin } = opts.limits();
    let progressed = true;
    while (fast < global && queued > 0 && progressed) {
      progressed = false;
      for (const [key, l] of lanes) {
        if (fast >= global) break;
        if (l.running >= perUrl || l.queued.length === 0 || !originRoom(l.origin, perOrigin)) continue;
        const job = l.queued.shift()!;
        queued--;
        progressed = true;
        start(key, l, job);
      }
    }
    // Full of requests that may hang: look again when the oldest stops counting.
    if (queued > 0 && fast >= global && fastList.length && !wake) {
      const due = Math.max(0, fastList[0].startedAt + slowAfterMs - t);
      wake = setTimeout(() => {
        wake = null;
        pump();
      }, due + 1);
      wake.unref?.();
    }
  }

  return {
    push(job: T): void {
      lane(opts.keyOf(job)).queued.push(job);
      queued++;
      pump();
    },
    /** Takes queued (not yet running) jobs out. */
    remove(pred: (job: T) => boolean): T[] {
      const out: T[] = [];
      for (const [key, l] of lanes) {
        const keep = l.queued.filter((j) => !(pred(j) && out.push(j)));
        queued -= l.queued.length - keep.length;
        l.queued = keep;
        if (l.running === 0 && keep.length === 0) lanes.delete(key);
      }
      return out;
    },
    /** Queued plus running jobs of one URL. */
    load(key: string): number {
      const l = lanes.get(key);
      return l ? l.queued.length + l.running : 0;
    },
    /** URLs holding at least `cap` queued-or-running jobs. */
    busyKeys(cap: number): string[] {
      return [...lanes].filter(([, l]) => l.queued.length + l.running >= cap).map(([k]) => k);
    },
    pump,
    close(): void {
      if (wake) clearTimeout(wake);
      wake = null;
    },
    get running() {
      return running;
    },
    get queued() {
      return queued;
    },
    /** Requests moved apart as slow (for the status line and tests). */
    get slow() {
      return slow;
    },
  };
}
export type Queue<T> = ReturnType<typeof createQueue<T>>;
