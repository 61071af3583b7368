import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attemptDetail } from '../../../src/core/inspector/detail';
import { createBodyIndex } from '../../../src/core/inspector/body-index';
import { listAttempts } from '../../../src/core/inspector/query';
import { migrate } from '../../../src/core/store/migrate';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { openStore } from '../../../src/core/store/open';
import { readAsBefore } from '../../helpers/schema-before';
import { tempDir } from '../../helpers/tmp';

const EVENT_BODY = '{"event_type":"agent.message","data":{"text":"Kyoto in the rain"}}';
const EDITED_BODY = '{"event_type":"agent.message","data":{"text":"edited by hand"}}';

describe('migration 014 (bodies stored once, lean body index)', () => {
  it('empties attempts that repeat their event body, keeps edited ones, and shows and finds the same bytes', () => {
    const path = join(tempDir(), 'studio.db');
    const old = new Database(path);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.id < 14),
    );
    old
      .prepare(
        `INSERT INTO events (event_id, project_id, event_type, body, created_at) VALUES ('evt_1', 'p', 'agent.message', ?, 'x')`,
      )
      .run(Buffer.from(EVENT_BODY));
    const insert = old.prepare(
      `INSERT INTO attempts (attempt_id, delivery_id, event_id, project_id, event_type, webhook_url, attempt_number,
         status, request_body, response_body, kind, replay_of, created_at)
       VALUES (?, 'dlv_1', ?, 'p', 'agent.message', 'http://localhost/h', ?, 'failed', ?, ?, ?, ?, ?)`,
    );
    insert.run('att_1', 'evt_1', 1, Buffer.from(EVENT_BODY), 'boom', 'delivery', null, '2026-01-01T00:00:01.000Z');
    insert.run('att_2', 'evt_1', 2, Buffer.from(EVENT_BODY), 'ok', 'retry', null, '2026-01-01T00:00:02.000Z');
    insert.run('att_3', 'evt_1', 2, Buffer.from(EDITED_BODY), 'ok', 'replay', 'att_1', '2026-01-01T00:00:03.000Z');
    // An attempt with no event (OneInbox's test sends) keeps its bytes.
    insert.run('att_4', null, 1, Buffer.from('{"call":"c"}'), 'ok', 'delivery', null, '2026-01-01T00:00:04.000Z');
    readAsBefore(old, () => createBodyIndex(old).catchUp());
    old.close();

    const db = openStore(path);
    const own = db.prepare('SELECT attempt_id, request_body FROM attempts ORDER BY seq').all() as {
      attempt_id: string;
      request_body: Buffer | null;
    }[];
    expect(own.map((r) => [r.attempt_id, r.request_body?.toString('utf8') ?? null])).toEqual([
      ['att_1', null],
      ['att_2', null],
      ['att_3', EDITED_BODY],
      ['att_4', '{"call":"c"}'],
    ]);
    // The inspector shows the bytes each attempt sent, as before.
    const body = (id: string) => Buffer.from(attemptDetail(db, id).request.bodyBase64, 'base64').toString('utf8');
    expect(body('att_1')).toBe(EVENT_BODY);
    expect(body('att_2')).toBe(EVENT_BODY);
    expect(body('att_3')).toBe(EDITED_BODY);
    expect(body('att_4')).toBe('{"call":"c"}');
    // The index starts empty and is refilled; a search catches up first and finds every body.
    expect(createBodyIndex(db).pending()).toBe(4);
    createBodyIndex(db).catchUp();
    const found = (text: string) => listAttempts(db, { filter: { text } }).attempts.map((a) => a.attemptId);
    expect(found('kyoto')).toEqual(['att_2', 'att_1']);
    expect(found('by hand')).toEqual(['att_3']);
    expect(found('"call"')).toEqual(['att_4']);
    expect(found('boom')).toEqual(['att_1']);
    db.exec(`INSERT INTO attempts_fts(attempts_fts) VALUES ('integrity-check')`);
  });
});
