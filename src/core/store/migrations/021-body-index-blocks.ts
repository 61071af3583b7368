import type { Migration } from '../migrate';

/** One block's bodies, as one document of the index: every attempt of block `b` up to the index's progress. */
const reindexBlock = (b: string) => `
      DELETE FROM attempts_fts WHERE rowid = ${b};
      INSERT INTO attempts_fts(rowid, request_body, response_body)
        SELECT ${b},
          group_concat(CAST(coalesce(a.request_body,
            (SELECT studio_event_body(e.body, e.body_dict) FROM events e WHERE e.event_id = a.event_id)) AS TEXT), char(10)),
          group_concat(a.response_body, char(10))
        FROM attempts a
        WHERE a.seq BETWEEN ${b} * 4 AND min(${b} * 4 + 3, (SELECT last_seq FROM attempts_fts_progress))
        HAVING count(*) > 0;`;

/**
 * The body index holds blocks of four attempts (issue 17, point 3): one document per
 * `seq >> 2`, its bodies joined by newlines. Trigrams that neighbours share (JSON keys, the hex
 * of ids, a burst's words) are stored once per block instead of once per attempt: 42.4 → 20.5
 * MiB per 100,000 attempts of the inspector bench's mix. A search takes the blocks holding every
 * trigram of its text, newest first, and checks the text itself in each of their attempts
 * (src/core/inspector/query.ts). What it costs: a block holds trigrams its attempts hold only
 * between them, so a phrase of common words has more candidates to check ("travel dream coffee"
 * in this mix: a page in 26–28 ms instead of 5; eight to a block would have left 15.3 MiB and
 * taken 38–42 ms).
 *
 * The index is rebuilt by the background indexer (progress reset to 0), so an upgraded studio
 * opens at once; searches meanwhile wait for it to catch up, in slices, as after a burst.
 * Attempts are never deleted or edited by the studio; if one is (by hand, or a future pruning),
 * its block is indexed again from the rows left, so a search never misses one of them.
 */
export const m021BodyIndexBlocks: Migration = {
  id: 21,
  name: 'the body index holds blocks of four attempts',
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

    CREATE TRIGGER attempts_fts_ad AFTER DELETE ON attempts
      WHEN old.seq <= (SELECT last_seq FROM attempts_fts_progress) BEGIN${reindexBlock('(old.seq >> 2)')}
    END;
    CREATE TRIGGER attempts_fts_au AFTER UPDATE OF request_body, response_body ON attempts
      WHEN old.seq <= (SELECT last_seq FROM attempts_fts_progress) BEGIN${reindexBlock('(new.seq >> 2)')}
    END;
  `,
};
