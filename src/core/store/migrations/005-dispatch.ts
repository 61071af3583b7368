import type { Migration } from '../migrate';

/**
 * The dispatcher's additions: per-webhook failure injection overrides, and two partial
 * indexes so the due loop reads only the deliveries still to run (in order of due time)
 * and in-order delivery finds an endpoint's earlier unfinished delivery at once.
 */
export const m005Dispatch: Migration = {
  id: 5,
  name: 'dispatch: per-webhook injection, ready-delivery indexes',
  up: `
    CREATE TABLE webhook_injection (
      webhook_id TEXT PRIMARY KEY,
      injection_json TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX deliveries_ready ON deliveries(next_attempt_at, seq)
      WHERE status IN ('pending', 'failed');
    CREATE INDEX deliveries_open_by_url ON deliveries(webhook_url, seq)
      WHERE status IN ('pending', 'failed', 'in_flight');
  `,
};
