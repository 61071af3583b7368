import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forward, forwardHeaders, parseTarget, requestHead } from '../../../src/core/tunnel/forward';
import type { HeaderPair } from '../../../src/core/tunnel/hop-by-hop';

/** Records the raw bytes of each request and answers 200 once it has the whole of it. */
let server: net.Server;
let port = 0;
const got: Buffer[] = [];
const sockets = new Set<net.Socket>();
beforeAll(async () => {
  server = net.createServer((s) => {
    sockets.add(s);
    let pending = Buffer.alloc(0);
    s.on('data', (d: Buffer) => {
      got.push(d);
      pending = Buffer.concat([pending, d]);
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(pending.toString('latin1', 0, end));
      const whole = end + 4 + Number(length?.[1] ?? 0);
      if (pending.length < whole) return;
      pending = pending.subarray(whole);
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  nodeAgent.destroy();
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

const nodeAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
/** What node:http's client (the inbox's forwarder before) writes for the same request. */
function viaNodeHttp(method: string, headers: readonly HeaderPair[], body: Buffer): Promise<Buffer> {
  const target = new URL(`http://127.0.0.1:${port}/hook/x?q=1`);
  got.length = 0;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method,
        headers: forwardHeaders(headers, target.host, body, method),
        agent: nodeAgent,
        setHost: false,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(Buffer.concat(got)));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function viaForward(method: string, headers: readonly HeaderPair[], body: Buffer): Promise<Buffer> {
  got.length = 0;
  const r = await forward({ url: `http://127.0.0.1:${port}/hook/x?q=1`, method, headers, body, timeoutMs: 2000 });
  expect(r).toMatchObject({ ok: true, status: 200 });
  return Buffer.concat(got);
}

describe('forward', () => {
  it('writes exactly the bytes node:http wrote for the same request', async () => {
    const cases: [string, HeaderPair[], Buffer][] = [
      [
        'POST',
        [
          ['Host', 'public.example'],
          ['Content-Type', 'application/json'],
          ['Sonzai-Signature', 't=1,v1=ab'],
          ['Content-Length', '2'],
        ],
        Buffer.from('{}'),
      ],
      [
        'GET',
        [
          ['host', 'x'],
          ['Accept', '*/*'],
          ['x-dup', '1'],
          ['X-Dup', '2'],
        ],
        Buffer.alloc(0),
      ],
      [
        'POST',
        [
          ['X-Latin', 'caf\u00e9'],
          ['Transfer-Encoding', 'chunked'],
        ],
        Buffer.from([0, 1, 255]),
      ],
      ['DELETE', [], Buffer.alloc(0)],
      [
        'PUT',
        [
          ['Expect', '100-continue'],
          ['Connection', 'close, X-Hop'],
          ['X-Hop', 'a'],
          ['Keep-Alive', '5'],
        ],
        Buffer.from('z'),
      ],
      ['PATCH', [['Content-Type', 'application/octet-stream']], Buffer.alloc(100_000, 7)],
    ];
    for (const [method, headers, body] of cases) {
      const expected = await viaNodeHttp(method, headers, body);
      expect((await viaForward(method, headers, body)).toString('latin1')).toBe(expected.toString('latin1'));
    }
  });

  it('refuses, as an outcome, what node:http would have thrown for (relayed headers can hold anything)', async () => {
    const bad = await forward({
      url: `http://127.0.0.1:${port}/`,
      method: 'POST',
      headers: [['X-Inject', 'a\r\nEvil: 1']],
      body: Buffer.from('x'),
      timeoutMs: 1000,
    });
    expect(bad).toMatchObject({ ok: false, kind: 'unreachable', error: expect.stringContaining('invalid characters') });
    expect(requestHead('GET', '/a b', [])).toEqual({ error: 'invalid characters in the path "/a b"' });
    expect(requestHead('GE T', '/', [])).toMatchObject({ error: expect.stringContaining('invalid method') });
    expect(requestHead('GET', '/', ['Bad Name', 'v'])).toMatchObject({ error: expect.stringContaining('header name') });
    const notUrl = await forward({ url: 'nope', method: 'GET', headers: [], body: Buffer.alloc(0), timeoutMs: 1 });
    expect(notUrl).toMatchObject({ ok: false, error: 'not a URL: nope' });
  });

  it('parses a forward URL once into what a request needs', () => {
    expect(parseTarget('http://[::1]:8080/a/b?c=1')).toEqual({
      secure: false,
      hostname: '::1',
      port: 8080,
      host: '[::1]:8080',
      origin: 'http://[::1]:8080',
      path: '/a/b?c=1',
    });
    expect(parseTarget('https://localhost/x')).toMatchObject({ secure: true, port: 443, path: '/x' });
    expect(parseTarget('ftp://x/')).toBeNull();
    expect(parseTarget('http://localhost:9/')).toBe(parseTarget('http://localhost:9/'));
  });
});
