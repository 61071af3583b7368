import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createDeliveriesRepo } from '../../../src/core/dispatch/deliveries-repo';
import { listDeliveries } from '../../../src/core/inspector/deliveries-query';
import { migrate } from '../../../src/core/store/migrate';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { openStore } from '../../../src/core/store/open';
import { readAsBefore } from '../../helpers/schema-before';
import { tempDir } from '../../helpers/tmp';

const page = (db: Database.Database) =>
  listDeliveries(db as never, { filter: {}, limit: 50 } as Parameters<typeof listDeliveries>[1]).deliveries;

describe('migration 023 (deliveries without updated_at, project_id and deliveries_webhook_seq)', () => {
  it('drops the column, keeps every delivery as the inspector lists it, and the dispatcher still writes outcomes', () => {
    const path = join(tempDir(), 'studio.db');
    const old = new Database(path);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.id < 23),
    );
    old
      .prepare(
        `INSERT INTO events (event_id, project_id, event_type, body, created_at) VALUES ('evt_1', 'p', 'agent.message', '{}', 'x')`,
      )
      .run();
    const insert = old.prepare(
      `INSERT INTO deliveries (delivery_id, event_id, project_id, event_type, webhook_url, status, attempt_count,
         next_attempt_at, created_at, updated_at) VALUES (?, 'evt_1', 'p', 'agent.message', 'http://h/x', ?, ?, ?, ?, 'later')`,
    );
    insert.run('dlv_1', 'succeeded', 1, null, '2026-01-01T00:00:00.000Z');
    insert.run('dlv_2', 'failed', 2, '2026-01-01T00:05:00.000Z', '2026-01-01T00:00:01.000Z');
    insert.run('dlv_3', 'pending', 0, '2026-01-01T00:00:02.000Z', '2026-01-01T00:00:02.000Z');
    const before = readAsBefore(old, () => page(old));
    expect(before).toHaveLength(3);
    old.close();

    const db = openStore(path);
    const columns = db.prepare(`SELECT name FROM pragma_table_info('deliveries')`).pluck().all();
    expect(columns).not.toContain('updated_at');
    expect(columns).not.toContain('project_id');
    expect(
      db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'deliveries'`).pluck().all(),
    ).not.toContain('deliveries_webhook_seq');
    expect(page(db)).toEqual(before);
    const repo = createDeliveriesRepo(db);
    expect(repo.due('2026-01-01T00:10:00.000Z', [], 10, false).map((d) => d.delivery_id)).toEqual(['dlv_3', 'dlv_2']);
    repo.saveOutcome({ delivery_id: 'dlv_2', status: 'exhausted', attempt_count: 3, next_attempt_at: null });
    repo.setStatus('dlv_3', 'cancelled', null);
    expect(repo.get('dlv_2')).toMatchObject({ status: 'exhausted', attempt_count: 3, next_attempt_at: null });
    expect(repo.get('dlv_3')).toMatchObject({ status: 'cancelled', next_attempt_at: null });
    expect(repo.get('dlv_1')).toMatchObject({ status: 'succeeded', attempt_count: 1, project_id: 'p' });
    expect(page(db).map((d) => d.projectId)).toEqual(['p', 'p', 'p']);
    db.close();
  });
});
