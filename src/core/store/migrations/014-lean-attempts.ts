import type { Migration } from '../migrate';

/**
 * Attempts take a third of the disk they did (issue 17):
 * - **A body is stored once.** An attempt that sent its event's exact bytes (every delivery and
 *   retry, and a replay that was not edited) keeps `request_body` NULL; readers take
 *   `coalesce(request_body, events.body)` (`ATTEMPT_BODY_SQL`). Only an edited replay stores its
 *   own bytes. Existing rows are emptied the same way.
 * - **The body index keeps no positions.** `attempts_fts` becomes a contentless trigram index with
 *   `detail=none`: a search finds the attempts holding every trigram of the text, then checks the
 *   text itself in the bodies (src/core/inspector/query.ts). Positions were 70 % of the index.
 *   `contentless_delete` lets a pruned attempt leave the index by its rowid alone. It is refilled
 *   by the background indexer (progress reset to 0), so opening a large store stays quick.
 * - **Indexes no query needs are dropped:** `attempts_code` (no filter on an exact code; the code
 *   class has its expression index), `attempts_created` (`attempts_created_seq` serves time
 *   ranges), `attempts_type_status` (type + status walks `attempts_type`),
 *   `attempts_project_type` (the API's list of one project's attempts of a type walks
 *   `attempts_type`: a studio holds a handful of projects), `events_project_type` (no query reads
 *   events by project); `attempts_replay_of` keeps only the replays (partial index), not a NULL
 *   for every other attempt; `attempts_webhook` and `attempts_platform` keep only OneInbox's
 *   attempts (a Sonzai webhook's are found by URL, and most attempts are Sonzai's).
 */
export const m014LeanAttempts: Migration = {
  id: 14,
  name: 'bodies stored once, a lean body index, fewer attempt indexes',
  up: `
    DROP TRIGGER IF EXISTS attempts_fts_ad;
    DROP TRIGGER IF EXISTS attempts_fts_au;
    DROP TABLE attempts_fts;
    CREATE VIRTUAL TABLE attempts_fts USING fts5(
      request_body, response_body,
      content='', contentless_delete=1, detail=none,
      tokenize='trigram case_sensitive 0'
    );
    UPDATE attempts_fts_progress SET last_seq = 0;

    UPDATE attempts SET request_body = NULL
      WHERE request_body IS NOT NULL AND event_id IS NOT NULL
        AND request_body = (SELECT e.body FROM events e WHERE e.event_id = attempts.event_id);

    CREATE TRIGGER attempts_fts_ad AFTER DELETE ON attempts
      WHEN old.seq <= (SELECT last_seq FROM attempts_fts_progress) BEGIN
      DELETE FROM attempts_fts WHERE rowid = old.seq;
    END;
    CREATE TRIGGER attempts_fts_au AFTER UPDATE OF request_body, response_body ON attempts
      WHEN old.seq <= (SELECT last_seq FROM attempts_fts_progress) BEGIN
      DELETE FROM attempts_fts WHERE rowid = old.seq;
      INSERT INTO attempts_fts(rowid, request_body, response_body)
        VALUES (new.seq,
          CAST(coalesce(new.request_body, (SELECT e.body FROM events e WHERE e.event_id = new.event_id)) AS TEXT),
          new.response_body);
    END;

    DROP INDEX attempts_code;
    DROP INDEX attempts_created;
    DROP INDEX attempts_type_status;
    DROP INDEX attempts_replay_of;
    CREATE INDEX attempts_replay_of ON attempts(replay_of) WHERE replay_of IS NOT NULL;
    DROP INDEX attempts_project_type;
    DROP INDEX events_project_type;
    DROP INDEX attempts_webhook;
    CREATE INDEX attempts_webhook ON attempts(webhook_id, seq) WHERE platform = 'oneinbox';
    DROP INDEX attempts_platform;
    CREATE INDEX attempts_platform ON attempts(seq) WHERE platform = 'oneinbox';
  `,
};
