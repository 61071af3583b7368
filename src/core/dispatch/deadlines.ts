/**
 * Deadlines of the requests in flight, watched by one timer for all of them. A burst
 * otherwise arms and clears one (10 s) timer per request: a Timeout object, a timer-list
 * insertion and removal each time. Requests with the same timeout expire in the order they
 * started, so each length keeps its requests in start order and only the first one of each
 * list is looked at.
 */
export interface Deadlines {
  /** Calls `expire` once `ms` have passed, unless the returned function is called first. */
  watch(ms: number, expire: () => void): () => void;
  /** Requests watched now (for tests). */
  readonly size: number;
  /** Drops every deadline (nothing expires). */
  clear(): void;
}

interface Entry {
  at: number;
  expire: () => void;
}

export interface DeadlineTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const nodeTimers: DeadlineTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export function createDeadlines(
  now: () => number = () => performance.now(),
  timers: DeadlineTimers = nodeTimers,
): Deadlines {
  /** Per timeout length, in start order (a Set iterates in insertion order). */
  const lists = new Map<number, Set<Entry>>();
  let size = 0;
  let timer: unknown = null;
  let timerAt = Infinity;

  function arm(at: number, t: number): void {
    if (timer !== null) timers.clearTimeout(timer);
    timerAt = at;
    // Node's timers run on a millisecond clock and may fire a fraction early: never 0.
    timer = timers.setTimeout(fire, Math.max(1, Math.ceil(at - t)));
  }

  function disarm(): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    timerAt = Infinity;
  }

  function fire(): void {
    timer = null;
    timerAt = Infinity;
    const t = now();
    const due: Entry[] = [];
    let next = Infinity;
    for (const [ms, list] of lists) {
      for (const e of list) {
        if (e.at > t) {
          next = Math.min(next, e.at);
          break;
        }
        list.delete(e);
        size--;
        due.push(e);
      }
      if (list.size === 0) lists.delete(ms);
    }
    if (next < Infinity) arm(next, t);
    for (const e of due) e.expire();
  }

  return {
    watch(ms, expire) {
      const t = now();
      const e: Entry = { at: t + ms, expire };
      let list = lists.get(ms);
      if (!list) lists.set(ms, (list = new Set()));
      list.add(e);
      size++;
      if (e.at < timerAt) arm(e.at, t);
      return () => {
        if (!list.delete(e)) return;
        size--;
        if (list.size === 0 && lists.get(ms) === list) lists.delete(ms);
        // Nothing left to watch: no timer keeps the process up (one came back each request before).
        if (size === 0) disarm();
      };
    },
    get size() {
      return size;
    },
    clear() {
      for (const list of lists.values()) list.clear();
      lists.clear();
      size = 0;
      disarm();
    },
  };
}
