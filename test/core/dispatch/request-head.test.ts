import http from 'node:http';
import { Duplex } from 'node:stream';
import { urlToHttpOptions } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hostHeader, requestHead } from '../../../src/core/dispatch/request-head';

describe('the request head node:http writes', () => {
  it('writes Host as node:http does: the port unless it is the default, IPv6 literals in brackets', () => {
    expect(hostHeader('example.test', 80)).toBe('example.test');
    expect(hostHeader('example.test', 8080)).toBe('example.test:8080');
    expect(hostHeader('127.0.0.1', 3000)).toBe('127.0.0.1:3000');
    expect(hostHeader('::1', 3000)).toBe('[::1]:3000');
    expect(hostHeader('::1', 80)).toBe('[::1]');
    expect(hostHeader('[::1]', 3000)).toBe('[::1]:3000');
  });

  it('writes the Host node:http sets for the same URL (default ports, IPv6 literals, names)', () => {
    for (const raw of [
      'http://example.test/x',
      'http://example.test:80/x',
      'http://example.test:8080/x',
      'http://127.0.0.1:3000/x',
      'http://[::1]/x',
      'http://[::1]:3000/x',
      'http://[2001:db8::1]:80/x',
      'http://LocalHost:9/x',
    ]) {
      const url = new URL(raw);
      // node:http's ClientRequest sets Host as it is built; a socket that goes nowhere keeps it from
      // connecting, and defaultPort stands for the sender's agent's (80).
      const req = http.request({
        ...urlToHttpOptions(url),
        method: 'POST',
        defaultPort: 80,
        createConnection: () => new Duplex(),
      });
      req.on('error', () => {});
      const port = url.port ? Number(url.port) : 80;
      expect(hostHeader(urlToHttpOptions(url).hostname!, port)).toBe(req.getHeader('host'));
      req.destroy();
    }
  });

  it('writes the given headers in order and case, then Content-Length, Host and Connection', () => {
    const r = requestHead(
      '/hook?x=1',
      'localhost:9',
      [
        ['Content-Type', 'application/json'],
        ['Sonzai-Signature', 't=1,v1=ab'],
        ['Authorization', 'Bearer x'],
      ],
      12,
    );
    expect(r!.head).toBe(
      'POST /hook?x=1 HTTP/1.1\r\nContent-Type: application/json\r\nSonzai-Signature: t=1,v1=ab\r\n' +
        'Authorization: Bearer x\r\nContent-Length: 12\r\nHost: localhost:9\r\nConnection: keep-alive\r\n\r\n',
    );
    expect(Object.entries(r!.written)).toEqual([
      ['Content-Type', 'application/json'],
      ['Sonzai-Signature', 't=1,v1=ab'],
      ['Authorization', 'Bearer x'],
      ['Content-Length', '12'],
      ['Host', 'localhost:9'],
      ['Connection', 'keep-alive'],
    ]);
  });

  it('folds repeated names as node:http folds a header record: first place, last spelling and value', () => {
    const r = requestHead(
      '/',
      'h',
      [
        ['X-A', '1'],
        ['B', 'b'],
        ['x-a', '2'],
        ['X-A', '3'],
      ],
      0,
    );
    // The record is { 'X-A': '3', B: 'b', 'x-a': '2' }; setHeader keeps X-A's place with x-a's spelling.
    expect(r!.head).toBe(
      'POST / HTTP/1.1\r\nx-a: 2\r\nB: b\r\nContent-Length: 0\r\nHost: h\r\nConnection: keep-alive\r\n\r\n',
    );
  });

  it('leaves to node:http a request setting a header it acts on', () => {
    for (const name of [
      'Host',
      'connection',
      'Content-Length',
      'Transfer-Encoding',
      'Expect',
      'Upgrade',
      'Trailer',
      'Keep-Alive',
    ])
      expect(requestHead('/', 'h', [[name, 'x']], 1)).toBeNull();
  });

  it('throws for an invalid header name or value, as node:http does', () => {
    expect(() => requestHead('/', 'h', [['X-Bad', 'a\r\nInjected: 1']], 1)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_CHAR' }),
    );
    expect(() => requestHead('/', 'h', [['Bad Name', 'a']], 1)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_HTTP_TOKEN' }),
    );
  });
});
