import type { Migration } from '../migrate';

/**
 * Request headers the readers can rebuild are not stored (issue 17): an attempt whose headers
 * were exactly the sender's canonical set for its URL, body and signature (Content-Type,
 * Sonzai-Signature, Content-Length, Host, Connection, in that order) keeps
 * `request_headers_json = ''`; readers rebuild the JSON from `webhook_url`, `signature_header`
 * and the body (src/core/dispatch/request-headers-stored.ts). Any other set stays as it was.
 *
 * Existing rows are emptied only when the stored JSON is byte for byte the canonical JSON and
 * the URL's authority is already in the form the URL parser gives `Host` (no credentials, a
 * lower-case name of letters, digits, dots and dashes whose last label is not a number, or a
 * plain dotted IPv4 address; a port not starting with 0 and not the scheme's default), so the
 * rebuild on read gives back exactly the stored text.
 */
export const m015CanonicalRequestHeaders: Migration = {
  id: 15,
  name: 'canonical request headers rebuilt on read',
  up: `
    UPDATE attempts SET request_headers_json = ''
      WHERE seq IN (
        WITH
          candidates AS (
            SELECT seq, request_headers_json, signature_header, request_body, event_id,
              CASE WHEN webhook_url GLOB 'http://*' THEN '80' ELSE '443' END AS default_port,
              substr(webhook_url, instr(webhook_url, '://') + 3) AS rest
            FROM attempts
            WHERE signature_header IS NOT NULL
              AND (webhook_url GLOB 'http://*' OR webhook_url GLOB 'https://*')
              AND request_headers_json GLOB '{"Content-Type":"application/json","Sonzai-Signature":*'),
          authorities AS (
            SELECT *, substr(rest, 1, instr(rest || '/', '/') - 1) AS authority FROM candidates),
          parts AS (
            SELECT *,
              CASE WHEN instr(authority, ':') THEN substr(authority, 1, instr(authority, ':') - 1) ELSE authority END AS host,
              CASE WHEN instr(authority, ':') THEN substr(authority, instr(authority, ':') + 1) END AS port
            FROM authorities),
          labelled AS (
            SELECT *, replace(host, rtrim(host, replace(host, '.', '')), '') AS last_label FROM parts)
        SELECT seq FROM labelled
        WHERE host <> ''
          AND host NOT GLOB '*[^a-z0-9.-]*'
          AND host NOT GLOB '.*' AND host NOT GLOB '*.' AND host NOT GLOB '*..*'
          AND (last_label NOT GLOB '[0-9]*'
            OR (host NOT GLOB '*[^0-9.]*'
              AND length(host) - length(replace(host, '.', '')) = 3
              AND '.' || host NOT GLOB '*.0[0-9]*'
              AND '.' || host || '.' NOT GLOB '*.[0-9][0-9][0-9][0-9]*'))
          AND (port IS NULL OR (
            port <> '' AND port NOT GLOB '*[^0-9]*' AND port NOT GLOB '0*' AND length(port) <= 5
            AND CAST(port AS INTEGER) <= 65535 AND port <> default_port))
          AND request_headers_json =
            '{"Content-Type":"application/json","Sonzai-Signature":' || json_quote(signature_header) ||
            ',"Content-Length":"' ||
            length(CAST(coalesce(request_body,
              (SELECT e.body FROM events e WHERE e.event_id = labelled.event_id)) AS BLOB)) ||
            '","Host":' || json_quote(authority) || ',"Connection":"keep-alive"}'
      );
  `,
};
