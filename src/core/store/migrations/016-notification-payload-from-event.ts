import type { Migration } from '../migrate';

/**
 * A project notification left by a fired event reads its payload from that event: the body is
 * stored once (in `events`), not again in `payload_json` for every event fired (issue 17: a
 * burst wrote each body twice). Such a row keeps `payload_json` empty and names its event;
 * every other row (notifications made through the API, and every older row) is as it was.
 */
export const m016NotificationPayloadFromEvent: Migration = {
  id: 16,
  name: 'project notifications read a fired event payload from the event',
  up: `ALTER TABLE project_notifications ADD COLUMN event_id TEXT;`,
};
