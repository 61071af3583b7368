/**
 * A response's headers as node:http's `IncomingMessage.headers` gives them (Node 20, without
 * `joinDuplicateHeaders`): names in lower case; a repeated header joined with ', ' (`cookie`
 * with '; '); `set-cookie` always an array; for the headers node:http keeps once (below) the
 * first one wins and the others are dropped; at most the first MAX_HEADER_LINES lines.
 * Pure. The inspector has shown this record since the studio sent with node:http.
 */
export const MAX_HEADER_LINES = 1000;

/** node:http's `matchKnownFields` entries without a join flag: duplicates dropped. */
const FIRST_ONLY = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);

export function incomingHeaders(pairs: readonly (readonly [string, string])[]): Record<string, string | string[]> {
  // A plain object, as node's: the same names behave the same (`__proto__` is ignored there too).
  const dest: Record<string, string | string[]> = {};
  const n = Math.min(pairs.length, MAX_HEADER_LINES);
  for (let i = 0; i < n; i++) {
    const [field, value] = pairs[i]!;
    const name = field.toLowerCase();
    if (name === 'set-cookie') {
      const cookies = dest['set-cookie'];
      if (Array.isArray(cookies)) cookies.push(value);
      else dest['set-cookie'] = [value];
    } else if (FIRST_ONLY.has(name)) {
      if (dest[name] === undefined) dest[name] = value;
    } else {
      const prev = dest[name];
      dest[name] = typeof prev === 'string' ? prev + (name === 'cookie' ? '; ' : ', ') + value : value;
    }
  }
  return dest;
}
