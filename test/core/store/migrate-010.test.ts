import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/store/migrate';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { openStore } from '../../../src/core/store/open';
import { tempDir } from '../../helpers/tmp';

describe('migration 010 (agent state)', () => {
  it('upgrades a studio.db of migration 009: agents kept and active, state tables empty', () => {
    const path = join(tempDir(), 'studio.db');
    const old = new Database(path);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.id < 10),
    );
    old
      .prepare(
        "INSERT INTO projects (project_id, tenant_id, name, created_at, updated_at) VALUES ('p', 't', 'P', 'x', 'x')",
      )
      .run();
    old
      .prepare(
        "INSERT INTO agents (agent_id, project_id, name, body_json, created_at, updated_at) VALUES ('a', 'p', 'Aiko', '{\"bio\":\"b\"}', 'x', 'x')",
      )
      .run();
    old
      .prepare(
        "INSERT INTO event_templates (event_type, data_json, updated_at) VALUES ('on_diary_generated', '{\"diary_id\":\"d\"}', 'x')",
      )
      .run();
    old.close();

    const db = openStore(path);
    const ids = db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all();
    expect(ids).toContain(10);
    expect(ids.at(-1)).toBe(Math.max(...MIGRATIONS.map((m) => m.id)));
    expect(db.prepare("SELECT name, body_json, is_active FROM agents WHERE agent_id = 'a'").get()).toEqual({
      name: 'Aiko',
      body_json: '{"bio":"b"}',
      is_active: 1,
    });
    for (const t of ['agent_moods', 'agent_mood_history', 'agent_diary', 'agent_breakthroughs', 'schedules']) {
      expect(db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get(), t).toBe(0);
    }
    // Templates are upgraded when read (legacy-shapes.ts), not by the migration: the row is as it was.
    expect(db.prepare('SELECT data_json FROM event_templates').pluck().get()).toBe('{"diary_id":"d"}');
    // Deleting an agent takes its state with it.
    db.prepare(
      "INSERT INTO agent_diary (entry_id, agent_id, date, entry_json, created_at) VALUES ('e', 'a', 'd', '{}', 'x')",
    ).run();
    db.prepare("DELETE FROM agents WHERE agent_id = 'a'").run();
    expect(db.prepare('SELECT COUNT(*) FROM agent_diary').pluck().get()).toBe(0);
    db.close();
  });
});
