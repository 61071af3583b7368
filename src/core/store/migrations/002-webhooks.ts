import type { Migration } from '../migrate';

/** Webhooks (one per project and event type) and their signing secrets, newest current. */
export const m002Webhooks: Migration = {
  id: 2,
  name: 'webhooks and signing secrets',
  up: `
    CREATE TABLE webhooks (
      webhook_id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(project_id) ON DELETE CASCADE,
      event_type TEXT NOT NULL,
      webhook_url TEXT NOT NULL,
      auth_header TEXT,
      is_active INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (project_id, event_type)
    );
    CREATE TABLE webhook_secrets (
      secret_id TEXT PRIMARY KEY,
      webhook_id TEXT NOT NULL,
      project_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      secret TEXT NOT NULL,
      created_at TEXT NOT NULL,
      rotated_at TEXT
    );
    CREATE INDEX webhook_secrets_webhook ON webhook_secrets(webhook_id, created_at);
  `,
};
