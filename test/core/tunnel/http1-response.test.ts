import { describe, expect, it } from 'vitest';
import { createResponseParser, MAX_HEAD_BYTES, type ParseStep } from '../../../src/core/tunnel/http1-response';

const LIMIT = 1024 * 1024;

/** Feeds `raw` in pieces of `size` bytes (1 = byte by byte); the last step. */
function feed(raw: Buffer | string, opts: { size?: number; head?: boolean; limit?: number; end?: boolean } = {}) {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw;
  const p = createResponseParser({ requestWasHead: opts.head ?? false, maxBodyBytes: opts.limit ?? LIMIT });
  const size = opts.size ?? bytes.length;
  let step: ParseStep = { kind: 'more' };
  for (let i = 0; i < bytes.length && step.kind === 'more'; i += size) step = p.push(bytes.subarray(i, i + size));
  if (opts.end && step.kind === 'more') step = p.end();
  return step;
}

function done(step: ParseStep) {
  if (step.kind !== 'done') throw new Error(`expected a response, got ${JSON.stringify(step)}`);
  return step.response;
}

describe('HTTP/1.x response parser', () => {
  it('reads a Content-Length body, whole or byte by byte, keeping headers as sent', () => {
    const raw =
      'HTTP/1.1 201 Created\r\nX-Handler:  mine \r\nset-cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 7\r\n\r\nhandled';
    for (const size of [undefined, 1, 5]) {
      const r = done(feed(raw, { size }));
      expect(r.status).toBe(201);
      expect(r.headers).toEqual([
        ['X-Handler', 'mine'],
        ['set-cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
        ['Content-Length', '7'],
      ]);
      expect(r.body.toString()).toBe('handled');
      expect(r.reusable).toBe(true);
    }
  });

  it('keeps header bytes outside ASCII as they came (latin1, as node:http reads them)', () => {
    const raw = Buffer.concat([
      Buffer.from('HTTP/1.1 200 OK\r\nX-Name: caf'),
      Buffer.from([0xe9, 0xa0]),
      Buffer.from('\r\nContent-Length: 0\r\n\r\n'),
    ]);
    const r = done(feed(raw));
    expect(Buffer.from(r.headers[0][1], 'latin1')).toEqual(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0xa0]));
  });

  it('decodes a chunked body (extensions and trailers ignored), in any split', () => {
    const raw =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1\r\n \r\n6\r\nworld!\r\n0\r\nX-Trailer: t\r\n\r\n';
    for (const size of [undefined, 1, 3, 7]) {
      const r = done(feed(raw, { size }));
      expect(r.body.toString()).toBe('hello world!');
      expect(r.headers).toEqual([['Transfer-Encoding', 'chunked']]);
      expect(r.reusable).toBe(true);
    }
  });

  it('reads a body without a length until the connection ends, and never reuses that connection', () => {
    const p = createResponseParser({ requestWasHead: false, maxBodyBytes: LIMIT });
    expect(p.push(Buffer.from('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nab'))).toEqual({ kind: 'more' });
    expect(p.push(Buffer.from('cd'))).toEqual({ kind: 'more' });
    const r = done(p.end());
    expect(r.body.toString()).toBe('abcd');
    expect(r.reusable).toBe(false);
  });

  it('has no body after HEAD, 204 and 304, whatever the headers say', () => {
    expect(done(feed('HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n', { head: true })).body.length).toBe(0);
    expect(done(feed('HTTP/1.1 204 No Content\r\n\r\n')).status).toBe(204);
    expect(done(feed('HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n')).body.length).toBe(0);
  });

  it('skips interim answers (100 Continue, 103) and reads the final one', () => {
    const r = done(
      feed(
        'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
        {
          size: 4,
        },
      ),
    );
    expect([r.status, r.body.toString(), r.headers]).toEqual([200, 'ok', [['Content-Length', '2']]]);
  });

  it('accepts bare LF line ends and a status line without a reason', () => {
    const r = done(feed('HTTP/1.1 200\nContent-Length: 1\n\nx'));
    expect([r.status, r.body.toString()]).toEqual([200, 'x']);
  });

  it('reuses a connection only when HTTP/1.1 does not say close, or HTTP/1.0 says keep-alive, and nothing is left over', () => {
    expect(done(feed('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')).reusable).toBe(false);
    expect(done(feed('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n')).reusable).toBe(false);
    expect(done(feed('HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n')).reusable).toBe(true);
    expect(done(feed('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxy')).reusable).toBe(false);
    // A length beside a transfer coding: read by the coding, then the connection is closed.
    const both = done(
      feed('HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n'),
    );
    expect([both.body.toString(), both.reusable]).toEqual(['a', false]);
  });

  it('refuses what is not HTTP/1.x', () => {
    const error = (raw: string) => {
      const s = feed(raw);
      return s.kind === 'error' ? s.error : s.kind;
    };
    expect(error('SSH-2.0-OpenSSH\r\n\r\n')).toMatch(/not an HTTP\/1.x status line/);
    expect(error('HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n')).toMatch(/invalid header line/);
    expect(error('HTTP/1.1 200 OK\r\n folded: value\r\n\r\n')).toMatch(/invalid header line/);
    expect(error('HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n')).toMatch(/conflicting/);
    expect(error('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n')).toMatch(/invalid Content-Length/);
    expect(error('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')).toMatch(/invalid chunk size/);
    expect(error('HTTP/1.1 101 Switching Protocols\r\n\r\n')).toMatch(/switched protocols/);
    const huge = feed(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(MAX_HEAD_BYTES)}`);
    expect(huge).toMatchObject({ kind: 'error', error: 'response headers larger than allowed' });
  });

  it('stops at the size limit (too large) and says a response cut short was cut short', () => {
    const big = feed('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789', { limit: 4 });
    expect(big).toMatchObject({ kind: 'error', tooLarge: true, error: 'the local response is larger than 4 bytes' });
    expect(feed('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n01234', { end: true })).toEqual({
      kind: 'error',
      error: 'socket hang up',
    });
    expect(feed('HTTP/1.1 200', { end: true })).toMatchObject({ kind: 'error', error: 'socket hang up' });
  });
});
