import { requestHeadersJson, type StoredHeadersRow } from './request-headers-stored';
import { responseHeadersJson } from './response-headers-stored';

/** The header columns of a full attempt row as read back (the body as `attemptBodySql` resolves it). */
export interface StoredAttemptHeaders extends StoredHeadersRow {
  response_headers_json: string | null;
}

/**
 * A full attempt row as stored, its headers turned back in place into the JSON the studio stored
 * before issue 17: request headers rebuilt when canonical (request-headers-stored.ts, migration
 * 015), response headers from their lines (response-headers-stored.ts).
 */
export function readAttempt<T extends StoredAttemptHeaders>(row: T): T;
export function readAttempt<T extends StoredAttemptHeaders>(row: T | undefined): T | undefined;
export function readAttempt<T extends StoredAttemptHeaders>(row: T | undefined): T | undefined {
  if (!row) return row;
  row.request_headers_json = requestHeadersJson(row);
  row.response_headers_json = responseHeadersJson(row.response_headers_json);
  return row;
}
