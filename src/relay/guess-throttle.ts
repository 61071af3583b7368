/**
 * Slows token guessing per remote address: after a refused token, that address must wait
 * `baseMs`, doubled with each further refusal (capped at `capMs`) before another attempt
 * is even compared; attempts made while waiting are refused unread (429) and do not
 * reset the wait. A right token clears the address. Pure: the clock is injected.
 */
export interface GuessThrottle {
  /** Milliseconds `addr` must still wait before it may try a token (0: it may). */
  waitFor(addr: string): number;
  /** A wrong token from `addr`. */
  failed(addr: string): void;
  /** The right token from `addr`. */
  succeeded(addr: string): void;
  /** An attempt refused unread because its address was still waiting. */
  tooSoon(): void;
  /** Attempts refused since start: wrong tokens and attempts made while slowed down. */
  readonly refused: number;
  /** Addresses being slowed down now. */
  readonly slowed: number;
}

export const GUESS_DEFAULTS = { baseMs: 250, capMs: 60_000, maxAddresses: 10_000 } as const;

interface Entry {
  failures: number;
  until: number;
}

export function createGuessThrottle(
  now: () => number,
  opts: { baseMs?: number; capMs?: number; maxAddresses?: number } = {},
): GuessThrottle {
  const { baseMs, capMs, maxAddresses } = { ...GUESS_DEFAULTS, ...opts };
  const entries = new Map<string, Entry>();
  let refused = 0;

  /** Forget addresses that have been quiet for twice the cap (and the oldest, past the bound). */
  function prune(t: number): void {
    for (const [addr, e] of entries) {
      if (t - e.until > capMs * 2) entries.delete(addr);
    }
    while (entries.size >= maxAddresses) entries.delete(entries.keys().next().value as string);
  }

  return {
    waitFor(addr) {
      const e = entries.get(addr);
      return e ? Math.max(0, e.until - now()) : 0;
    },
    failed(addr) {
      const t = now();
      refused++;
      let e = entries.get(addr);
      if (!e) {
        if (entries.size >= maxAddresses / 2) prune(t);
        e = { failures: 0, until: t };
      }
      entries.delete(addr); // re-inserted last: Map order is least recently refused first
      e.failures++;
      e.until = t + Math.min(capMs, baseMs * 2 ** Math.min(e.failures - 1, 30));
      entries.set(addr, e);
    },
    succeeded(addr) {
      entries.delete(addr);
    },
    tooSoon() {
      refused++;
    },
    get refused() {
      return refused;
    },
    get slowed() {
      const t = now();
      let n = 0;
      for (const e of entries.values()) if (e.until > t) n++;
      return n;
    },
  };
}
