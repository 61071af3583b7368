import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { attemptBodySql } from '../../../src/core/dispatch/attempts-repo';
import { deliveryAttempts } from '../../../src/core/inspector/deliveries-query';
import { migrate } from '../../../src/core/store/migrate';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { openStore } from '../../../src/core/store/open';
import { queryPlan } from '../../helpers/query-plan';
import { tempDir } from '../../helpers/tmp';

describe('migration 019 (attempts_event dropped)', () => {
  it('drops the index, keeps every attempt, and what reads attempts and their bodies still goes by index', () => {
    const path = join(tempDir(), 'studio.db');
    const old = new Database(path);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.id < 19),
    );
    old
      .prepare(
        `INSERT INTO events (event_id, project_id, event_type, body, created_at) VALUES ('evt_1', 'p', 'agent.message', ?, 'x')`,
      )
      .run(Buffer.from('{"text":"hello"}'));
    const insert = old.prepare(
      `INSERT INTO attempts (attempt_id, delivery_id, event_id, project_id, event_type, webhook_url, attempt_number,
         status, created_at) VALUES (?, 'dlv_1', 'evt_1', 'p', 'agent.message', 'http://h/x', ?, 'failed', 'x')`,
    );
    insert.run('att_1', 1);
    insert.run('att_2', 2);
    expect(old.prepare(`SELECT name FROM sqlite_schema WHERE name = 'attempts_event'`).get()).toBeTruthy();
    old.close();

    const db = openStore(path);
    expect(db.prepare(`SELECT name FROM sqlite_schema WHERE name = 'attempts_event'`).get()).toBeUndefined();
    expect(deliveryAttempts(db, 'dlv_1').map((a) => a.attemptId)).toEqual(['att_1', 'att_2']);
    expect(queryPlan(db, `SELECT seq FROM attempts a WHERE a.delivery_id = 'dlv_1' ORDER BY a.seq`)).toContain(
      'attempts_delivery',
    );
    const body = `SELECT ${attemptBodySql('a')} FROM attempts a WHERE a.attempt_id = 'att_1'`;
    expect(queryPlan(db, body)).toContain('sqlite_autoindex_events_1');
    expect(String(db.prepare(body).pluck().get())).toBe('{"text":"hello"}');
    db.close();
  });
});
