import type { Migration } from '../migrate';

/**
 * Inboxes (their configured response and forward target) and captures: every request an
 * inbox got, raw bytes and headers, its signature verdict and the local target's answer.
 * `relay_id` makes a relayed request stored once, however often the relay sends it.
 */
export const m006Tunnel: Migration = {
  id: 6,
  name: 'tunnel inboxes and captures',
  up: `
    CREATE TABLE inboxes (
      name TEXT PRIMARY KEY,
      response_status INTEGER NOT NULL DEFAULT 200,
      response_body TEXT NOT NULL DEFAULT '',
      response_content_type TEXT NOT NULL DEFAULT 'text/plain; charset=utf-8',
      delay_ms INTEGER NOT NULL DEFAULT 0,
      forward_to TEXT,
      forward_timeout_ms INTEGER NOT NULL DEFAULT 10000,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE captures (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      capture_id TEXT NOT NULL UNIQUE,
      inbox TEXT NOT NULL,
      via TEXT NOT NULL,
      relay_id TEXT,
      method TEXT NOT NULL,
      path TEXT NOT NULL,
      query TEXT NOT NULL DEFAULT '',
      headers_json TEXT NOT NULL,
      content_type TEXT,
      body BLOB NOT NULL,
      source_address TEXT NOT NULL,
      signature_json TEXT NOT NULL,
      signature_ok INTEGER,
      forward_to TEXT,
      forward_status INTEGER,
      forward_headers_json TEXT,
      forward_body BLOB,
      forward_error TEXT,
      response_status INTEGER,
      duration_ms INTEGER NOT NULL DEFAULT 0,
      received_at TEXT NOT NULL,
      completed_at TEXT
    );
    CREATE UNIQUE INDEX captures_relay_id ON captures(relay_id) WHERE relay_id IS NOT NULL;
    CREATE INDEX captures_inbox_seq ON captures(inbox, seq);
  `,
};
