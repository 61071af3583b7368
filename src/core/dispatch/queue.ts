/**
 * In-memory run queue with a global and a per-endpoint concurrency limit. Jobs of one
 * endpoint run in the order pushed; endpoints are served round-robin, so a slow or
 * hanging endpoint only ever holds its own slots (at most `perEndpoint` of them).
 */
export interface QueueLimits {
  global: number;
  perEndpoint: number;
}

interface Lane<T> {
  queued: T[];
  running: number;
}

export function createQueue<T>(opts: {
  keyOf: (job: T) => string;
  run: (job: T) => Promise<void>;
  limits: () => QueueLimits;
  /** After each job settles (the slot is free again). */
  onSettled?: (key: string) => void;
}) {
  const lanes = new Map<string, Lane<T>>();
  let running = 0;
  let queued = 0;

  const lane = (key: string): Lane<T> => {
    let l = lanes.get(key);
    if (!l) lanes.set(key, (l = { queued: [], running: 0 }));
    return l;
  };

  function start(key: string, l: Lane<T>, job: T): void {
    running++;
    l.running++;
    void opts
      .run(job)
      .catch(() => {
        /* run() records its own failures; a bug here must not stall the queue */
      })
      .finally(() => {
        running--;
        l.running--;
        if (l.running === 0 && l.queued.length === 0) lanes.delete(key);
        pump();
        opts.onSettled?.(key);
      });
  }

  function pump(): void {
    const { global, perEndpoint } = opts.limits();
    let progressed = true;
    while (running < global && queued > 0 && progressed) {
      progressed = false;
      for (const [key, l] of lanes) {
        if (running >= global) break;
        if (l.running >= perEndpoint || l.queued.length === 0) continue;
        const job = l.queued.shift()!;
        queued--;
        progressed = true;
        start(key, l, job);
      }
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
    /** Queued plus running jobs of one endpoint. */
    load(key: string): number {
      const l = lanes.get(key);
      return l ? l.queued.length + l.running : 0;
    },
    /** Endpoints holding at least `cap` queued-or-running jobs. */
    busyKeys(cap: number): string[] {
      return [...lanes].filter(([, l]) => l.queued.length + l.running >= cap).map(([k]) => k);
    },
    pump,
    get running() {
      return running;
    },
    get queued() {
      return queued;
    },
  };
}
export type Queue<T> = ReturnType<typeof createQueue<T>>;
