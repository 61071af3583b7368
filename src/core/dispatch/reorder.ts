/**
 * The "reorder" failure injection: deliveries of one endpoint are held until `window` of
 * them are waiting (or REORDER_FLUSH_MS passed) and then released in shuffled order.
 */
export const REORDER_FLUSH_MS = 250;

export function createReorderBuffer<T>(opts: {
  keyOf: (job: T) => string;
  shuffle: (jobs: T[]) => T[];
  release: (jobs: T[]) => void;
}) {
  const held = new Map<string, { jobs: T[]; timer: NodeJS.Timeout }>();
  let count = 0;

  function release(key: string): void {
    const h = held.get(key);
    if (!h) return;
    clearTimeout(h.timer);
    held.delete(key);
    count -= h.jobs.length;
    opts.release(opts.shuffle(h.jobs));
  }

  return {
    hold(job: T, window: number): void {
      const key = opts.keyOf(job);
      let h = held.get(key);
      if (!h) {
        h = { jobs: [], timer: setTimeout(() => release(key), REORDER_FLUSH_MS) };
        held.set(key, h);
      }
      h.jobs.push(job);
      count++;
      if (h.jobs.length >= window) release(key);
    },
    /** Takes one held job out; true when it was held. */
    remove(pred: (job: T) => boolean): boolean {
      for (const [key, h] of held) {
        const i = h.jobs.findIndex(pred);
        if (i < 0) continue;
        h.jobs.splice(i, 1);
        count--;
        if (h.jobs.length === 0) {
          clearTimeout(h.timer);
          held.delete(key);
        }
        return true;
      }
      return false;
    },
    keys: () => [...held.keys()],
    /** Drops everything held (shutdown: the rows stay claimed and are reset). */
    clear(): void {
      for (const h of held.values()) clearTimeout(h.timer);
      held.clear();
      count = 0;
    },
    get count() {
      return count;
    },
  };
}
