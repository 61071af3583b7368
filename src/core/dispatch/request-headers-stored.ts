/**
 * An attempt's request headers as stored (migration 015, issue 17). Most attempts sent exactly
 * the headers the sender writes for their URL, body and signature, in this order:
 * `Content-Type: application/json`, `Sonzai-Signature: <signature_header>`,
 * `Content-Length: <body bytes>`, `Host: <the URL's host>`, `Connection: keep-alive`.
 * Those store `request_headers_json = ''` (CANONICAL_HEADERS) and are rebuilt on read from the
 * row's own `webhook_url`, `signature_header` and body; any other set (an `Authorization`, the
 * studio's labelled extras, a synthetic attempt that never left the studio, OneInbox's headers)
 * is stored as JSON as before. The write side stores '' only when the rebuild gives back the
 * very same names, values and order, so a reader always sees what went on the wire.
 */

/** `request_headers_json` of an attempt whose headers are rebuilt on read. */
export const CANONICAL_HEADERS = '';

/** URLs whose host has been worked out (a burst stores thousands of attempts to a handful); bounded. */
const MAX_HOSTS = 256;
const hosts = new Map<string, string | null>();

/** `Host` as the sender writes it for `url` (http: and https: without credentials), else null. */
export function hostOf(url: string): string | null {
  let host = hosts.get(url);
  if (host === undefined) {
    host = parseHost(url);
    if (hosts.size >= MAX_HOSTS) hosts.clear();
    hosts.set(url, host);
  }
  return host;
}

function parseHost(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null; // node:http adds an Authorization after Host
    return url.host; // brackets for IPv6, the port unless it is the scheme's default
  } catch {
    return null;
  }
}

/** The canonical headers for an attempt, or null when its URL has none (not http(s), credentials). */
export function canonicalRequestHeaders(
  url: string,
  bodyBytes: number,
  signature: string,
): Record<string, string> | null {
  const host = hostOf(url);
  if (host === null) return null;
  return {
    'Content-Type': 'application/json',
    'Sonzai-Signature': signature,
    'Content-Length': String(bodyBytes),
    Host: host,
    Connection: 'keep-alive',
  };
}

/** Whether `sent` is exactly the canonical set (names, values, order): no copy, no JSON. */
function isCanonical(sent: Record<string, string>, url: string, bodyBytes: number, signature: string): boolean {
  let i = 0;
  for (const name in sent) {
    const value = sent[name];
    switch (i++) {
      case 0:
        if (name !== 'Content-Type' || value !== 'application/json') return false;
        break;
      case 1:
        if (name !== 'Sonzai-Signature' || value !== signature) return false;
        break;
      case 2:
        if (name !== 'Content-Length' || value !== String(bodyBytes)) return false;
        break;
      case 3:
        if (name !== 'Host' || value !== hostOf(url)) return false;
        break;
      case 4:
        if (name !== 'Connection' || value !== 'keep-alive') return false;
        break;
      default:
        return false;
    }
  }
  return i === 5;
}

/** What `request_headers_json` stores for headers `sent` with `body` to `url` signed `signature`. */
export function storedRequestHeaders(
  sent: Record<string, string>,
  url: string,
  bodyBytes: number,
  signature: string | null,
): string {
  if (signature !== null && isCanonical(sent, url, bodyBytes, signature)) return CANONICAL_HEADERS;
  return JSON.stringify(sent);
}

/** The columns a rebuild reads (the body as `attemptBodySql` resolves it). */
export interface StoredHeadersRow {
  request_headers_json: string;
  webhook_url: string;
  signature_header: string | null;
  request_body: Buffer | string | null;
}

/** The headers' JSON as it was before migration 015 (rebuilt when stored as CANONICAL_HEADERS). */
export function requestHeadersJson(row: StoredHeadersRow): string {
  if (row.request_headers_json !== CANONICAL_HEADERS) return row.request_headers_json;
  const body = row.request_body;
  const bytes = body === null ? 0 : typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
  const headers =
    row.signature_header === null ? null : canonicalRequestHeaders(row.webhook_url, bytes, row.signature_header);
  return headers ? JSON.stringify(headers) : '{}';
}
