import type { Db } from './open';
import { storageHealthFor } from './storage-health';

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
 */
export function createGroupCommit(db: Db) {
  let open = false;
  let waiting: ((err?: unknown) => void)[] = [];

  function commit(): void {
    if (!open) return;
    open = false;
    const batch = waiting;
    waiting = [];
    let failure: unknown;
    if (!db.inTransaction) {
      // SQLite rolled the whole turn back by itself: it does so only for a full disk, an I/O
      // error or no memory. Every writer of the turn is told, none is answered "stored".
      failure = Object.assign(new Error("the store rolled back this turn's writes: the disk is full or failing"), {
        code: 'SQLITE_FULL',
      });
      storageHealthFor(db).failed(failure);
      for (const settle of batch) settle(failure);
      return;
    }
    try {
      db.exec('COMMIT');
      storageHealthFor(db).succeeded();
    } catch (err) {
      failure = err;
      storageHealthFor(db).failed(err);
      if (db.inTransaction) db.exec('ROLLBACK');
    }
    for (const settle of batch) settle(failure);
  }

  return {
    /** Opens this turn's transaction, or joins the one already open. */
    join(): void {
      if (open || db.inTransaction) return;
      db.exec('BEGIN IMMEDIATE');
      open = true;
      setImmediate(commit);
    },
    /** Settles once what was written so far is committed (at once if nothing is pending). */
    committed(): Promise<void> {
      if (!open) return Promise.resolve();
      return new Promise((resolve, reject) => waiting.push((err) => (err ? reject(err) : resolve())));
    },
    /** Commits now (before the store closes). */
    flush: commit,
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
