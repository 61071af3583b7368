import type { Migration } from '../migrate';

/**
 * Deliveries lose what nothing reads or their event already says (issue 17, point 3):
 * - `deliveries.updated_at`, written on every outcome and every status change and read by no
 *   query, as `last_attempt_id` was (022). When a delivery last changed is its last attempt's
 *   `created_at` (or, for one cancelled before it ran, nothing the studio shows). 24 bytes and
 *   one bound value per write; dropping it rewrites the table once.
 * - `deliveries.project_id`: a delivery's project is its event's, always (both are written in
 *   the same transaction from the same input), and no query filters deliveries by it; readers
 *   take it from the event (`deliveries-repo.ts`, `deliveries-query.ts`). 37 bytes a delivery.
 * - the index `deliveries_webhook_seq` (012): no query filters deliveries by webhook id (the
 *   deliveries view filters by URL; OneInbox's cancel goes through `deliveries_ready`). 4.8 MiB
 *   per 100,000 attempts of the inspector bench, and one index entry less per delivery stored.
 */
export const m023DeliveriesWithoutUpdatedAt: Migration = {
  id: 23,
  name: 'deliveries without updated_at, project_id and deliveries_webhook_seq',
  up: `
    ALTER TABLE deliveries DROP COLUMN updated_at;
    ALTER TABLE deliveries DROP COLUMN project_id;
    DROP INDEX deliveries_webhook_seq;
  `,
};
