import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets its old generation grow past what survived the last full collection, in
 * percent. V8 picks a factor of its own, up to 4× for a heap as busy as a burst's, so garbage
 * promoted out of the young generation piles up before it is collected. At 20 %, a
 * 10,000-event `trigger --count` burst peaked at 144–152 MiB instead of 162–205 (0.86–0.90× on a
 * studio just started, 0.73–0.75× once warm), for about 5 % more CPU per delivery (1.01–1.18×,
 * median 1.05, over four A/B runs of bench/trigger-burst.ts; `SERVE_FLAGS` there measures other
 * V8 flags).
 */
export const HEAP_GROWING_PERCENT = 20;

/**
 * Sets V8's heap growing factor for this process (headless `serve`, before it compiles its bundle;
 * Electron's main process, before it starts the studio). V8 reads the flag each time it sizes the
 * heap after a full collection, so it applies from the next one on. V8 also hashes its flags into
 * a code cache: a cache made before the flag was set is rejected once it is set.
 */
export function leanHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
