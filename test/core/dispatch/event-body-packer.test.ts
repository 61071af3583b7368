import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeliveriesRepo } from '../../../src/core/dispatch/deliveries-repo';
import { createEventBodyPacker } from '../../../src/core/dispatch/event-body-packer';
import { createBodyIndex } from '../../../src/core/inspector/body-index';
import { listAttempts } from '../../../src/core/inspector/query';
import { waitFor } from './helpers';
import { DICTIONARY_BYTES } from '../../../src/core/store/event-bodies';
import { openStore, type Db } from '../../../src/core/store/open';
import { addTestProject, PROJECT } from '../../helpers/seed-attempts';
import { tempDir } from '../../helpers/tmp';

const AT = new Date('2026-03-01T09:00:00.000Z');
const envelope = (i: number, type = 'agent.message') =>
  Buffer.from(
    JSON.stringify({
      event_id: `evt_${i}`,
      event_type: type,
      project_id: PROJECT,
      timestamp: new Date(AT.getTime() + i * 1000).toISOString(),
      data: { text: `message number ${i} about kyoto and rain`, mood: { valence: (i % 10) / 10 } },
    }),
  );

function store(db: Db, bodies: (Buffer | string)[], from = 0): void {
  const repo = createDeliveriesRepo(db);
  db.transaction(() =>
    bodies.forEach((body, k) =>
      repo.insertEvent({
        event_id: `evt_${from + k}`,
        project_id: PROJECT,
        agent_id: k % 2 ? 'agt_1' : null,
        user_id: null,
        event_type: 'agent.message',
        body: body as Buffer,
        source: 'fire',
        created_at: new Date(AT.getTime() + (from + k) * 1000).toISOString(),
      }),
    ),
  )();
}

/** An attempt that sent evt_3's bytes (its body read from the event), answered "ok". */
const attemptOfEvent3 = (db: Db) =>
  db
    .prepare(
      `INSERT INTO attempts (attempt_id, event_id, project_id, event_type, webhook_url, attempt_number, status,
         response_body, created_at) VALUES ('att_1', 'evt_3', ?, 'agent.message', 'http://x/h', 1, 'success', 'ok', ?)`,
    )
    .run(PROJECT, AT.toISOString());

const rows = (db: Db) =>
  db
    .prepare(
      'SELECT seq, event_id, agent_id, created_at, source, platform, body_dict, typeof(body) AS kind FROM events ORDER BY seq',
    )
    .all();
const read = (db: Db, id: string) => createDeliveriesRepo(db).event(id)!.body;

function freshDb(): { db: Db; path: string } {
  const path = join(tempDir(), 'studio.db');
  const db = openStore(path);
  addTestProject(db);
  return { db, path };
}

describe('the event body packer', () => {
  it('packs in batches, oldest first, keeping every other column and the exact bytes', () => {
    const { db } = freshDb();
    const bodies = Array.from({ length: 150 }, (_, i) => envelope(i, i % 3 ? 'agent.message' : 'agent.mood_change'));
    store(db, bodies);
    const before = rows(db) as Record<string, unknown>[];
    const packer = createEventBodyPacker(db, { now: () => AT });
    expect(packer.pending()).toBe(150);
    expect(packer.packBatch(100)).toBe(100);
    expect(packer.pending()).toBe(50);
    const after = rows(db) as Record<string, unknown>[];
    const rest = ({ body_dict: _d, kind: _k, ...r }: Record<string, unknown>) => r;
    expect(after.map(rest)).toEqual(before.map(rest));
    expect(after.filter((r) => r.body_dict !== null)).toHaveLength(100);
    expect(after.slice(0, 100).every((r) => r.body_dict !== null)).toBe(true);
    packer.catchUp();
    expect(packer.pending()).toBe(0);
    for (let i = 0; i < 150; i++) expect(read(db, `evt_${i}`).equals(bodies[i]!)).toBe(true);
    const dict = db.prepare('SELECT bytes, created_at FROM body_dictionaries').get() as {
      bytes: Buffer;
      created_at: string;
    };
    expect(dict.created_at).toBe(AT.toISOString()); // the studio clock
    expect(dict.bytes.length).toBeLessThanOrEqual(DICTIONARY_BYTES);
    expect(dict.bytes.includes('agent.mood_change')).toBe(true); // every type has its sample
    const stored = db.prepare('SELECT sum(length(body)) FROM events').pluck().get() as number;
    const raw = bodies.reduce((n, b) => n + b.length, 0);
    expect(stored / raw).toBeLessThan(0.45);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });

  it('leaves as they are text bodies and the ones deflate cannot shrink; any bytes read back exactly', () => {
    const { db } = freshDb();
    store(
      db,
      Array.from({ length: 70 }, (_, i) => envelope(i)),
    );
    const noise = randomBytes(600);
    store(db, [noise, '{"as":"text"}', Buffer.from('{}')], 70);
    createEventBodyPacker(db, { now: () => AT }).catchUp();
    const tail = (rows(db) as { body_dict: number | null; kind: string }[]).slice(70);
    expect(tail.slice(1).map((r) => [r.body_dict, r.kind])).toEqual([
      [null, 'text'],
      [null, 'blob'],
    ]);
    expect(read(db, 'evt_70').equals(noise)).toBe(true);
    expect(String(read(db, 'evt_71'))).toBe('{"as":"text"}');
  });

  it('packs large bodies a megabyte at a time, and reads them back exactly', () => {
    const { db } = freshDb();
    store(
      db,
      Array.from({ length: 64 }, (_, i) => envelope(i)),
    );
    const big = (i: number) =>
      Buffer.from(
        JSON.stringify({
          event_id: `evt_${i}`,
          data: { rows: Array.from({ length: 9000 }, (_, k) => `row ${k} of ${i}`) },
        }),
      );
    const bigs = Array.from({ length: 8 }, (_, k) => big(64 + k));
    store(db, bigs, 64);
    expect(bigs[0]!.length).toBeGreaterThan(150_000);
    const packer = createEventBodyPacker(db, { now: () => AT });
    expect(packer.packBatch(200)).toBe(64 + 6); // the 64 envelopes and six bodies: 1 MiB
    expect(packer.packBatch(200)).toBe(2);
    for (let k = 0; k < 8; k++) expect(read(db, `evt_${64 + k}`).equals(bigs[k]!)).toBe(true);
    const stored = db.prepare('SELECT sum(length(body)) FROM events WHERE seq > 64').pluck().get() as number;
    expect(stored).toBeLessThan(bigs.reduce((n, b) => n + b.length, 0) / 4);
  });

  it('trains nothing and packs nothing below its sample size; never packs inside a transaction', () => {
    const { db } = freshDb();
    store(
      db,
      Array.from({ length: 20 }, (_, i) => envelope(i)),
    );
    const packer = createEventBodyPacker(db, { now: () => AT });
    expect(packer.packBatch(100)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM body_dictionaries').pluck().get()).toBe(0);
    store(
      db,
      Array.from({ length: 60 }, (_, i) => envelope(i + 20)),
      20,
    );
    db.exec('BEGIN');
    expect(packer.packBatch(100)).toBe(0);
    db.exec('COMMIT');
    expect(packer.packBatch(100)).toBe(80);
  });

  it('in the background, waits for the studio to be quiet and for the body index to catch up', async () => {
    const { db } = freshDb();
    store(
      db,
      Array.from({ length: 80 }, (_, i) => envelope(i)),
    );
    attemptOfEvent3(db);
    const packer = createEventBodyPacker(db, { now: () => AT, intervalMs: 5 });
    const packed = () => db.prepare('SELECT count(*) FROM events WHERE body_dict IS NOT NULL').pluck().get();
    packer.start();
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(packed()).toBe(0); // the attempt is not indexed yet
      createBodyIndex(db).catchUp();
      await waitFor(() => packed() === 80, 5_000, 'the packer');
    } finally {
      packer.stop();
    }
  });

  it('a batch the store refuses half-way (a full disk, say) changes nothing, and the next one packs it', () => {
    const { db } = freshDb();
    const bodies = Array.from({ length: 120 }, (_, i) => envelope(i));
    store(db, bodies);
    const before = rows(db);
    // The 50th row written back fails, as a write to a full disk would.
    db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.events WHEN new.seq = 50
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const packer = createEventBodyPacker(db, { now: () => AT });
    expect(() => packer.packBatch(100)).toThrow(/disk is full/);
    expect(rows(db)).toEqual(before);
    expect(packer.pending()).toBe(120);
    for (let i = 0; i < 120; i++) expect(read(db, `evt_${i}`).equals(bodies[i]!)).toBe(true);
    db.exec('DROP TRIGGER temp.refuse');
    expect(packer.packBatch(100)).toBe(100);
    expect(read(db, 'evt_49').equals(bodies[49]!)).toBe(true);
  });

  it('in the background, waits a while after a batch the store refused instead of trying it again at once', async () => {
    const { db } = freshDb();
    store(
      db,
      Array.from({ length: 80 }, (_, i) => envelope(i)),
    );
    let tries = 0;
    db.function('packing_tried', () => ++tries);
    db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.events
      BEGIN SELECT packing_tried(); SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const packer = createEventBodyPacker(db, { now: () => AT, intervalMs: 5, retryMs: 60_000 });
    packer.start();
    try {
      await waitFor(() => tries > 0, 5_000, 'a first batch');
      await new Promise((r) => setTimeout(r, 200)); // forty looks at 5 ms, had it not waited
      expect(tries).toBe(1);
    } finally {
      packer.stop();
    }
  });

  it('reads packed bodies after a restart, and a dictionary whose row is gone is a clear error', () => {
    const { db, path } = freshDb();
    store(
      db,
      Array.from({ length: 80 }, (_, i) => envelope(i)),
    );
    createEventBodyPacker(db, { now: () => AT }).catchUp();
    db.close();
    const again = openStore(path);
    expect(read(again, 'evt_5').equals(envelope(5))).toBe(true);
    again.prepare('UPDATE events SET body_dict = 99 WHERE event_id = ?').run('evt_6');
    expect(() => read(again, 'evt_6')).toThrow(/dictionary 99, which this store does not hold/);
    again.close();
  });

  it('keeps the body search index on the text when an indexed attempt of a packed event changes', () => {
    const { db } = freshDb();
    store(
      db,
      Array.from({ length: 80 }, (_, i) => envelope(i)),
    );
    attemptOfEvent3(db);
    db.exec('UPDATE attempts_fts_progress SET last_seq = 0');
    db.exec(
      `INSERT INTO attempts_fts(rowid, request_body, response_body)
         SELECT seq >> 2, 'x', group_concat(response_body) FROM attempts GROUP BY seq >> 2`,
    );
    db.exec('UPDATE attempts_fts_progress SET last_seq = (SELECT max(seq) FROM attempts)');
    createEventBodyPacker(db, { now: () => AT }).catchUp();
    db.prepare("UPDATE attempts SET response_body = 'fine' WHERE attempt_id = 'att_1'").run();
    // The index's own entry for the attempt: found by its trigrams, then checked in the body.
    expect(listAttempts(db, { filter: { text: 'number 3 about' } }).attempts.map((a) => a.attemptId)).toEqual([
      'att_1',
    ]);
    // att_1 (seq 1) is in block 0: indexed again from the text, not the packed bytes.
    const raw = db.prepare(`SELECT rowid FROM attempts_fts WHERE attempts_fts MATCH '"kyo" AND "oto"'`).pluck().all();
    expect(raw).toEqual([0]);
  });
});
