import type { Migration } from '../migrate';

/**
 * Fired events (their exact bytes), deliveries (one per event × webhook, with the retry
 * schedule) and attempts (every try, replay included). `seq` orders attempts and backs
 * the API's cursors; filters have their indexes.
 */
export const m003Deliveries: Migration = {
  id: 3,
  name: 'events, deliveries and attempts',
  up: `
    CREATE TABLE events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id TEXT NOT NULL UNIQUE,
      project_id TEXT NOT NULL,
      agent_id TEXT,
      user_id TEXT,
      event_type TEXT NOT NULL,
      body BLOB NOT NULL,
      source TEXT NOT NULL DEFAULT 'fire',
      created_at TEXT NOT NULL
    );
    CREATE INDEX events_project_type ON events(project_id, event_type, seq);

    CREATE TABLE deliveries (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      delivery_id TEXT NOT NULL UNIQUE,
      event_id TEXT NOT NULL,
      webhook_id TEXT,
      project_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      webhook_url TEXT NOT NULL,
      -- pending | in_flight | succeeded | failed (will retry) | exhausted | cancelled | gone
      status TEXT NOT NULL,
      attempt_count INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      last_attempt_id TEXT,
      injection_json TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX deliveries_due ON deliveries(status, next_attempt_at);
    CREATE INDEX deliveries_event ON deliveries(event_id);

    CREATE TABLE attempts (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      attempt_id TEXT NOT NULL UNIQUE,
      delivery_id TEXT,
      event_id TEXT,
      webhook_id TEXT,
      project_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      webhook_url TEXT NOT NULL,
      attempt_number INTEGER NOT NULL,
      -- success | failed
      status TEXT NOT NULL,
      -- 0 when no HTTP response came back
      response_code INTEGER NOT NULL DEFAULT 0,
      duration_ms INTEGER NOT NULL DEFAULT 0,
      error_message TEXT,
      request_headers_json TEXT NOT NULL DEFAULT '{}',
      request_body BLOB,
      response_headers_json TEXT,
      response_body TEXT,
      response_body_truncated INTEGER NOT NULL DEFAULT 0,
      signature_header TEXT,
      signed_at INTEGER,
      secret_ids_json TEXT NOT NULL DEFAULT '[]',
      -- delivery | retry | replay
      kind TEXT NOT NULL DEFAULT 'delivery',
      replay_of TEXT,
      injected_json TEXT,
      created_at TEXT NOT NULL
    );
    CREATE INDEX attempts_project_type ON attempts(project_id, event_type, seq);
    CREATE INDEX attempts_type ON attempts(event_type, seq);
    CREATE INDEX attempts_status ON attempts(status, seq);
    CREATE INDEX attempts_code ON attempts(response_code, seq);
    CREATE INDEX attempts_url ON attempts(webhook_url, seq);
    CREATE INDEX attempts_delivery ON attempts(delivery_id, seq);
    CREATE INDEX attempts_created ON attempts(created_at);
  `,
};
