/**
 * `npm run serve` and `npm start` run the studio at the end of a chain (npm → sh → node, or
 * → Electron). A signal to any link, or a link killed outright, must stop the studio too:
 * `sh` does not pass SIGTERM on, and a killed parent orphans its child. So the launching
 * script names the chain (`WEBHOOK_STUDIO_STOP_WITH`, comma-separated pids) and the studio
 * watches it: when one of those processes is gone, it stops as on SIGTERM.
 */
import { processAlive } from './runtime-file';

export const STOP_WITH_ENV = 'WEBHOOK_STUDIO_STOP_WITH';

export function parseStopWith(value: string | undefined): number[] {
  return (value ?? '')
    .split(',')
    .map((v) => Number(v.trim()))
    .filter((n) => Number.isInteger(n) && n > 1);
}

/** Calls `onGone` once, when one of `pids` has exited. Returns a stop function. */
export function watchLaunchers(
  pids: readonly number[],
  onGone: (pid: number) => void,
  opts: { everyMs?: number; isAlive?: (pid: number) => boolean } = {},
): () => void {
  if (!pids.length) return () => undefined;
  const isAlive = opts.isAlive ?? processAlive;
  const timer = setInterval(() => {
    const gone = pids.find((p) => !isAlive(p));
    if (gone === undefined) return;
    clearInterval(timer);
    onGone(gone);
  }, opts.everyMs ?? 300);
  timer.unref();
  return () => clearInterval(timer);
}
