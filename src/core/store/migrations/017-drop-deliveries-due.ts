import type { Migration } from '../migrate';

/**
 * `deliveries_due` (status, next_attempt_at) indexed every delivery ever made, and every
 * delivery changes status twice (taken, then its outcome): each change moved its entry.
 * Nothing needs it any more: the due loop reads `deliveries_ready` (open rows only, migration
 * 005), the deliveries view filters through `deliveries_status_seq`, and OneInbox's cancel of a
 * webhook's open deliveries walks `deliveries_ready` too (open rows are few).
 */
export const m017DropDeliveriesDue: Migration = {
  id: 17,
  name: 'drop the deliveries_due index (the open-rows index serves its queries)',
  up: `DROP INDEX IF EXISTS deliveries_due;`,
};
