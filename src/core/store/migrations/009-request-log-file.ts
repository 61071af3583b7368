import type { Migration } from '../migrate';

/**
 * The API request log moves to its own file (`api-log.db`), written by its own thread so
 * the request thread never waits on it. Its old table here is dropped: it held at most the
 * newest 10,000 requests of a debugging log.
 */
export const m009RequestLogFile: Migration = {
  id: 9,
  name: 'API request log moves to api-log.db',
  up: `DROP TABLE IF EXISTS api_requests;`,
};
