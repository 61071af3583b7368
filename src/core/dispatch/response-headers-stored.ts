/**
 * An attempt's response headers as stored (issue 17): one line per header, in the record's
 * order, `name:value`, the names most answers carry written as one character each (NAMES), e.g.
 * `\x10text/plain\n\x11Thu, 01 Jan 2026 00:00:00 GMT\n\x12keep-alive` for content-type, date and
 * connection: about half the bytes of the record's JSON. Readers get back the JSON the studio
 * stored before (`responseHeadersJson`), byte for byte. A record this cannot hold exactly (a
 * `set-cookie` list, a value with a control character, a name that is not a plain token) is
 * stored as JSON, as older rows are: JSON starts with `{`, which no line does.
 *
 * Values are shortened too (no value a line holds has a control character other than HTAB, so
 * neither form can be mistaken for a value): one of the values most answers carry is written as
 * one control character (VALUES), and an HTTP date (IMF-fixdate, `Date`, `Last-Modified`, …) as
 * `\x0e` and its seconds since 1970 in base 36, when that gives back exactly the same text.
 * A Node receiver's usual record then takes 20 bytes instead of 68. Rows stored before keep
 * their values as text and read the same.
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

/** Coded values, written as the one character `\x01` + index (\x01–\x08: never HTAB or LF). Append only: stored rows use these codes. */
const VALUES = [
  'keep-alive',
  'timeout=5',
  'text/plain',
  'application/json',
  'application/json; charset=utf-8',
  'close',
  'chunked',
  'text/plain; charset=utf-8',
] as const;
const VALUE_CODE_OF = new Map<string, string>(VALUES.map((v, i) => [v, String.fromCharCode(1 + i)]));
/** Marks a value stored as an HTTP date's seconds since 1970, in base 36. */
const DATE_MARK = '\x0e';
/** `Thu, 01 Jan 2026 00:00:00 GMT`: the only shape `toUTCString` gives back exactly (years 1000–9999). */
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** How a value is written in its line: coded, as a date's seconds, or as itself. */
function storedValue(value: string): string {
  const code = VALUE_CODE_OF.get(value);
  if (code !== undefined) return code;
  if (value.length === 29 && IMF_FIXDATE.test(value)) {
    const ms = Date.parse(value);
    if (ms >= 0 && new Date(ms).toUTCString() === value) return DATE_MARK + (ms / 1000).toString(36);
  }
  return value;
}

/** A line's value as the response carried it. */
function valueOf(stored: string): string {
  if (stored.length === 0) return stored;
  const c = stored.charCodeAt(0);
  if (c >= 32 || c === 9) return stored;
  if (stored.length === 1 && c >= 1 && c <= VALUES.length) return VALUES[c - 1]!; // VALUES has 8: \x09 is never a code
  if (stored[0] === DATE_MARK) return new Date(parseInt(stored.slice(1), 36) * 1000).toUTCString();
  return stored; // not written by this studio: shown as it is
}

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
    out += (out === '' ? '' : '\n') + (code ?? `${name}:`) + storedValue(value);
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
    if (name !== null) record[name] = valueOf(line.slice(1));
    else {
      const colon = line.indexOf(':');
      record[line.slice(0, colon)] = valueOf(line.slice(colon + 1));
    }
  }
  return JSON.stringify(record);
}
