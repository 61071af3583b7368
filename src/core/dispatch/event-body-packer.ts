import { addDictionary, currentDictionary, DICTIONARY_BYTES, packBody, trainDictionary } from '../store/event-bodies';
import type { Db } from '../store/open';
import { createQuietLoop } from '../store/quiet-loop';

/**
 * Packs fired events' bodies at rest, off the delivery path (issue 17, migration 018). A burst
 * stores each event as it was fired; while the studio is quiet (no new event since the last look)
 * this packer deflates them, a batch per turn, against a dictionary trained on the store's own
 * bodies (src/core/store/event-bodies.ts).
 *
 * A batch rewrites its range of `events` rows: it deletes them and inserts them again, packed.
 * Updating the body in place was measured to keep the file as large as before (a page whose rows
 * shrink from ~700 to ~170 bytes stays where it is, three quarters empty, and appends never reuse
 * it: 78 MiB against 31 for 91,000 events); deleting the range frees its pages for the inserts.
 */
export interface EventBodyPackerOptions {
  /** Events per batch (one short transaction). */
  batch?: number;
  /** How often the packer looks for new events, in real milliseconds. */
  intervalMs?: number;
  /** How long the packer waits after a batch the store refused, in real milliseconds. */
  retryMs?: number;
  /** Events of bodies stored before a dictionary is trained from them. */
  trainAfter?: number;
  /** Studio clock, for `body_dictionaries.created_at`. */
  now: () => Date;
}

export interface EventBodyPacker {
  /** Events not looked at yet. */
  pending(): number;
  /** Packs up to `max` events, oldest first; returns how many it looked at. */
  packBatch(max: number): number;
  /** Packs everything pending, in one go (tests, benches). */
  catchUp(): void;
  start(): void;
  stop(): void;
}

interface EventRow {
  seq: number;
  body: Buffer | string;
  body_dict: number | null;
  [column: string]: unknown;
}

/** Most body bytes one batch packs (about 10 ms of deflate here). */
const BATCH_BYTES = 1024 * 1024;

/** Samples a dictionary is trained from: the newest stored bodies, a few of each type. */
const TRAIN_SAMPLES = 256;

export function createEventBodyPacker(db: Db, opts: EventBodyPackerOptions): EventBodyPacker {
  const batch = opts.batch ?? 200;
  const intervalMs = opts.intervalMs ?? 500;
  const trainAfter = opts.trainAfter ?? 64;
  const retryMs = opts.retryMs ?? 30_000;

  const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('events') as string[]).filter(
    (c) => c !== 'seq',
  );
  const lastSeq = db.prepare('SELECT last_seq FROM events_pack_progress WHERE id = 1').pluck();
  const newest = db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck();
  const sizes = db.prepare<[number, number]>(
    'SELECT seq, length(body) AS bytes FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const range = db.prepare<[number, number]>('SELECT * FROM events WHERE seq > ? AND seq <= ? ORDER BY seq');
  const remove = db.prepare('DELETE FROM events WHERE seq >= ? AND seq <= ?');
  const insert = db.prepare(
    `INSERT INTO events (seq, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`,
  );
  const advance = db.prepare('UPDATE events_pack_progress SET last_seq = ? WHERE id = 1');
  // The body search index reads the bodies of the attempts it has not indexed yet: it goes first,
  // so it reads them as stored (an unpacked body costs nothing, a packed one an inflate).
  const indexBehind = db
    .prepare(
      'SELECT (SELECT coalesce(max(seq), 0) FROM attempts) > (SELECT last_seq FROM attempts_fts_progress WHERE id = 1)',
    )
    .pluck();
  const samples = db.prepare<[number]>(
    // A body's first DICTIONARY_BYTES at most: no more can go into a dictionary.
    `SELECT event_type AS type, substr(body, 1, ${DICTIONARY_BYTES}) AS body FROM events
     WHERE body_dict IS NULL AND typeof(body) = 'blob' ORDER BY seq DESC LIMIT ?`,
  );

  /** The dictionary to pack with: trained once enough bodies are stored (its own commit). */
  const dictionary = (): { id: number; bytes: Buffer } | null => {
    const have = currentDictionary(db);
    if (have) return have;
    const sample = samples.all(TRAIN_SAMPLES) as { type: string; body: Buffer }[];
    if (sample.length < trainAfter) return null;
    return addDictionary(db, trainDictionary(sample), opts.now().toISOString());
  };

  const rewrite = db.transaction((rows: EventRow[], dict: { id: number; bytes: Buffer }): void => {
    remove.run(rows[0].seq, rows[rows.length - 1].seq);
    for (const row of rows) {
      if (row.body_dict === null && Buffer.isBuffer(row.body)) {
        const packed = packBody(row.body, dict.bytes);
        // A body deflate cannot shrink (tiny, or already compressed) stays as it was.
        if (packed.length < row.body.length) {
          row.body = packed;
          row.body_dict = dict.id;
        }
      }
      insert.run(row.seq, ...columns.map((c) => row[c]));
    }
    advance.run(rows[rows.length - 1].seq);
  });

  function packBatch(max: number): number {
    if (db.inTransaction) return 0; // never inside someone else's transaction
    const from = lastSeq.get() as number;
    if ((newest.get() as number) <= from) return 0;
    const dict = dictionary();
    if (!dict) return 0;
    // Up to `max` events, and up to BATCH_BYTES of bodies (at least one): a batch of 1 MiB events
    // would otherwise hold the event loop for seconds.
    const next = sizes.all(from, max) as { seq: number; bytes: number }[];
    if (!next.length) return 0;
    let bytes = 0;
    let last = next[0]!.seq;
    for (const e of next) {
      bytes += e.bytes;
      if (bytes > BATCH_BYTES && e.seq !== next[0]!.seq) break;
      last = e.seq;
    }
    const rows = range.all(from, last) as EventRow[];
    rewrite(rows, dict);
    return rows.length;
  }

  const pending = () => Math.max(0, (newest.get() as number) - (lastSeq.get() as number));

  // Only while quiet: a burst's events are packed once it is over (and indexed), never while it
  // runs. A batch the store refused (a full disk) rolled back whole; the next try waits `retryMs`
  // rather than re-reading a batch twice a second.
  const loop = createQuietLoop({
    newest: () => newest.get() as number,
    intervalMs,
    retryMs,
    step: (now, quiet) =>
      quiet &&
      now > (lastSeq.get() as number) &&
      !indexBehind.get() &&
      packBatch(batch) > 0 &&
      (lastSeq.get() as number) < now,
  });

  return {
    pending,
    packBatch,
    catchUp() {
      while (packBatch(5000) > 0);
    },
    start: loop.start,
    stop: loop.stop,
  };
}
