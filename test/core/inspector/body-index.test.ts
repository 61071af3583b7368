import { describe, expect, it, vi } from 'vitest';
import { BLOCK, createBodyIndex } from '../../../src/core/inspector/body-index';
import { listAttempts } from '../../../src/core/inspector/query';
import type { Db } from '../../../src/core/store/open';
import { seededDb, PROJECT } from '../../helpers/seed-attempts';

/** Stores attempts as the dispatcher does: a plain insert, nothing indexed. */
function store(db: Db, bodies: string[]): void {
  const insert = db.prepare(
    `INSERT INTO attempts (attempt_id, project_id, event_type, webhook_url, attempt_number, status, request_body,
       response_body, created_at) VALUES (?, ?, 'agent.message', 'http://localhost:3000/h', 1, 'success', ?, 'ok', ?)`,
  );
  const first = (db.prepare('SELECT count(*) FROM attempts').pluck().get() as number) + 1;
  db.transaction(() =>
    bodies.forEach((b, i) => insert.run(`att_${first + i}`, PROJECT, Buffer.from(b), '2026-01-01T00:00:00.000Z')),
  )();
}

const search = (db: Db, text: string) => listAttempts(db, { filter: { text } }).attempts.map((a) => a.attemptId);
const ftsIntact = (db: Db) => db.prepare("INSERT INTO attempts_fts(attempts_fts) VALUES ('integrity-check')").run();

describe('the body search index, filled off the delivery path', () => {
  it('leaves a stored attempt out of the index until it catches up, then finds it', () => {
    const db = seededDb();
    const index = createBodyIndex(db);
    store(db, ['{"text":"kyoto at dawn"}', '{"text":"osaka at noon"}']);
    expect(index.pending()).toBe(2);
    expect(search(db, 'kyoto')).toEqual([]); // storing did not index
    index.catchUp();
    expect(index.pending()).toBe(0);
    expect(search(db, 'kyoto')).toEqual(['att_1']);
    expect(search(db, 'AT ')).toEqual(['att_2', 'att_1']);
    ftsIntact(db);
  });

  it('indexes in batches, oldest first', () => {
    const db = seededDb();
    const index = createBodyIndex(db);
    store(
      db,
      Array.from({ length: 25 }, (_, i) => `{"n":"row-${i}"}`),
    );
    expect(index.indexBatch(10)).toBe(10);
    expect(index.pending()).toBe(15);
    expect(search(db, 'row-9"')).toEqual(['att_10']);
    expect(search(db, 'row-10"')).toEqual([]);
    expect(index.indexBatch(100)).toBe(15);
    expect(index.indexBatch(100)).toBe(0);
  });

  it('keeps the index whole when attempts are deleted or changed before or after being indexed', () => {
    const db = seededDb();
    const index = createBodyIndex(db);
    store(db, ['{"a":"indexed-then-deleted"}', '{"a":"indexed-then-changed"}']);
    index.catchUp();
    store(db, ['{"a":"deleted-unindexed"}', '{"a":"changed-unindexed"}']);
    db.prepare("DELETE FROM attempts WHERE attempt_id IN ('att_1', 'att_3')").run();
    db.prepare("UPDATE attempts SET request_body = ? WHERE attempt_id = 'att_2'").run(
      Buffer.from('{"a":"now-sunrise"}'),
    );
    db.prepare("UPDATE attempts SET request_body = ? WHERE attempt_id = 'att_4'").run(
      Buffer.from('{"a":"now-sunset"}'),
    );
    ftsIntact(db);
    index.catchUp();
    ftsIntact(db);
    expect(search(db, 'deleted')).toEqual([]);
    expect(search(db, 'changed')).toEqual([]);
    expect(search(db, 'sunrise')).toEqual(['att_2']);
    expect(search(db, 'sunset')).toEqual(['att_4']);
  });

  it('holds one document per block of four attempts; a block indexed in part is indexed again, whole', () => {
    const db = seededDb();
    const index = createBodyIndex(db);
    store(
      db,
      Array.from({ length: 21 }, (_, i) => `{"n":"item-${i}","w":"${i % 2 ? 'odd' : 'even'}"}`),
    );
    expect(BLOCK).toBe(4);
    expect(index.indexBatch(10)).toBe(10); // seqs 1–10: blocks 0 (1–3), 1 (4–7), and 2 in part (8–10)
    expect(index.indexBatch(100)).toBe(11); // block 2 again, whole (8–11), then blocks 3 to 5 (12–21)
    expect(db.prepare('SELECT count(*) FROM attempts_fts_docsize').pluck().get()).toBe(6);
    expect(search(db, 'item-8"')).toEqual(['att_9']); // indexed by the first batch, kept by the second
    expect(search(db, 'item-12"')).toEqual(['att_13']);
    // "odd" is in every block, beside "even": each block's attempts are checked, newest first.
    const odd = Array.from({ length: 10 }, (_, k) => `att_${20 - 2 * k}`);
    expect(search(db, 'odd')).toEqual(odd);
    ftsIntact(db);
  });

  it('pages a rare text newest first through the index below a cursor, without a gap or a repeat', () => {
    const db = seededDb();
    const index = createBodyIndex(db);
    // 4,000 attempts, the text in every 400th: too rare to fill a page by walking below a cursor.
    // The others hold each of its trigrams but not the text, so every block is a candidate and a
    // page asks the index for block after block (16, then 64, …) before it is full.
    store(
      db,
      Array.from(
        { length: 4000 },
        (_, i) => `{"n":${i},"w":"${i % 400 === 7 ? 'rare-needle' : 'rare-hay line-needle'}"}`,
      ),
    );
    index.catchUp();
    const seen: string[] = [];
    let cursor: number | null = null;
    do {
      const page = listAttempts(db, { filter: { text: 'rare-needle' }, cursor, limit: 3 });
      seen.push(...page.attempts.map((a) => a.attemptId));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(Array.from({ length: 10 }, (_, k) => `att_${3608 - 400 * k}`));
  });

  it('indexes in the background once no new attempt has come for a moment', async () => {
    const db = seededDb();
    const index = createBodyIndex(db, { intervalMs: 10, batch: 50 });
    store(
      db,
      Array.from({ length: 120 }, (_, i) => `{"n":${i}}`),
    );
    index.start();
    try {
      await expect.poll(() => index.pending(), { timeout: 2000 }).toBe(0);
    } finally {
      index.stop();
    }
    ftsIntact(db);
  });

  it('indexes while attempts keep coming once the backlog passes its bound', () => {
    vi.useFakeTimers();
    const db = seededDb();
    const index = createBodyIndex(db, { intervalMs: 100, batch: 40, maxBacklog: 100 });
    try {
      index.start();
      // New attempts before every look: never quiet.
      for (let i = 0; i < 20; i++) {
        store(
          db,
          Array.from({ length: 20 }, (_, j) => `{"n":${i * 20 + j}}`),
        );
        vi.advanceTimersByTime(100);
      }
      // 400 stored without a quiet look: batches of 40 whenever the backlog passed 100 kept it
      // at its bound (without the bound, all 400 would wait).
      expect(index.pending()).toBeGreaterThan(0);
      expect(index.pending()).toBeLessThanOrEqual(100);
    } finally {
      index.stop();
      vi.useRealTimers();
    }
  });

  it('catches a search up at once when the backlog is small: the search sees it in the same turn', async () => {
    const db = seededDb();
    const index = createBodyIndex(db, { sliceRows: 50 });
    store(db, ['{"text":"kyoto at dawn"}', '{"text":"osaka at noon"}']);
    let turned = false;
    setImmediate(() => (turned = true));
    await index.caughtUp();
    expect(turned).toBe(false);
    expect(index.pending()).toBe(0);
    expect(search(db, 'kyoto')).toEqual(['att_1']);
  });

  it('catches a large backlog up in slices, one per turn of the event loop, so other work goes on meanwhile', async () => {
    const db = seededDb();
    const index = createBodyIndex(db, { sliceRows: 100 });
    store(
      db,
      Array.from({ length: 1000 }, (_, i) => `{"n":"row-${i}"}`),
    );
    // Work arriving while the search waits: it runs between slices, not after the whole backlog.
    const seenPending: number[] = [];
    const tick = () => {
      seenPending.push(index.pending());
      if (index.pending() > 0) setImmediate(tick);
    };
    setImmediate(tick);
    const searching = index.caughtUp();
    // Two searches at once share one catch-up.
    const again = index.caughtUp();
    expect(again).toBe(searching);
    await searching;
    expect(index.pending()).toBe(0);
    expect(seenPending.length).toBeGreaterThanOrEqual(5);
    expect(seenPending.some((n) => n > 0 && n < 1000)).toBe(true);
    expect(search(db, 'row-999"')).toEqual(['att_1000']);
    ftsIntact(db);
  });

  it('waits only for what was stored before the search: attempts stored meanwhile are left to the background', async () => {
    const db = seededDb();
    const index = createBodyIndex(db, { sliceRows: 100 });
    store(
      db,
      Array.from({ length: 500 }, (_, i) => `{"n":"early-${i}"}`),
    );
    const searching = index.caughtUp();
    // A burst keeps storing while the search waits, faster than a slice indexes.
    let stored = 0;
    const more = () => {
      if (stored >= 20) return;
      const turn = stored++;
      store(
        db,
        Array.from({ length: 150 }, (_, i) => `{"n":"late-${turn}-${i}"}`),
      );
      setImmediate(more);
    };
    setImmediate(more);
    await searching;
    // Answered once the 500 were in, not after the burst: it did not chase the newest attempt.
    expect(stored).toBeLessThan(20);
    const indexedUpTo = db.prepare('SELECT last_seq FROM attempts_fts_progress').pluck().get() as number;
    expect(indexedUpTo).toBeGreaterThanOrEqual(500);
    expect(search(db, 'early-0"')).toEqual(['att_1']);
  });

  it('rejects the search when the store refuses the catch-up, and a later one can still succeed', async () => {
    const db = seededDb();
    const index = createBodyIndex(db, { sliceRows: 100 });
    store(
      db,
      Array.from({ length: 300 }, (_, i) => `{"n":${i}}`),
    );
    db.exec(
      `CREATE TEMP TRIGGER refuse BEFORE UPDATE ON attempts_fts_progress BEGIN SELECT RAISE(ABORT, 'disk is full'); END`,
    );
    await expect(index.caughtUp()).rejects.toThrow(/disk is full/);
    db.exec('DROP TRIGGER refuse');
    await index.caughtUp();
    expect(index.pending()).toBe(0);
    ftsIntact(db);
  });
});
