import { describe, expect, it } from 'vitest';
import { responseHeadersJson, storedResponseHeaders } from '../../../src/core/dispatch/response-headers-stored';

describe('response headers as stored', () => {
  it('stores a record as lines, common names coded, and reads back the very JSON stored before', () => {
    const records: Record<string, string | string[]>[] = [
      {
        'content-type': 'text/plain',
        date: 'Thu, 01 Jan 2026 00:00:00 GMT',
        connection: 'keep-alive',
        'keep-alive': 'timeout=5',
        'content-length': '21',
      },
      { 'x-custom': 'a:b: c', 'content-type': 'application/json; charset=utf-8', vary: '' },
      { '123': 'numeric names come first in JSON too', server: 'nginx', '7': 'x' },
      { 'x-tab': 'a\tb', 'x-obs': 'caf\u00e9 \u00ff', 'x-quote': '"quoted" \\ back' },
      { location: 'http://localhost:3000/login', 'retry-after': '120', etag: 'W/"1"' },
      { "!#$%&'*+-.^_`|~": 'token characters' },
    ];
    for (const h of records) {
      const stored = storedResponseHeaders(h);
      expect(stored.startsWith('{'), stored).toBe(false);
      expect(responseHeadersJson(stored)).toBe(JSON.stringify(h));
    }
    const plain = records[0]!;
    expect(storedResponseHeaders(plain).length).toBeLessThan(JSON.stringify(plain).length / 2 + 10);
  });

  it('keeps as JSON what lines cannot hold exactly, and reads JSON and null as they are', () => {
    const records: Record<string, string | string[]>[] = [
      {},
      { 'set-cookie': ['a=1', 'b=2'], 'content-type': 'text/plain' },
      { 'content-type': 'text/plain', 'x-bad': 'line\nbreak' },
      { 'x-bad': 'nul\u0000' },
      { 'x-bad': 'del\u007f' },
      { 'a b': 'not a token' },
      { 'x{': 'not a token' },
      { 'a:b': 'not a token' },
      JSON.parse('{"__proto__":"own"}') as Record<string, string>,
    ];
    for (const h of records) {
      const stored = storedResponseHeaders(h);
      expect(stored).toBe(JSON.stringify(h));
      expect(responseHeadersJson(stored)).toBe(JSON.stringify(h));
    }
    expect(responseHeadersJson(null)).toBeNull();
    expect(responseHeadersJson('[["a","1"]]')).toBe('[["a","1"]]');
    expect(responseHeadersJson('{"a":"1"}')).toBe('{"a":"1"}');
  });

  it('writes common values as one character and HTTP dates as their seconds, and reads back the same JSON', () => {
    const node = {
      'content-type': 'text/plain',
      date: 'Thu, 01 Jan 2026 01:15:53 GMT',
      connection: 'keep-alive',
      'keep-alive': 'timeout=5',
      'content-length': '2',
    };
    const stored = storedResponseHeaders(node);
    // 68 bytes as plain lines; 20 with the values coded.
    expect(Buffer.byteLength(stored)).toBe(20);
    expect(stored).toContain('\x0e' + (Date.parse(node.date) / 1000).toString(36));
    expect(responseHeadersJson(stored)).toBe(JSON.stringify(node));

    const records: Record<string, string>[] = [
      // Every coded value, under coded and uncoded names.
      {
        connection: 'close',
        'transfer-encoding': 'chunked',
        'content-type': 'application/json; charset=utf-8',
        'x-a': 'application/json',
        'x-b': 'text/plain; charset=utf-8',
        'x-c': 'keep-alive',
      },
      // Dates: other headers, the first and last second of a day, before 2000, far ahead.
      {
        'last-modified': 'Wed, 21 Oct 2015 07:28:00 GMT',
        expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
        date: 'Fri, 31 Dec 9999 23:59:59 GMT',
        'x-when': 'Sat, 29 Feb 2020 12:00:00 GMT',
      },
      // Dates that are not exactly what toUTCString writes stay text: wrong weekday, lower-case
      // month, another zone, two-digit year, a date before 1970, a leap second, a day past the month.
      {
        date: 'Mon, 01 Jan 2026 00:00:00 GMT',
        expires: 'Thu, 01 jan 2026 00:00:00 GMT',
        'x-a': 'Thu, 01 Jan 2026 00:00:00 UTC',
        'x-b': 'Thursday, 01-Jan-26 00:00:00 GMT',
        'x-c': 'Wed, 31 Dec 1969 23:59:59 GMT',
        'x-d': 'Wed, 31 Dec 2025 23:59:60 GMT',
        'x-e': 'Sat, 31 Feb 2026 00:00:00 GMT',
      },
      // Values that only look like codes: near misses, a value that is a code's text plus more.
      { 'x-a': 'keep-alive ', 'x-b': 'Keep-Alive', 'x-c': 'timeout=50', 'x-d': '', connection: 'keep-alive, close' },
    ];
    for (const h of records) {
      const s = storedResponseHeaders(h);
      expect(s.startsWith('{'), s).toBe(false);
      expect(responseHeadersJson(s)).toBe(JSON.stringify(h));
    }
    // Near-miss dates kept as the text they were.
    expect(storedResponseHeaders(records[2]!)).toContain('Mon, 01 Jan 2026 00:00:00 GMT');
    // Lines written before value codes existed read as they always did.
    expect(responseHeadersJson('\x10text/plain\n\x11Thu, 01 Jan 2026 00:00:00 GMT\n\x12keep-alive')).toBe(
      JSON.stringify({ 'content-type': 'text/plain', date: 'Thu, 01 Jan 2026 00:00:00 GMT', connection: 'keep-alive' }),
    );
  });
});
