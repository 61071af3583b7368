import type { Migration } from '../migrate';

/**
 * Event bodies packed at rest (issue 17; src/core/store/event-bodies.ts):
 * - `body_dictionaries` holds the dictionaries the store's bodies are deflated against;
 * - `events.body_dict` names the one a row's `body` was packed with (NULL: the bytes as fired);
 * - `events_pack_progress` is how far the packer has looked (every event up to `last_seq`).
 * The body index's update trigger reads an event's bytes through `studio_event_body`, the
 * function `openStore` registers, so it indexes the text and not the packed bytes.
 */
export const m018PackedEventBodies: Migration = {
  id: 18,
  name: 'event bodies packed against a dictionary',
  up: `
    CREATE TABLE body_dictionaries (
      id INTEGER PRIMARY KEY,
      bytes BLOB NOT NULL,
      created_at TEXT NOT NULL
    );
    ALTER TABLE events ADD COLUMN body_dict INTEGER;
    CREATE TABLE events_pack_progress (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL);
    INSERT INTO events_pack_progress (id, last_seq) VALUES (1, 0);

    DROP TRIGGER attempts_fts_au;
    CREATE TRIGGER attempts_fts_au AFTER UPDATE OF request_body, response_body ON attempts
      WHEN old.seq <= (SELECT last_seq FROM attempts_fts_progress) BEGIN
      DELETE FROM attempts_fts WHERE rowid = old.seq;
      INSERT INTO attempts_fts(rowid, request_body, response_body)
        VALUES (new.seq,
          CAST(coalesce(new.request_body,
            (SELECT studio_event_body(e.body, e.body_dict) FROM events e WHERE e.event_id = new.event_id)) AS TEXT),
          new.response_body);
    END;
  `,
};
