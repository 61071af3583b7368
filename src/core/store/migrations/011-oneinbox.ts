import type { Migration } from '../migrate';

/**
 * OneInbox, the second platform: its account (API key and settings), its webhooks (by id,
 * with an `events` list and an active/inactive `status`), simulated calls and the events
 * each call has planned on the studio clock. Events, deliveries and attempts gain a
 * `platform` column ('sonzai' for every existing row) so the dispatcher, the inspector
 * and replay can tell the platforms apart.
 */
export const m011OneInbox: Migration = {
  id: 11,
  name: 'OneInbox platform: account, webhooks, calls; platform column',
  up: `
    ALTER TABLE events ADD COLUMN platform TEXT NOT NULL DEFAULT 'sonzai';
    ALTER TABLE deliveries ADD COLUMN platform TEXT NOT NULL DEFAULT 'sonzai';
    ALTER TABLE attempts ADD COLUMN platform TEXT NOT NULL DEFAULT 'sonzai';
    CREATE INDEX attempts_platform ON attempts(platform, seq);
    CREATE INDEX attempts_webhook ON attempts(webhook_id, seq);

    CREATE TABLE oneinbox_account (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      api_key TEXT NOT NULL,
      settings_json TEXT NOT NULL DEFAULT '{}',
      created_at TEXT NOT NULL
    );

    CREATE TABLE oneinbox_webhooks (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      webhook_id TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      url TEXT NOT NULL,
      events_json TEXT NOT NULL,
      -- active | inactive
      status TEXT NOT NULL DEFAULT 'active',
      -- events that happened while inactive and were therefore not sent
      skipped_while_inactive INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE oneinbox_calls (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      call_id TEXT NOT NULL UNIQUE,
      agent_id TEXT NOT NULL,
      to_number TEXT NOT NULL,
      from_number TEXT NOT NULL,
      webhook_url TEXT,
      language TEXT NOT NULL,
      -- queued | ringing | in-progress | completed | failed
      status TEXT NOT NULL,
      outcome TEXT,
      reason TEXT,
      duration_seconds INTEGER,
      ai_summary TEXT,
      recording_url TEXT,
      transcript_json TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL,
      started_at TEXT,
      ended_at TEXT,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE oneinbox_call_events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      call_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      due_at TEXT NOT NULL,
      payload_json TEXT NOT NULL,
      -- the call state this event moves the call to (JSON patch of oneinbox_calls columns)
      state_json TEXT NOT NULL DEFAULT '{}',
      fired_at TEXT
    );
    CREATE INDEX oneinbox_call_events_due ON oneinbox_call_events(due_at, seq) WHERE fired_at IS NULL;
    CREATE INDEX oneinbox_call_events_call ON oneinbox_call_events(call_id, seq);
  `,
};
