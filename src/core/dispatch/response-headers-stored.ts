/**
 * An attempt's response headers as stored (issue 17): one line per header, in the record's
 * order, `name:value`, the names most answers carry written as one character each (NAMES), e.g.
 * `\x10text/plain\n\x11Thu, 01 Jan 2026 00:00:00 GMT\n\x12keep-alive` for content-type, date and
 * connection: about half the bytes of the record's JSON. Readers get back the JSON the studio
 * stored before (`responseHeadersJson`), byte for byte. A record this cannot hold exactly (a
 * `set-cookie` list, a value with a control character, a name that is not a plain token) is
 * stored as JSON, as older rows are: JSON starts with `{`, which no line does.
 */

/** Coded names, `\x10` + index. Append only: stored rows use these codes. */
const NAMES = [
  'content-type',
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'server',
  'x-powered-by',
  'etag',
  'cache-control',
  'vary',
  'access-control-allow-origin',
  'location',
  'retry-after',
  'content-encoding',
  'x-request-id',
] as const;
const FIRST_CODE = 0x10;
const CODES = new Map<string, string>(NAMES.map((n, i) => [n, String.fromCharCode(FIRST_CODE + i)]));

/** A header name written as itself: an HTTP token (so never `{`, `:` or a control character). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Whether a value holds a control character a line cannot (HTAB is a value's own). */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 32 && c !== 9) || c === 127) return true;
  }
  return false;
}

/** What `response_headers_json` stores for a response's header record. */
export function storedResponseHeaders(headers: Record<string, string | string[]>): string {
  let out = '';
  for (const name in headers) {
    const value = headers[name];
    if (typeof value !== 'string' || hasControl(value)) return JSON.stringify(headers);
    const code = CODES.get(name);
    if (code === undefined && (name === '__proto__' || !TOKEN.test(name))) return JSON.stringify(headers);
    out += (out === '' ? '' : '\n') + (code ?? `${name}:`) + value;
  }
  return out === '' ? JSON.stringify(headers) : out;
}

/** The record's JSON as the studio stored it before (lines turned back, JSON as it is). */
export function responseHeadersJson(stored: string | null): string | null {
  if (
    stored === null ||
    stored === '' ||
    stored.charCodeAt(0) === 0x7b /* { */ ||
    stored.charCodeAt(0) === 0x5b /* [ */
  )
    return stored;
  const record: Record<string, string> = {};
  for (const line of stored.split('\n')) {
    const c = line.charCodeAt(0);
    const name = c >= FIRST_CODE && c < FIRST_CODE + NAMES.length ? NAMES[c - FIRST_CODE]! : null;
    if (name !== null) record[name] = line.slice(1);
    else {
      const colon = line.indexOf(':');
      record[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return JSON.stringify(record);
}
