/**
 * The store's checkpointer thread: copies what the studio's commits appended to the WAL into
 * `studio.db` and syncs the file, on a connection of its own, so the thread that answers
 * requests and sends deliveries never stops for it (`checkpointer.ts` says when it may).
 *
 * PASSIVE checkpoints only: they take no lock a writer waits for and never wait themselves.
 * Often while there is something to copy, rarely while there is not.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointerReply, CheckpointerRequest, CheckpointerData } from './checkpointer';

const port = parentPort!;
const { path, nativeBinding, busyMs, idleMs, retryMs } = workerData as CheckpointerData;
const post = (m: CheckpointerReply) => port.postMessage(m);

let db: Database.Database | null = null;
let timer: NodeJS.Timeout | null = null;
let failing = false;
/** The WAL's length and how much of it was copied, at the last look. */
let last = { log: -1, checkpointed: -1 };

try {
  // The studio has created and migrated the file: this connection only checkpoints it.
  db = new Database(path, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  post({ type: 'ready' });
  timer = setTimeout(step, idleMs);
} catch (err) {
  post({ type: 'failed', message: (err as Error).message });
  port.close();
}

function step(): void {
  timer = null;
  if (!db) return;
  let wait = idleMs;
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    // The WAL moved since the last look (a burst is being stored) or is not all copied yet
    // (a reader kept some): look again soon.
    if (r.log !== last.log || r.checkpointed !== last.checkpointed || r.checkpointed < r.log) wait = busyMs;
    last = r;
    if (failing) post({ type: 'recovered' });
    failing = false;
  } catch (err) {
    // A full or failing disk: what was not copied stays in the WAL, safe; try again later.
    if (!failing) post({ type: 'trouble', message: (err as Error).message });
    failing = true;
    wait = retryMs;
  }
  timer = setTimeout(step, wait);
}

port.on('message', (m: CheckpointerRequest) => {
  if (m.type !== 'close') return;
  if (timer) clearTimeout(timer);
  timer = null;
  try {
    db?.close();
  } finally {
    db = null;
    port.close();
  }
});
