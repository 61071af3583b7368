import type { Migration } from '../migrate';

/**
 * The state events imply, kept so the API reads that follow an event agree with it:
 * an agent's active flag, its mood (agent-global under user_id '', and per user) with
 * history, diary entries, breakthroughs, and recurring schedules per (agent, user).
 * SDK entities are stored as the JSON the API returns.
 */
export const m010AgentState: Migration = {
  id: 10,
  name: 'agent status, mood, mood history, diary, breakthroughs, schedules',
  up: `
    ALTER TABLE agents ADD COLUMN is_active INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE agent_moods (
      agent_id TEXT NOT NULL REFERENCES agents(agent_id) ON DELETE CASCADE,
      user_id TEXT NOT NULL DEFAULT '',
      state_json TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (agent_id, user_id)
    );
    CREATE TABLE agent_mood_history (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      agent_id TEXT NOT NULL REFERENCES agents(agent_id) ON DELETE CASCADE,
      user_id TEXT NOT NULL DEFAULT '',
      entry_json TEXT NOT NULL,
      at TEXT NOT NULL
    );
    CREATE INDEX agent_mood_history_agent ON agent_mood_history(agent_id, seq);
    CREATE TABLE agent_diary (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      entry_id TEXT NOT NULL UNIQUE,
      agent_id TEXT NOT NULL REFERENCES agents(agent_id) ON DELETE CASCADE,
      user_id TEXT NOT NULL DEFAULT '',
      date TEXT NOT NULL,
      entry_json TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX agent_diary_agent ON agent_diary(agent_id, seq);
    CREATE TABLE agent_breakthroughs (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      breakthrough_id TEXT NOT NULL UNIQUE,
      agent_id TEXT NOT NULL REFERENCES agents(agent_id) ON DELETE CASCADE,
      user_id TEXT NOT NULL DEFAULT '',
      body_json TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX agent_breakthroughs_agent ON agent_breakthroughs(agent_id, seq);
    CREATE TABLE schedules (
      schedule_id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL,
      agent_id TEXT NOT NULL REFERENCES agents(agent_id) ON DELETE CASCADE,
      user_id TEXT NOT NULL,
      cadence_type TEXT NOT NULL,
      cadence_json TEXT NOT NULL,
      timezone TEXT NOT NULL,
      active_window_json TEXT,
      check_type TEXT NOT NULL,
      intent TEXT NOT NULL,
      inventory_item_id TEXT,
      metadata_json TEXT,
      starts_at TEXT,
      ends_at TEXT,
      enabled INTEGER NOT NULL DEFAULT 1,
      next_fire_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX schedules_owner ON schedules(agent_id, user_id, created_at);
    CREATE INDEX schedules_due ON schedules(enabled, next_fire_at);
  `,
};
