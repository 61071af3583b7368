import type { Migration } from '../migrate';

/**
 * `deliveries.updated_at` is dropped (issue 17, point 3): written on every outcome and every
 * status change and read by no query, as `last_attempt_id` was (022). When a delivery last
 * changed is its last attempt's `created_at` (or, for one cancelled before it ran, nothing the
 * studio shows). 24 bytes and one bound value per write. Dropping it rewrites the table once.
 */
export const m023DeliveriesWithoutUpdatedAt: Migration = {
  id: 23,
  name: 'deliveries without updated_at',
  up: `ALTER TABLE deliveries DROP COLUMN updated_at;`,
};
