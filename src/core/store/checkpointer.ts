import { startWorker } from '../worker';
import type { Db } from './open';

/**
 * Checkpoints off the request thread. SQLite copies the WAL back into the database file
 * after a commit that leaves the WAL past `wal_autocheckpoint` frames (1,000 by default, 4
 * MiB), in that commit, with a sync of the file: a 10,000-event burst appends ~60 MiB to
 * the WAL, so the thread that answers requests and sends deliveries stopped about 15 times
 * for it. Here a thread of its own (`checkpointer-thread.ts`) does that copy on its own
 * connection, and this connection's threshold is raised to `BACKSTOP_FRAMES`: it checkpoints
 * by itself again only when the thread falls that far behind or the WAL has not restarted
 * (a writer restarts it only once everything in it was copied), so the WAL stays bounded.
 * Until the thread is ready, and again if it stops, the default threshold holds.
 */
export const BACKSTOP_FRAMES = 8192;
/** SQLite's own threshold (frames), used while no checkpointer thread runs. */
export const DEFAULT_FRAMES = 1000;
/** A WAL left longer than this by a burst is cut back to it when it restarts. */
export const WAL_SIZE_LIMIT = 16 * 1024 * 1024;
/** How often the thread looks while the WAL grows (ms), and while it does not. */
export const BUSY_MS = 50;
export const IDLE_MS = 500;
/** After a checkpoint the disk refused (full, failing), the next try (ms). */
export const RETRY_MS = 1000;
/** How long closing waits for the thread to close its connection before stopping it. */
const CLOSE_TIMEOUT_MS = 5000;

export interface CheckpointerData {
  path: string;
  nativeBinding?: string;
  busyMs: number;
  idleMs: number;
  retryMs: number;
}
export type CheckpointerRequest = { type: 'close' };
export type CheckpointerReply =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'trouble'; message: string }
  | { type: 'recovered' };

/** Beside this file from source, beside the bundle's entry when bundled (a variable: bundlers leave it). */
const THREAD_NAME = import.meta.url.endsWith('.ts') ? './checkpointer-thread.ts' : './checkpointer-thread.mjs';
const DEFAULT_THREAD_URL = new URL(THREAD_NAME, import.meta.url);

export interface Checkpointer {
  /** Settles true once the thread checkpoints (and this connection no longer does), false if it never will. */
  readonly ready: Promise<boolean>;
  /** Ends the thread after it closed its connection; this connection checkpoints by itself again. */
  close(): Promise<void>;
}

export function startCheckpointer(
  db: Db,
  opts: {
    path: string;
    nativeBinding?: string;
    /** Told when the thread cannot start or stops, or the disk refuses its checkpoints (once a streak). */
    onProblem?: (message: string) => void;
    threadUrl?: URL;
    busyMs?: number;
    idleMs?: number;
    retryMs?: number;
  },
): Checkpointer {
  const data: CheckpointerData = {
    path: opts.path,
    nativeBinding: opts.nativeBinding,
    busyMs: opts.busyMs ?? BUSY_MS,
    idleMs: opts.idleMs ?? IDLE_MS,
    retryMs: opts.retryMs ?? RETRY_MS,
  };
  const worker = startWorker(opts.threadUrl ?? DEFAULT_THREAD_URL, { workerData: data });
  worker.unref();
  let closing = false;
  let gone = false;
  let settle!: (ok: boolean) => void;
  const ready = new Promise<boolean>((resolve) => (settle = resolve));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  /** This connection checkpoints by itself again (the thread is gone or never came). */
  function takeBack(message: string | null): void {
    if (gone) return;
    gone = true;
    settle(false);
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_FRAMES}`);
    if (message && !closing) opts.onProblem?.(`${message}; the store checkpoints on the main thread`);
  }

  worker.on('message', (m: CheckpointerReply) => {
    switch (m.type) {
      case 'ready':
        if (closing || !db.open) return;
        db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
        db.pragma(`wal_autocheckpoint = ${BACKSTOP_FRAMES}`);
        settle(true);
        return;
      case 'failed':
        takeBack(`the checkpointer thread could not open the store: ${m.message}`);
        return;
      case 'trouble':
        opts.onProblem?.(`checkpoints are failing (the WAL keeps every write meanwhile): ${m.message}`);
        return;
      case 'recovered':
        opts.onProblem?.('checkpoints work again');
    }
  });
  worker.on('error', (err) => takeBack(`the checkpointer thread failed: ${err.message}`));
  worker.on('exit', (code) => takeBack(closing ? null : `the checkpointer thread exited (code ${code})`));

  return {
    ready,
    async close() {
      if (closing) return exited;
      closing = true;
      // Until it has closed its connection, the thread keeps the process alive.
      worker.ref();
      worker.postMessage({ type: 'close' } satisfies CheckpointerRequest);
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), CLOSE_TIMEOUT_MS).unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') await worker.terminate();
      await exited;
    },
  };
}
