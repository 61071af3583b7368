import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createDeliveriesRepo } from '../../../src/core/dispatch/deliveries-repo';
import { migrate } from '../../../src/core/store/migrate';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { openStore } from '../../../src/core/store/open';
import { queryPlan } from '../../helpers/query-plan';
import { tempDir } from '../../helpers/tmp';

describe('migration 017 (deliveries_due dropped)', () => {
  it('drops the index, keeps every delivery, and the open-delivery writes still find their rows by index', () => {
    const path = join(tempDir(), 'studio.db');
    const old = new Database(path);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.id < 17),
    );
    old
      .prepare(
        `INSERT INTO events (event_id, project_id, event_type, body, created_at) VALUES ('evt_1', 'p', 'agent.message', '{}', 'x')`,
      )
      .run();
    const insert = old.prepare(
      `INSERT INTO deliveries (delivery_id, event_id, webhook_id, project_id, event_type, webhook_url, status,
         next_attempt_at, created_at, updated_at, platform) VALUES (?, 'evt_1', ?, 'p', 'agent.message', 'http://h/x', ?, ?, 'x', 'x', ?)`,
    );
    insert.run('d_done', 'wh_1', 'succeeded', null, 'oneinbox');
    insert.run('d_flight', 'wh_1', 'in_flight', '2026-01-01T00:00:00.000Z', 'sonzai');
    insert.run('d_retry', 'wh_1', 'failed', '2026-01-01T00:00:00.000Z', 'oneinbox');
    expect(old.prepare(`SELECT name FROM sqlite_schema WHERE name = 'deliveries_due'`).get()).toBeTruthy();
    old.close();

    const db = openStore(path);
    expect(db.prepare(`SELECT name FROM sqlite_schema WHERE name = 'deliveries_due'`).get()).toBeUndefined();
    expect(db.prepare('SELECT delivery_id, status FROM deliveries ORDER BY seq').all()).toEqual([
      { delivery_id: 'd_done', status: 'succeeded' },
      { delivery_id: 'd_flight', status: 'in_flight' },
      { delivery_id: 'd_retry', status: 'failed' },
    ]);

    // A restart puts what was in flight back to pending, through the status index.
    expect(queryPlan(db, `UPDATE deliveries SET status = 'pending' WHERE status = 'in_flight'`)).toContain(
      'deliveries_status_seq',
    );
    createDeliveriesRepo(db).resetInFlight();
    expect(db.prepare(`SELECT status FROM deliveries WHERE delivery_id = 'd_flight'`).get()).toEqual({
      status: 'pending',
    });
    db.close();
  });
});
