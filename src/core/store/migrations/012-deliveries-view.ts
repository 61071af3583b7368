import type { Migration } from '../migrate';

/**
 * The deliveries view (one row per event × webhook, newest first): its filters on event
 * type, URL and state are index searches walked in `seq` order, and its counts read an index.
 */
export const m012DeliveriesView: Migration = {
  id: 12,
  name: 'deliveries view indexes',
  up: `
    CREATE INDEX deliveries_type_seq ON deliveries(event_type, seq);
    CREATE INDEX deliveries_url_seq ON deliveries(webhook_url, seq);
    CREATE INDEX deliveries_status_seq ON deliveries(status, seq);
    CREATE INDEX deliveries_webhook_seq ON deliveries(webhook_id, seq);
  `,
};
