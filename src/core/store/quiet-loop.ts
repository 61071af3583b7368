/**
 * Background work that runs while the studio is quiet (the body index, the body packer): every
 * `intervalMs` of real time it looks at a growing count (the newest row's seq) and calls `step`
 * with it and whether it has changed since the last look. A step returns true to be called again
 * at once (more to do, the event loop left free in between); a step that throws (a full or failing
 * disk) is looked at again after `retryMs`. The timer never keeps the process alive.
 */
export interface QuietLoop {
  start(): void;
  stop(): void;
}

export function createQuietLoop(opts: {
  newest: () => number;
  step: (newest: number, quiet: boolean) => boolean;
  intervalMs: number;
  retryMs?: number;
}): QuietLoop {
  let timer: NodeJS.Timeout | null = null;
  let seen = -1;
  const lookIn = (ms: number) => {
    timer = setTimeout(look, ms);
    timer.unref();
  };
  function look(): void {
    timer = null;
    let wait = opts.intervalMs;
    try {
      const now = opts.newest();
      const quiet = now === seen;
      seen = now;
      if (opts.step(now, quiet)) wait = 0;
    } catch {
      wait = opts.retryMs ?? opts.intervalMs;
    }
    lookIn(wait);
  }
  return {
    start() {
      if (!timer) look();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
