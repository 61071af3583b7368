import type { Db } from '../store/open';
import type { GroupCommit } from '../store/group-commit';
import { storageHealthFor } from '../store/storage-health';
import type { CaptureJournal } from './capture-journal';
import type { CaptureOutcome, NewCapture } from './captures-repo';

export interface CaptureBatchesOptions {
  journal: CaptureJournal;
  /** The store's group commit: a batch that joins its transaction settles the journal once it commits. */
  commits?: GroupCommit;
  /** Stores one capture, with its outcome when known; a capture stored already is left as it is (false). */
  store(c: NewCapture, outcome: CaptureOutcome | null): boolean;
  /** After a batch is written (in its transaction): how many captures it held. */
  stored?(count: number): void;
  /** A batch's transaction rolled back after it was written (what was remembered of it is wrong). */
  rolledBack?(): void;
  /** Most captures waiting for their batch; past it they are stored at once. */
  maxPending?: number;
  /** Most body bytes waiting for their batch (memory); past it they are stored at once. */
  maxPendingBytes?: number;
}

/**
 * The inbox's captures between the journal and SQLite. `accept` appends a capture to the journal
 * (durable once its promise settles: its sender may be answered) and keeps it in memory; a
 * capture the journal refuses is forgotten (its sender hears of it). `flush` writes every waiting
 * capture in one transaction (or the group's open one), each with its outcome if `outcome` said
 * it by then, and empties the journal once that has committed. A batch whose commit fails leaves
 * the journal as it is, and the next batch stores what it holds again (`store` ignores what is
 * already there), as the first batch after a start does (`recover`).
 */
export function createCaptureBatches(db: Db, opts: CaptureBatchesOptions) {
  const { journal } = opts;
  const maxPending = opts.maxPending ?? 500;
  const maxPendingBytes = opts.maxPendingBytes ?? 16 * 1024 * 1024;
  /** Accepted captures not yet in SQLite, in arrival order; the outcome once known. */
  let pending = new Map<string, { c: NewCapture; outcome: CaptureOutcome | null }>();
  let pendingBytes = 0;
  /** The journal holds captures SQLite may not (a failed commit, a start): the next batch takes them from it. */
  let replay = false;

  /** Writes a batch, and what the journal holds besides when replaying; how many of those it stored. */
  const write = db.transaction((batch: typeof pending, fromJournal: NewCapture[]): number => {
    let replayed = 0;
    for (const c of fromJournal) if (!batch.has(c.captureId) && opts.store(c, null)) replayed++;
    for (const { c, outcome } of batch.values()) opts.store(c, outcome);
    opts.stored?.(batch.size + replayed);
    return replayed;
  });

  /**
   * Throws what the store refuses: the captures then still wait, and the journal keeps them.
   * Returns how many captures it took from the journal (replaying).
   */
  function flush(): number {
    // What the journal holds first: a capture it refuses is not stored here either.
    journal.write();
    if (pending.size === 0 && !replay) return 0;
    const batch = pending;
    const mark = journal.end;
    const replayed = write(batch, replay ? journal.read() : []);
    pending = new Map();
    pendingBytes = 0;
    replay = false;
    if (!db.inTransaction) journal.settle(mark);
    else if (opts.commits) {
      opts.commits.afterCommit((err) => {
        if (!err) return journal.settle(mark);
        replay = true;
        opts.rolledBack?.();
      });
    }
    // Inside a transaction that is not the group's: the journal stays until a later batch settles it.
    return replayed;
  }

  return {
    /**
     * Durable once the promise resolves (journaled, with the others of this turn); it rejects with
     * what the disk refuses, never with what the store does.
     */
    accept(c: NewCapture): Promise<void> {
      const written = journal.append(c, () => {
        if (pending.get(c.captureId)?.c !== c) return;
        pending.delete(c.captureId);
        pendingBytes -= c.body.length;
      });
      pending.set(c.captureId, { c, outcome: null });
      pendingBytes += c.body.length;
      if (pending.size < maxPending && pendingBytes < maxPendingBytes) return written;
      try {
        flush();
      } catch (err) {
        // Journaled all the same: the store's refusal is reported, not its sender's.
        storageHealthFor(db).failed(err);
      }
      return written;
    },
    /** A waiting capture's outcome: its batch stores both in one row. False if it is not waiting. */
    outcome(captureId: string, o: CaptureOutcome): boolean {
      const waiting = pending.get(captureId);
      if (waiting) waiting.outcome = o;
      return waiting !== undefined;
    },
    flush(): void {
      flush();
    },
    /** Before a read: everything accepted is in SQLite (a store refusing it is reported; the read answers with what is). */
    caughtUp(): void {
      try {
        flush();
      } catch (err) {
        storageHealthFor(db).failed(err);
      }
    },
    /** At start: stores what a studio that stopped left in the journal; how many it had not stored. */
    recover(): number {
      if (journal.end === 0) return 0;
      replay = true;
      return flush();
    },
    /** Captures accepted and not yet in SQLite. */
    get pending(): number {
      return pending.size;
    },
  };
}
export type CaptureBatches = ReturnType<typeof createCaptureBatches>;
