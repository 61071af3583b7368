import type { AttemptRow } from './attempts-repo';
import type { AttemptsRepo } from './attempts-repo';
import type { DeliveriesRepo, DeliveryOutcome } from './deliveries-repo';
import type { Db } from '../store/open';

/**
 * Batches attempt inserts and delivery updates: everything finished within FLUSH_DELAY_MS
 * is written in one transaction, then announced. An attempt is announced only
 * once it is stored. Bounded: a batch is written as soon as it holds MAX_BATCH results.
 */
export const MAX_BATCH = 500;
/** A result waits at most this long (ms) for others to share its transaction. */
export const FLUSH_DELAY_MS = 20;
/** After a failed write (a full disk, an I/O error), the batch is tried again this often (ms). */
export const RETRY_MS = 1000;

export interface StoredAttempt {
  row: AttemptRow & { seq: number };
}

export function createWriter(opts: {
  db: Db;
  attempts: AttemptsRepo;
  deliveries: DeliveriesRepo;
  /** Called after each committed batch with the attempts it stored. */
  onStored: (rows: (AttemptRow & { seq: number })[], outcomes: DeliveryOutcome[]) => void;
  /**
   * A batch could not be written (SQLITE_FULL, an I/O error): it stays in memory, whole, and
   * is written when the store takes it again. Called on the first failure of a streak; `null`
   * when writing works again.
   */
  onTrouble?: (err: Error | null) => void;
  retryMs?: number;
}) {
  let failing = false;
  let pending: { attempts: AttemptRow[]; outcome: DeliveryOutcome | null }[] = [];
  let scheduled: NodeJS.Timeout | null = null;
  let writes = 0;

  const tx = opts.db.transaction((batch: typeof pending) => {
    const stored: (AttemptRow & { seq: number })[] = [];
    for (const item of batch) {
      for (const a of item.attempts) {
        // The row itself takes its seq (no copy of 25 columns per attempt): it is the writer's now.
        const row = a as AttemptRow & { seq: number };
        row.seq = opts.attempts.insert(a);
        stored.push(row);
      }
      if (item.outcome) opts.deliveries.saveOutcome(item.outcome);
    }
    return stored;
  });

  function flush(): void {
    if (scheduled) clearTimeout(scheduled);
    scheduled = null;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    let stored: (AttemptRow & { seq: number })[];
    try {
      stored = tx(batch);
    } catch (err) {
      // Rolled back whole: keep every outcome (already sent, never to be sent again) and retry.
      pending = batch.concat(pending);
      if (!failing) opts.onTrouble?.(err as Error);
      failing = true;
      scheduled = setTimeout(flush, opts.retryMs ?? RETRY_MS);
      scheduled.unref?.();
      return;
    }
    if (failing) opts.onTrouble?.(null);
    failing = false;
    writes += stored.length + batch.length;
    opts.onStored(
      stored,
      batch.flatMap((b) => (b.outcome ? [b.outcome] : [])),
    );
  }

  return {
    push(item: { attempts: AttemptRow[]; outcome: DeliveryOutcome | null }): void {
      pending.push(item);
      if (pending.length >= MAX_BATCH && !failing) flush();
      else scheduled ??= setTimeout(flush, FLUSH_DELAY_MS);
    },
    flush,
    /** True while results wait in memory because the store refuses writes. */
    get failing() {
      return failing;
    },
    get empty() {
      return pending.length === 0;
    },
    /** Rows written so far (attempts + delivery updates), for the benchmark. */
    get writes() {
      return writes;
    },
  };
}
export type Writer = ReturnType<typeof createWriter>;
