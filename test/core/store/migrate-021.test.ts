import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createBodyIndex } from '../../../src/core/inspector/body-index';
import { ftsTrigrams, listAttempts } from '../../../src/core/inspector/query';
import { migrate } from '../../../src/core/store/migrate';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { openStore } from '../../../src/core/store/open';
import { tempDir } from '../../helpers/tmp';

const search = (db: Database.Database, text: string) =>
  listAttempts(db, { filter: { text } }).attempts.map((a) => a.attemptId);

describe('migration 021 (the body index holds blocks of four attempts)', () => {
  it('rebuilds the index as blocks in the background, finds what it found, and keeps a block whole when one of its attempts goes', () => {
    const path = join(tempDir(), 'studio.db');
    const old = new Database(path);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.id < 21),
    );
    const event = old.prepare(
      `INSERT INTO events (event_id, project_id, event_type, body, created_at) VALUES (?, 'p', 'agent.message', ?, 'x')`,
    );
    const attempt = old.prepare(
      `INSERT INTO attempts (attempt_id, delivery_id, event_id, project_id, event_type, webhook_url, attempt_number,
         status, response_body, created_at) VALUES (?, ?, ?, 'p', 'agent.message', 'http://h/x', 1, 'success', ?, 'x')`,
    );
    const city = (i: number) => ['kyoto', 'osaka', 'nara', 'kobe'][i % 4];
    old.transaction(() => {
      for (let i = 1; i <= 20; i++) {
        event.run(`evt_${i}`, Buffer.from(`{"text":"${city(i)} number-${i};"}`));
        attempt.run(`att_${i}`, `dlv_${i}`, `evt_${i}`, i === 5 ? 'answer from sapporo' : 'ok');
      }
    })();
    // The index as it was: one document per attempt, all of them indexed.
    old.exec(`INSERT INTO attempts_fts(rowid, request_body, response_body)
      SELECT a.seq, CAST(e.body AS TEXT), a.response_body FROM attempts a JOIN events e ON e.event_id = a.event_id`);
    old.exec('UPDATE attempts_fts_progress SET last_seq = 20');
    old.close();

    const db = openStore(path);
    // Opened at once: the index starts again, empty, and is filled by the background indexer.
    expect(db.prepare('SELECT last_seq FROM attempts_fts_progress').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM attempts_fts_docsize').pluck().get()).toBe(0);
    const index = createBodyIndex(db);
    expect(index.pending()).toBe(20);
    index.catchUp();
    expect(db.prepare('SELECT count(*) FROM attempts_fts_docsize').pluck().get()).toBe(6); // seqs 1–3, 4–7, …, 20
    expect(search(db, 'kyoto')).toEqual(['att_20', 'att_16', 'att_12', 'att_8', 'att_4']);
    expect(search(db, 'number-13;')).toEqual(['att_13']);
    expect(search(db, 'sapporo')).toEqual(['att_5']);

    // An attempt deleted by hand: its block is indexed again from the attempts left in it.
    db.prepare(`DELETE FROM attempts WHERE attempt_id = 'att_12'`).run();
    expect(search(db, 'kyoto')).toEqual(['att_20', 'att_16', 'att_8', 'att_4']);
    const blocksWith = (text: string) =>
      db.prepare(`SELECT rowid FROM attempts_fts WHERE attempts_fts MATCH ?`).pluck().all(ftsTrigrams(text));
    expect(blocksWith('r-12;')).toEqual([]); // block 3 (seqs 12–15) holds 13–15 only now
    expect(blocksWith('r-13;')).toEqual([3]);
    expect(search(db, 'number-15;')).toEqual(['att_15']);
    // …and one changed by hand: indexed again with its new body.
    db.prepare(`UPDATE attempts SET response_body = 'answer from sendai' WHERE attempt_id = 'att_9'`).run();
    expect(search(db, 'sendai')).toEqual(['att_9']);
    expect(search(db, 'number-10;')).toEqual(['att_10']);
    db.prepare("INSERT INTO attempts_fts(attempts_fts) VALUES ('integrity-check')").run();
    db.close();
  });
});
