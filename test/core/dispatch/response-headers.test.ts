import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { incomingHeaders, MAX_HEADER_LINES } from '../../../src/core/dispatch/response-headers';

/** node:http's own record for the same header lines (IncomingMessage.headers), the reference. */
function nodeRecord(pairs: [string, string][]): Record<string, string | string[]> {
  const msg = new http.IncomingMessage(null as never) as http.IncomingMessage & {
    _addHeaderLines(headers: string[], n: number): void;
  };
  const flat = pairs.flat();
  msg._addHeaderLines(flat, flat.length);
  return msg.headers as Record<string, string | string[]>;
}

// Every name node:http knows (each in two spellings), some it does not, each twice.
const KNOWN = [
  'Age', 'Authorization', 'Content-Length', 'Content-Type', 'ETag', 'Expires', 'From', 'Host',
  'If-Modified-Since', 'If-Unmodified-Since', 'Last-Modified', 'Location', 'Max-Forwards',
  'Proxy-Authorization', 'Referer', 'Retry-After', 'Server', 'User-Agent', 'Set-Cookie', 'Cookie',
  'Date', 'Vary', 'Origin', 'Expect', 'Accept', 'Upgrade', 'If-Match', 'Connection', 'Cache-Control',
  'If-None-Match', 'Accept-Encoding', 'Accept-Language', 'X-Forwarded-For', 'Content-Encoding',
  'X-Forwarded-Host', 'Transfer-Encoding', 'X-Forwarded-Proto', 'Keep-Alive', 'X-Request-Id', 'WWW-Authenticate',
  'Link', 'Content-Disposition', 'constructor', 'toString', '__proto__',
]; // prettier-ignore

describe('response headers as node:http records them', () => {
  it('matches IncomingMessage.headers for every known name, repeated, in either case', () => {
    const pairs: [string, string][] = [];
    KNOWN.forEach((name, i) => {
      pairs.push([name, `first ${i}`]);
      pairs.push([name.toLowerCase(), `second ${i}`]);
      pairs.push([name.toUpperCase(), `third ${i}`]);
    });
    expect(incomingHeaders(pairs)).toEqual(nodeRecord(pairs));
    expect(Object.keys(incomingHeaders(pairs))).toEqual(Object.keys(nodeRecord(pairs)));
  });

  it('joins repeats with ", " (cookie with "; "), keeps set-cookie as an array and the first of a single-valued header', () => {
    const pairs: [string, string][] = [
      ['X-A', '1'],
      ['x-a', '2'],
      ['Content-Type', 'text/plain'],
      ['content-type', 'text/html'],
      ['Set-Cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['Cookie', 'c'],
      ['Cookie', 'd'],
      ['Location', '/one'],
      ['Location', '/two'],
    ];
    expect(incomingHeaders(pairs)).toEqual({
      'x-a': '1, 2',
      'content-type': 'text/plain',
      'set-cookie': ['a=1', 'b=2'],
      cookie: 'c; d',
      location: '/one',
    });
    expect(incomingHeaders(pairs)).toEqual(nodeRecord(pairs));
  });

  it('reads at most the first MAX_HEADER_LINES lines, as node:http parses them', () => {
    const pairs = Array.from({ length: MAX_HEADER_LINES + 5 }, (_, i): [string, string] => [`X-${i}`, String(i)]);
    const rec = incomingHeaders(pairs);
    expect(Object.keys(rec)).toHaveLength(MAX_HEADER_LINES);
    expect(rec[`x-${MAX_HEADER_LINES - 1}`]).toBe(String(MAX_HEADER_LINES - 1));
    expect(rec[`x-${MAX_HEADER_LINES}`]).toBeUndefined();
  });
});
