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
});
