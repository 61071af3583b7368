import type { Db } from './open';
import { storageHealthFor } from './storage-health';

/** How long (ms) a write nobody waits for (`later`) waits for a turn to join before it opens its own. */
export const LATER_MAX_DELAY_MS = 20;
/** Most writes that wait for a turn; past it (a store refusing every turn) the oldest are dropped. */
export const MAX_LATER = 10_000;

/**
 * Group commit: the writes of the API requests handled in one event-loop turn share one
 * transaction, committed at the end of that turn (`setImmediate`). Each such request's
 * answer waits for the commit, so nothing is answered before it is stored; the store pays
 * one commit per turn instead of one per request.
 *
 * Statements are atomic on their own and multi-statement writes use `db.transaction`
 * (a savepoint inside this one), so a request that fails half-way leaves nothing behind.
 * Other writes made in the same turn (the dispatcher's, the UI's) join the transaction and
 * are committed with it.
 *
 * Writes nobody waits for (`later`: the inbox's outcome of a forward, stored after its
 * answer left) do not open a transaction of their own: they run just before the next
 * commit, whoever's turn it is, or within `laterMaxDelayMs` in a turn of their own.
 */
export function createGroupCommit(db: Db, opts: { laterMaxDelayMs?: number } = {}) {
  const laterMaxDelayMs = opts.laterMaxDelayMs ?? LATER_MAX_DELAY_MS;
  let open = false;
  let waiting: ((err?: unknown) => void)[] = [];
  let later: (() => void)[] = [];
  /** Told how the open transaction ended (`afterCommit`). */
  let after: ((err?: unknown) => void)[] = [];
  let laterTimer: NodeJS.Timeout | null = null;
  // Rows changed by the open turn: a turn whose only write the disk refused (the statement rolled
  // back alone, the transaction kept) commits nothing, which says nothing about the disk.
  const totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  let changesAtBegin = 0;

  function join(): void {
    if (open || db.inTransaction) return;
    db.exec('BEGIN IMMEDIATE');
    changesAtBegin = totalChanges.get()!;
    open = true;
    setImmediate(commit);
  }

  /** Runs the writes nobody waits for inside the open transaction (theirs to report errors). */
  function runLater(): void {
    const writes = later;
    later = [];
    for (const write of writes) {
      try {
        write();
      } catch (err) {
        storageHealthFor(db).failed(err);
      }
    }
  }

  function armLater(): void {
    if (laterTimer || later.length === 0) return;
    laterTimer = setTimeout(() => {
      laterTimer = null;
      if (later.length === 0 || open) return; // taken by a turn meanwhile, or about to be
      if (!db.open) {
        later = []; // the store closed (what was flushed before it is stored)
        return;
      }
      try {
        join();
      } catch (err) {
        storageHealthFor(db).failed(err);
      }
      if (!open) armLater(); // someone else's explicit transaction is open (or BEGIN failed): try again later
    }, laterMaxDelayMs);
    laterTimer.unref?.();
  }

  function commit(): void {
    if (!open) return;
    open = false;
    if (later.length > 0 && db.inTransaction) runLater();
    const batch = after.length ? waiting.concat(after) : waiting;
    waiting = [];
    if (after.length) after = [];
    let failure: unknown;
    if (!db.inTransaction) {
      // SQLite rolled the whole turn back by itself: it does so only for a full disk, an I/O
      // error or no memory. Every writer of the turn is told, none is answered "stored".
      failure = Object.assign(new Error("the store rolled back this turn's writes: the disk is full or failing"), {
        code: 'SQLITE_FULL',
      });
      storageHealthFor(db).failed(failure);
      for (const settle of batch) settle(failure);
      armLater();
      return;
    }
    try {
      const wrote = totalChanges.get()! > changesAtBegin;
      db.exec('COMMIT');
      if (wrote) storageHealthFor(db).succeeded();
    } catch (err) {
      failure = err;
      storageHealthFor(db).failed(err);
      if (db.inTransaction) db.exec('ROLLBACK');
    }
    for (const settle of batch) settle(failure);
  }

  return {
    /** Opens this turn's transaction, or joins the one already open. */
    join,
    /** Settles once what was written so far is committed (at once if nothing is pending). */
    committed(): Promise<void> {
      if (!open) return Promise.resolve();
      return new Promise((resolve, reject) => waiting.push((err) => (err ? reject(err) : resolve())));
    },
    /**
     * A write nobody waits for: it runs inside the next transaction, just before it commits
     * (this turn's if one is open), at the latest `laterMaxDelayMs` from now. It reports its
     * own errors (one it throws is counted as a storage failure).
     */
    later(write: () => void): void {
      if (later.length >= MAX_LATER) later.shift();
      later.push(write);
      if (!open) armLater();
    },
    /**
     * Calls `done` once the transaction open now has committed (with the error if it did not):
     * at once when none is open. For writes made inside it that something else waits on (the
     * inbox journal is emptied only once its captures are committed).
     */
    afterCommit(done: (err?: unknown) => void): void {
      if (db.inTransaction) after.push(done);
      else done();
    },
    /** Commits now, writes waiting for a turn included (before the store closes). */
    flush(): void {
      if (later.length > 0) join();
      commit();
    },
  };
}
export type GroupCommit = ReturnType<typeof createGroupCommit>;

const shared = new WeakMap<Db, GroupCommit>();

/**
 * The one group commit of a connection: every writer that answers only once stored (the
 * API, the inbox) must share it, or one would answer before the other's turn commits.
 */
export function groupCommitFor(db: Db): GroupCommit {
  let commits = shared.get(db);
  if (!commits) {
    commits = createGroupCommit(db);
    shared.set(db, commits);
  }
  return commits;
}
