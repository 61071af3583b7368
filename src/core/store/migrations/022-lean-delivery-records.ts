import type { Migration } from '../migrate';

const HEX = '[0-9a-f]';
/** `["<lower-case uuid>"]` as a GLOB (`[[]` is a literal `[`). */
const ONE_UUID_GLOB = `[[]"${HEX.repeat(8)}-${HEX.repeat(4)}-${HEX.repeat(4)}-${HEX.repeat(4)}-${HEX.repeat(12)}"]`;

/**
 * Two more columns lose what they repeat (issue 17, point 3):
 * - `deliveries.last_attempt_id` is dropped: written on every outcome and read by no query (a
 *   delivery's attempts, the last one included, come from `attempts_delivery`), 36 bytes a
 *   delivery. Dropping it rewrites the table once.
 * - an attempt's `secret_ids_json` naming one secret, `["<uuid>"]`, is stored as the UUID's 16
 *   bytes (src/core/dispatch/secret-ids-stored.ts; readers rebuild the text with
 *   `secretIdsSql`). Existing rows are converted when the text is exactly that, so the rebuild
 *   gives back the same bytes; every other list stays as it is.
 */
export const m022LeanDeliveryRecords: Migration = {
  id: 22,
  name: 'deliveries without last_attempt_id; one-secret lists stored as their 16 bytes',
  up: `
    ALTER TABLE deliveries DROP COLUMN last_attempt_id;
    UPDATE attempts
      SET secret_ids_json = unhex(replace(substr(secret_ids_json, 3, 36), '-', ''))
      WHERE typeof(secret_ids_json) = 'text' AND length(secret_ids_json) = 40
        AND secret_ids_json GLOB '${ONE_UUID_GLOB}';
  `,
};
