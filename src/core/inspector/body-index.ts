import { attemptBodySql } from '../dispatch/attempts-repo';
import type { Db } from '../store/open';
import { createQuietLoop } from '../store/quiet-loop';

/**
 * The body search index, filled off the delivery path (migration 013). Storing an attempt no
 * longer tokenises its bodies; this indexer does, in small batches while the studio is quiet
 * (no new attempt since its last look), or steadily when the backlog grows past `maxBacklog`.
 * Every body search first waits for `caughtUp()`, so a search always sees every attempt stored
 * before it. The index holds trigrams without positions (migration 014), one document per block
 * of `BLOCK` attempts (migration 021); `query.ts` checks the text itself in each block's attempts.
 */

/** `seq >> BLOCK_SHIFT` is an attempt's block (migration 021 writes it as `>> 2`, its triggers `* 4`). */
export const BLOCK_SHIFT = 2;
/** Attempts per document of the body index: block `b` holds seq `b * BLOCK` to `b * BLOCK + BLOCK - 1`. */
export const BLOCK = 1 << BLOCK_SHIFT;
export interface BodyIndexOptions {
  /** Rows per background batch (a batch is one short transaction). */
  batch?: number;
  /** How often the indexer looks for new attempts, in real milliseconds. */
  intervalMs?: number;
  /** Past this many unindexed attempts, index a batch per look even while attempts keep coming. */
  maxBacklog?: number;
  /** Rows a search's catch-up indexes per turn of the event loop (see `caughtUp`). */
  sliceRows?: number;
}

export interface BodyIndex {
  /** Attempts stored but not yet in the index. */
  pending(): number;
  /** Indexes up to `max` attempts, oldest first; returns how many. */
  indexBatch(max: number): number;
  /** Indexes everything pending, in one go (tests, benches). */
  catchUp(): void;
  /**
   * Resolves once every attempt stored before the call is indexed (before a body search). A
   * backlog of up to `sliceRows` is indexed at once; a larger one (after a burst of 100,000
   * events the background indexer may be tens of thousands behind) in slices of `sliceRows`, one
   * per turn of the event loop, so deliveries, the API and the UI keep going while a search
   * waits. Searches made meanwhile share the same catch-up. Rejects if the store refuses to write.
   */
  caughtUp(): Promise<void>;
  start(): void;
  stop(): void;
}

export function createBodyIndex(db: Db, opts: BodyIndexOptions = {}): BodyIndex {
  const batch = opts.batch ?? 200;
  const intervalMs = opts.intervalMs ?? 250;
  const maxBacklog = opts.maxBacklog ?? 2_000;
  const sliceRows = opts.sliceRows ?? 1_000;
  const lastSeq = db.prepare('SELECT last_seq FROM attempts_fts_progress WHERE id = 1').pluck();
  const newest = db.prepare('SELECT coalesce(max(seq), 0) FROM attempts').pluck();
  /** The next `max` attempts after a seq: how many, and the last one's seq. */
  const ahead = db.prepare(
    'SELECT count(*) AS n, max(seq) AS upTo FROM (SELECT seq FROM attempts WHERE seq > ? ORDER BY seq LIMIT ?)',
  );
  const clear = db.prepare('DELETE FROM attempts_fts WHERE rowid = ?');
  // Blocks from the one holding `from` (whole: its first attempts again if it was indexed in part).
  const fill = db.prepare(
    `INSERT INTO attempts_fts(rowid, request_body, response_body)
       SELECT a.seq >> ${BLOCK_SHIFT}, group_concat(CAST(${attemptBodySql('a')} AS TEXT), char(10)),
         group_concat(a.response_body, char(10))
       FROM attempts a WHERE a.seq >= ? AND a.seq <= ? GROUP BY a.seq >> ${BLOCK_SHIFT}`,
  );
  const advance = db.prepare('UPDATE attempts_fts_progress SET last_seq = ? WHERE id = 1');

  const indexBatch = db.transaction((max: number): number => {
    const from = lastSeq.get() as number;
    const { n, upTo } = ahead.get(from, max) as { n: number; upTo: number | null };
    if (upTo === null) return 0;
    const first = Math.floor((from + 1) / BLOCK);
    if ((from + 1) % BLOCK !== 0) clear.run(first); // indexed in part: indexed again, whole
    fill.run(first * BLOCK, upTo);
    advance.run(upTo);
    return n;
  });

  const pending = () => Math.max(0, (newest.get() as number) - (lastSeq.get() as number));

  // Indexes a batch per look while quiet, or steadily past `maxBacklog`; while quiet, batch after
  // batch. A full or failing disk: the index waits; searches catch up once writes succeed again.
  const loop = createQuietLoop({
    newest: () => newest.get() as number,
    intervalMs,
    step: (now, quiet) => {
      const backlog = now - (lastSeq.get() as number);
      if (backlog <= 0 || !(quiet || backlog > maxBacklog)) return false;
      indexBatch(batch);
      return quiet && backlog > batch;
    },
  });

  /** The catch-up under way: the seq it reaches, and its promise. */
  let running: { target: number; done: Promise<void> } | null = null;
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  async function catchUpTo(target: number): Promise<void> {
    while ((lastSeq.get() as number) < target) {
      if (indexBatch(sliceRows) === 0) return; // nothing left to index (rows deleted meanwhile)
      if ((lastSeq.get() as number) < target) await nextTurn();
    }
  }

  function caughtUp(): Promise<void> {
    const target = newest.get() as number;
    if ((lastSeq.get() as number) >= target) return Promise.resolve();
    if (running && running.target >= target) return running.done;
    // A small backlog (the usual one) is indexed right away: the search answers in the same turn.
    if (target - (lastSeq.get() as number) <= sliceRows) {
      try {
        indexBatch(sliceRows);
      } catch (err) {
        return Promise.reject(err);
      }
      if ((lastSeq.get() as number) >= target) return Promise.resolve();
    }
    const done = (running ? running.done.catch(() => {}) : Promise.resolve()).then(() => catchUpTo(target));
    const run = { target, done };
    running = run;
    const clear = () => {
      if (running === run) running = null;
    };
    done.then(clear, clear);
    return done;
  }

  return {
    pending,
    caughtUp,
    indexBatch: (max) => indexBatch(max),
    catchUp() {
      while (indexBatch(5000) > 0);
    },
    start: loop.start,
    stop: loop.stop,
  };
}
