import { validateHeaderName, validateHeaderValue } from 'node:http';

/**
 * The bytes node:http writes before the body of a POST through a keep-alive agent, written by
 * hand for the lean client (send.ts): the request line, the given headers, `Content-Length`,
 * `Host`, `Connection: keep-alive`. Pure (but for node's own header checks, which throw
 * exactly as node:http's `setHeader` does).
 */

/** Header names node:http acts on when a caller sets them: a request with one goes through node:http. */
const NODE_HANDLED = new Set([
  'connection',
  'content-length',
  'expect',
  'host',
  'keep-alive',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** `Host` as node:http writes it: IPv6 literals in brackets, the port unless it is the default. */
export function hostHeader(hostname: string, port: number, defaultPort = 80): string {
  let host = hostname;
  const colon = host.indexOf(':');
  if (colon !== -1 && host.includes(':', colon + 1) && host.charCodeAt(0) !== 91 /* [ */) host = `[${host}]`;
  return port !== defaultPort ? `${host}:${port}` : host;
}

export interface RequestHead {
  /** Request line, headers and the blank line (latin1, as node:http writes them). */
  head: string;
  /** The headers written, wire names and values, in order (`SendResult.requestHeaders`). */
  written: Record<string, string>;
}

/**
 * `path` and `host` come from the URL (see hostHeader); `given` as the caller gave them.
 * Null when a given header is one node:http treats itself (NODE_HANDLED).
 */
export function requestHead(
  path: string,
  host: string,
  given: readonly (readonly [string, string])[],
  contentLength: number,
): RequestHead | null {
  // What send.ts has always handed node:http: a record by exact name (first place, last value)…
  const byName: Record<string, string> = {};
  for (const [name, value] of given) byName[name] = value;
  // …which setHeader folds by lower-case name (first place, last name and value).
  const byLower = Object.create(null) as Record<string, [string, string]>;
  for (const name in byName) {
    const value = byName[name]!;
    validateHeaderName(name);
    validateHeaderValue(name, value);
    const lower = name.toLowerCase();
    if (NODE_HANDLED.has(lower)) return null;
    byLower[lower] = [name, value];
  }
  const length = String(contentLength);
  let head = '';
  const written: Record<string, string> = {};
  for (const lower in byLower) {
    const [name, value] = byLower[lower]!;
    head += `${name}: ${value}\r\n`;
    written[name] = value;
  }
  written['Content-Length'] = length;
  written.Host = host;
  written.Connection = 'keep-alive';
  return {
    head: `POST ${path} HTTP/1.1\r\n${head}Content-Length: ${length}\r\nHost: ${host}\r\nConnection: keep-alive\r\n\r\n`,
    written,
  };
}
