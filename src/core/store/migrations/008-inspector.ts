import type { Migration } from '../migrate';

/**
 * The inspector's indexes over the pinned `attempts` table (migration 003):
 * - response code class (1xx..5xx, 0 = no response) as an expression index,
 * - the common "failed deliveries of one event type" combination,
 * - time range with seq order,
 * - `signed_at`, to find the bytes sent with a pasted signature header (diagnose),
 * - `attempts_fts`: a trigram FTS5 index over request and response bodies, so a
 *   "text in the body" filter is a substring search that never scans the table.
 * Triggers keep the FTS index in step with inserts, updates and pruning.
 */
export const m008Inspector: Migration = {
  id: 8,
  name: 'inspector indexes and body search',
  up: `
    CREATE INDEX attempts_code_class ON attempts(response_code / 100, seq);
    CREATE INDEX attempts_type_status ON attempts(event_type, status, seq);
    CREATE INDEX attempts_created_seq ON attempts(created_at, seq);
    CREATE INDEX attempts_replay_of ON attempts(replay_of);
    CREATE INDEX attempts_event ON attempts(event_id, seq);
    CREATE INDEX attempts_signed_at ON attempts(signed_at);

    CREATE VIRTUAL TABLE attempts_fts USING fts5(
      request_body, response_body,
      content='attempts', content_rowid='seq',
      tokenize='trigram case_sensitive 0'
    );
    INSERT INTO attempts_fts(rowid, request_body, response_body)
      SELECT seq, CAST(request_body AS TEXT), response_body FROM attempts;

    CREATE TRIGGER attempts_fts_ai AFTER INSERT ON attempts BEGIN
      INSERT INTO attempts_fts(rowid, request_body, response_body)
        VALUES (new.seq, CAST(new.request_body AS TEXT), new.response_body);
    END;
    CREATE TRIGGER attempts_fts_ad AFTER DELETE ON attempts BEGIN
      INSERT INTO attempts_fts(attempts_fts, rowid, request_body, response_body)
        VALUES ('delete', old.seq, CAST(old.request_body AS TEXT), old.response_body);
    END;
    CREATE TRIGGER attempts_fts_au AFTER UPDATE OF request_body, response_body ON attempts BEGIN
      INSERT INTO attempts_fts(attempts_fts, rowid, request_body, response_body)
        VALUES ('delete', old.seq, CAST(old.request_body AS TEXT), old.response_body);
      INSERT INTO attempts_fts(rowid, request_body, response_body)
        VALUES (new.seq, CAST(new.request_body AS TEXT), new.response_body);
    END;
  `,
};
