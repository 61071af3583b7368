import type { Migration } from '../migrate';

/**
 * The mock API's own state: idempotency records, the API request log, agent-scoped
 * proactive notifications, project notifications, wakeups, advance-time jobs and the
 * simulated clock offset. Also gives API keys an optional expiry.
 */
export const m004Api: Migration = {
  id: 4,
  name: 'mock API: idempotency, request log, notifications, wakeups, studio clock',
  up: `
    ALTER TABLE api_keys ADD COLUMN expires_at TEXT;

    CREATE TABLE idempotency_records (
      project_id TEXT NOT NULL,
      idem_key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      -- NULL while the first request is still being served
      status INTEGER,
      content_type TEXT,
      body TEXT,
      created_at TEXT NOT NULL,
      PRIMARY KEY (project_id, idem_key)
    );
    CREATE INDEX idempotency_created ON idempotency_records(created_at);

    CREATE TABLE api_requests (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      -- not indexed: the log is append-only and read by seq (indexes cost a write per request)
      request_id TEXT NOT NULL,
      method TEXT NOT NULL,
      path TEXT NOT NULL,
      query TEXT NOT NULL DEFAULT '',
      operation_id TEXT,
      status INTEGER NOT NULL,
      duration_ms REAL NOT NULL,
      project_id TEXT,
      key_id TEXT,
      request_headers_json TEXT NOT NULL DEFAULT '{}',
      request_body TEXT,
      request_body_truncated INTEGER NOT NULL DEFAULT 0,
      response_body TEXT,
      response_body_truncated INTEGER NOT NULL DEFAULT 0,
      lint_json TEXT NOT NULL DEFAULT '[]',
      idempotent_replay INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    );

    CREATE TABLE proactive_notifications (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      message_id TEXT NOT NULL UNIQUE,
      project_id TEXT NOT NULL,
      agent_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      check_type TEXT NOT NULL,
      generated_message TEXT NOT NULL,
      -- pending | consumed
      status TEXT NOT NULL DEFAULT 'pending',
      wakeup_id TEXT,
      intent TEXT,
      created_at TEXT NOT NULL,
      consumed_at TEXT
    );
    CREATE INDEX proactive_agent ON proactive_notifications(agent_id, status, seq);

    CREATE TABLE project_notifications (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      notification_id TEXT NOT NULL UNIQUE,
      project_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      payload_json TEXT NOT NULL,
      -- pending | acknowledged
      status TEXT NOT NULL DEFAULT 'pending',
      agent_id TEXT,
      user_id TEXT,
      created_at TEXT NOT NULL,
      expires_at TEXT,
      acknowledged_at TEXT
    );
    CREATE INDEX project_notifications_project ON project_notifications(project_id, status, seq);

    CREATE TABLE wakeups (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      wakeup_id TEXT NOT NULL UNIQUE,
      project_id TEXT NOT NULL,
      agent_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      check_type TEXT NOT NULL,
      intent TEXT NOT NULL DEFAULT '',
      occasion TEXT,
      interest_topic TEXT,
      event_description TEXT,
      scheduled_at TEXT NOT NULL,
      -- pending | executed
      status TEXT NOT NULL DEFAULT 'pending',
      generated_message TEXT,
      created_at TEXT NOT NULL,
      executed_at TEXT
    );
    CREATE INDEX wakeups_due ON wakeups(status, scheduled_at);
    CREATE INDEX wakeups_agent ON wakeups(agent_id, seq);

    CREATE TABLE advance_time_jobs (
      job_id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL,
      agent_id TEXT,
      user_id TEXT,
      -- running | succeeded | failed
      status TEXT NOT NULL,
      result_json TEXT,
      error TEXT,
      started_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE studio_clock (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      offset_ms INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO studio_clock (id, offset_ms) VALUES (1, 0);
  `,
};
