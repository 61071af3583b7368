import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAttemptsRepo } from '../../../src/core/dispatch/attempts-repo';
import { createDeliveriesRepo } from '../../../src/core/dispatch/deliveries-repo';
import { attemptDetail } from '../../../src/core/inspector/detail';
import { migrate } from '../../../src/core/store/migrate';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { openStore } from '../../../src/core/store/open';
import { readAsBefore } from '../../helpers/schema-before';
import { tempDir } from '../../helpers/tmp';

const A = 'de16e353-63f4-4482-acf6-6eb6d1680e7c';
const B = '019b76da-a800-7f6c-81ec-2d56fc7af5f7';

describe('migration 022 (deliveries without last_attempt_id; one-secret lists as their 16 bytes)', () => {
  it('drops the column, keeps every delivery, and every attempt names the secrets it was signed with', () => {
    const path = join(tempDir(), 'studio.db');
    const old = new Database(path);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.id < 22),
    );
    old
      .prepare(
        `INSERT INTO events (event_id, project_id, event_type, body, created_at) VALUES ('evt_1', 'p', 'agent.message', '{}', 'x')`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO deliveries (delivery_id, event_id, project_id, event_type, webhook_url, status, attempt_count,
           last_attempt_id, created_at, updated_at) VALUES ('dlv_1', 'evt_1', 'p', 'agent.message', 'http://h/x', 'failed', 2, 'two', 'x', 'y')`,
      )
      .run();
    const insert = old.prepare(
      `INSERT INTO attempts (attempt_id, delivery_id, event_id, project_id, event_type, webhook_url, attempt_number,
         status, secret_ids_json, created_at) VALUES (?, 'dlv_1', 'evt_1', 'p', 'agent.message', 'http://h/x', 1, 'failed', ?, 'x')`,
    );
    const rows: [id: string, json: string, converted: boolean][] = [
      ['one', `["${A}"]`, true],
      ['time-ordered', `["${B}"]`, true],
      ['two', `["${A}","${B}"]`, false],
      ['none', '[]', false],
      ['upper', `["${A.toUpperCase()}"]`, false],
      ['not-uuid', '["sec-1"]', false],
      ['spaced', `[ "${A}" ]`, false],
      ['no-dashes', `["${A.replace(/-/g, '')}xxxx"]`, false],
    ];
    for (const [id, json] of rows) insert.run(id, json);
    const before = readAsBefore(
      old,
      () => new Map(rows.map(([id]) => [id, attemptDetail(old as never, id).signature.secretIds])),
    );
    old.close();

    const db = openStore(path);
    expect(db.prepare(`SELECT name FROM pragma_table_info('deliveries')`).pluck().all()).not.toContain(
      'last_attempt_id',
    );
    expect(createDeliveriesRepo(db).get('dlv_1')).toMatchObject({
      status: 'failed',
      attempt_count: 2,
    });
    const kind = db
      .prepare('SELECT typeof(secret_ids_json), length(secret_ids_json) FROM attempts WHERE attempt_id = ?')
      .raw();
    const repo = createAttemptsRepo(db);
    for (const [id, json, converted] of rows) {
      expect(kind.get(id), id).toEqual(converted ? ['blob', 16] : ['text', json.length]);
      expect(repo.get(id)!.secret_ids_json, id).toBe(json);
      expect(attemptDetail(db, id).signature.secretIds, id).toEqual(before.get(id));
    }
    db.close();
  });
});
