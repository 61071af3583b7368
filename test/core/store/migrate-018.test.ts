import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createDeliveriesRepo } from '../../../src/core/dispatch/deliveries-repo';
import { createEventBodyPacker } from '../../../src/core/dispatch/event-body-packer';
import { migrate } from '../../../src/core/store/migrate';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { openStore } from '../../../src/core/store/open';
import { tempDir } from '../../helpers/tmp';

describe('migration 018 (event bodies packed at rest)', () => {
  it('keeps every stored body as it was, and the packer then packs the old events too', () => {
    const path = join(tempDir(), 'studio.db');
    const old = new Database(path);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.id < 18),
    );
    const insert = old.prepare(
      `INSERT INTO events (event_id, project_id, event_type, body, created_at) VALUES (?, 'p', 'agent.message', ?, 'x')`,
    );
    const body = (i: number) => Buffer.from(`{"event_id":"evt_${i}","data":{"text":"an older event, number ${i}"}}`);
    for (let i = 0; i < 100; i++) insert.run(`evt_${i}`, body(i));
    old.close();

    const db = openStore(path);
    const repo = createDeliveriesRepo(db);
    expect(db.prepare('SELECT count(*) FROM events WHERE body_dict IS NULL').pluck().get()).toBe(100);
    expect(repo.event('evt_9')!.body.equals(body(9))).toBe(true);
    createEventBodyPacker(db, { now: () => new Date('2026-01-01T00:00:00Z') }).catchUp();
    expect(db.prepare('SELECT count(*) FROM events WHERE body_dict IS NOT NULL').pluck().get()).toBe(100);
    for (let i = 0; i < 100; i++) expect(repo.event(`evt_${i}`)!.body.equals(body(i))).toBe(true);
    db.close();
  });
});
