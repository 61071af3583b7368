import type { Migration } from '../migrate';

/**
 * The body search index (`attempts_fts`, migration 008) is filled after the delivery, not in
 * the attempt's own insert: tokenising every body into trigrams was the largest single cost of
 * storing an attempt. `attempts_fts_progress.last_seq` is the newest attempt indexed; attempts
 * above it are indexed by the inspector's background indexer, and before any body search
 * (src/core/inspector/body-index.ts). Only indexed rows are taken out of the index when an
 * attempt is deleted or its bodies change (an FTS5 'delete' of unindexed text would corrupt it).
 */
export const m013BodyIndexOffPath: Migration = {
  id: 13,
  name: 'body search indexed off the delivery path',
  up: `
    CREATE TABLE attempts_fts_progress (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      last_seq INTEGER NOT NULL
    );
    INSERT INTO attempts_fts_progress (id, last_seq) SELECT 1, coalesce(max(seq), 0) FROM attempts;

    DROP TRIGGER attempts_fts_ai;
    DROP TRIGGER attempts_fts_ad;
    DROP TRIGGER attempts_fts_au;
    CREATE TRIGGER attempts_fts_ad AFTER DELETE ON attempts
      WHEN old.seq <= (SELECT last_seq FROM attempts_fts_progress) BEGIN
      INSERT INTO attempts_fts(attempts_fts, rowid, request_body, response_body)
        VALUES ('delete', old.seq, CAST(old.request_body AS TEXT), old.response_body);
    END;
    CREATE TRIGGER attempts_fts_au AFTER UPDATE OF request_body, response_body ON attempts
      WHEN old.seq <= (SELECT last_seq FROM attempts_fts_progress) BEGIN
      INSERT INTO attempts_fts(attempts_fts, rowid, request_body, response_body)
        VALUES ('delete', old.seq, CAST(old.request_body AS TEXT), old.response_body);
      INSERT INTO attempts_fts(rowid, request_body, response_body)
        VALUES (new.seq, CAST(new.request_body AS TEXT), new.response_body);
    END;
  `,
};
