/**
 * The sender's plain-http path (the lean keep-alive client) against node:http, the client it
 * replaced: the same bytes on the wire, the same record of them, the same reading of answers,
 * and its connections (reuse, a server closing them, close()).
 */
import http from 'node:http';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { urlToHttpOptions } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSender, RESPONSE_BODY_LIMIT } from '../../../src/core/dispatch/send';

const sender = createSender();
const nodeAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity, scheduling: 'lifo' });
afterAll(() => {
  sender.close();
  nodeAgent.destroy();
});

const body = Buffer.from('{"event_type":"agent.message","data":{"text":"héllo"}}');
const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

interface Capture {
  url: (host?: string) => string;
  /** Every request's bytes, whole (head and body). */
  requests: Buffer[];
  connections: () => number;
  open: () => number;
  close: () => Promise<void>;
}

/**
 * A raw TCP server on every local address: it reads each request whole (head + Content-Length
 * bytes) and answers it with `answer(socket, n)` (default: a 200 with a body).
 */
async function capture(answer: (s: net.Socket, n: number) => void = (s) => s.write(OK)): Promise<Capture> {
  const requests: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    let buf = Buffer.alloc(0);
    s.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(buf.toString('latin1', 0, end))?.[1] ?? 0);
        if (buf.length < end + 4 + length) return;
        requests.push(buf.subarray(0, end + 4 + length));
        buf = buf.subarray(end + 4 + length);
        answer(s, requests.length);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: (host = '127.0.0.1') => `http://${host}:${port}/hook?x=1&y=%C3%A9`,
    requests,
    connections: () => connections,
    open: () => sockets.size,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** What the sender did before this client, as it did it: node:http with a header record and a keep-alive agent. */
function nodeSend(url: string, given: [string, string][]): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const [name, value] of given) headers[name] = value;
  headers['Content-Length'] = String(body.length);
  const out = http.request({ ...urlToHttpOptions(new URL(url)), method: 'POST', agent: nodeAgent, headers });
  const written: Record<string, string> = {};
  return new Promise((resolve, reject) => {
    out.on('error', reject);
    out.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(written));
    });
    out.end(body);
    for (const name of out.getRawHeaderNames()) written[name] = String(out.getHeader(name));
    if (out.shouldKeepAlive && !('Connection' in written)) written.Connection = 'keep-alive';
  });
}

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const hasIpv6 = Object.values(networkInterfaces()).some((list) => list?.some((a) => a.address === '::1'));

describe('send over plain http: the bytes node:http wrote', () => {
  const cases: [string, [string, string][], string?][] = [
    [
      'the dispatcher’s headers',
      [
        ['Content-Type', 'application/json'],
        ['Sonzai-Signature', 't=1,v1=00'],
        ['Authorization', 'Bearer a'],
        ['X-Webhook-Studio-Attempt', '2'],
      ],
    ],
    ['no header at all', []],
    [
      'a name repeated in other cases',
      [
        ['X-A', '1'],
        ['B', 'b'],
        ['x-a', '2'],
        ['X-A', '3'],
      ],
    ],
    [
      'numeric names and latin1 values',
      [
        ['X-Name', 'café'],
        ['7', 'seven'],
      ],
    ],
    ['a host name', [['Content-Type', 'application/json']], 'localhost'],
    ['an IPv6 literal', [['Content-Type', 'application/json']], '[::1]'],
    ['a Host header given (node:http writes it)', [['Host', 'example.test']]],
    ['Connection: close given (node:http writes it)', [['Connection', 'close']]],
  ];
  for (const [what, headers, host] of cases) {
    it.skipIf(host === '[::1]' && !hasIpv6)(`writes what node:http wrote, and records it: ${what}`, async () => {
      const srv = await capture();
      closers.push(srv.close);
      const url = srv.url(host);
      const mine = await sender.send({ url, body, headers });
      expect(mine).toMatchObject({ status: 200, body: 'ok', error: null });
      const theirs = await nodeSend(url, headers);
      expect(srv.requests).toHaveLength(2);
      expect(srv.requests[0]!.toString('latin1')).toBe(srv.requests[1]!.toString('latin1'));
      expect(Object.entries(mine.requestHeaders)).toEqual(Object.entries(theirs));
    });
  }

  it('rejects an invalid header value, as node:http does, before anything is written', async () => {
    const srv = await capture();
    closers.push(srv.close);
    await expect(sender.send({ url: srv.url(), body, headers: [['X-Bad', 'a\r\nInjected: 1']] })).rejects.toMatchObject(
      { code: 'ERR_INVALID_CHAR' },
    );
    expect(srv.connections()).toBe(0);
  });
});

describe('send over plain http: answers read as node:http read them', () => {
  async function answer(raw: string | ((s: net.Socket) => void)) {
    const srv = await capture(typeof raw === 'string' ? (s) => s.write(raw, 'latin1') : raw);
    closers.push(srv.close);
    return sender.send({ url: srv.url(), body, headers: [], timeoutMs: 2_000 });
  }

  it('records the headers as IncomingMessage.headers, and a 3xx location without following it', async () => {
    const r = await answer(
      'HTTP/1.1 307 Temporary Redirect\r\nLocation: http://elsewhere.test/x\r\nX-A: 1\r\nx-a: 2\r\n' +
        'Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Type: a\r\nContent-Type: b\r\nContent-Length: 0\r\n\r\n',
    );
    expect(r).toMatchObject({ status: 307, location: 'http://elsewhere.test/x', body: '', error: null });
    expect(r.headers).toEqual({
      location: 'http://elsewhere.test/x',
      'x-a': '1, 2',
      'set-cookie': ['a=1', 'b=2'],
      'content-type': 'a',
      'content-length': '0',
    });
  });

  it('reads chunked bodies, bodies ending at close, interim answers and a 204 without body', async () => {
    expect(
      await answer('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n'),
    ).toMatchObject({ status: 200, body: 'abcde', headers: { 'transfer-encoding': 'chunked' } });
    expect(await answer((s) => s.end('HTTP/1.1 200 OK\r\n\r\nuntil close'))).toMatchObject({
      status: 200,
      body: 'until close',
      headers: {},
    });
    expect(
      await answer('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nz'),
    ).toMatchObject({ status: 201, body: 'z' });
    expect(await answer('HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n')).toMatchObject({
      status: 204,
      body: '',
    });
  });

  it('keeps what came of an answer the endpoint cut short by closing, as node:http did; a reset is a reset', async () => {
    expect(await answer((s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'))).toMatchObject({
      status: 200,
      body: 'abc',
      error: null,
    });
    const reset = await answer((s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
      setTimeout(() => s.resetAndDestroy(), 20);
    });
    expect(reset).toMatchObject({ status: 0, body: null, error: { kind: 'reset' } });
    expect(await answer((s) => s.end())).toMatchObject({
      status: 0,
      error: { kind: 'reset', message: 'connection reset by the endpoint (socket hang up)' },
    });
  });

  it('calls non_http what node:http refused: a head over 16 KiB, a control character in a value, a bad chunk', async () => {
    const big = await answer(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(20_000)}\r\nContent-Length: 0\r\n\r\n`);
    expect(big).toMatchObject({ status: 0, error: { kind: 'non_http' } });
    const ctl = await answer('HTTP/1.1 200 OK\r\nX-A: a\x01b\r\nContent-Length: 0\r\n\r\n');
    expect(ctl).toMatchObject({ status: 0, error: { kind: 'non_http' } });
    const chunk = await answer('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n');
    expect(chunk).toMatchObject({ status: 0, error: { kind: 'non_http' } });
    // Tabs and obs-text in a value are fine.
    expect(await answer('HTTP/1.1 200 OK\r\nX-A: a\tb\xe9\r\nContent-Length: 0\r\n\r\n')).toMatchObject({
      status: 200,
      headers: { 'x-a': 'a\tb\xe9' },
    });
  });

  it('keeps the first RESPONSE_BODY_LIMIT bytes of a longer body (chunked too), then sends on a new connection', async () => {
    const long = 'y'.repeat(RESPONSE_BODY_LIMIT + 10);
    const srv = await capture((s, n) =>
      s.write(
        n === 1
          ? `HTTP/1.1 200 OK\r\nContent-Length: ${long.length}\r\n\r\n${long}`
          : `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${long.length.toString(16)}\r\n${long}\r\n0\r\n\r\n`,
      ),
    );
    closers.push(srv.close);
    for (let i = 0; i < 2; i++) {
      const r = await sender.send({ url: srv.url(), body, headers: [] });
      expect(r).toMatchObject({ status: 200, truncated: true, error: null });
      expect(r.body).toBe(long.slice(0, RESPONSE_BODY_LIMIT));
    }
    expect(srv.connections()).toBe(2);
  });
});

describe('send over plain http: connections', () => {
  it('carries request after request on one kept-alive connection', async () => {
    const srv = await capture();
    closers.push(srv.close);
    for (let i = 0; i < 5; i++) expect((await sender.send({ url: srv.url(), body, headers: [] })).status).toBe(200);
    expect(srv.connections()).toBe(1);
  });

  it('opens as many connections to one origin as requests in flight (no limit of its own)', async () => {
    const srv = await capture((s) => setTimeout(() => s.write(OK), 30));
    closers.push(srv.close);
    const all = await Promise.all(Array.from({ length: 80 }, () => sender.send({ url: srv.url(), body, headers: [] })));
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(srv.connections()).toBe(80);
  });

  it('sends on a new connection once the endpoint closed the idle one, losing nothing', async () => {
    const srv = await capture((s, n) => (n === 1 ? s.end(OK) : s.write(OK)));
    closers.push(srv.close);
    expect((await sender.send({ url: srv.url(), body, headers: [] })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect((await sender.send({ url: srv.url(), body, headers: [] })).status).toBe(200);
    expect(srv.connections()).toBe(2);
    expect(srv.requests).toHaveLength(2);
  });

  it('a request the endpoint drops as it closes the connection comes back a reset (retried later), not resent', async () => {
    const srv = await capture((s, n) => (n === 2 ? s.destroy() : s.write(OK)));
    closers.push(srv.close);
    expect((await sender.send({ url: srv.url(), body, headers: [] })).status).toBe(200);
    const dropped = await sender.send({ url: srv.url(), body, headers: [] });
    expect(dropped).toMatchObject({ status: 0, error: { kind: 'reset' } });
    expect((await sender.send({ url: srv.url(), body, headers: [] })).status).toBe(200);
    expect(srv.requests).toHaveLength(3);
  });

  it('calls a host name that does not resolve a dns failure, with the resolver’s words', async () => {
    const r = await sender.send({ url: 'http://does-not-exist.invalid:9/x', body, headers: [] });
    expect(r).toMatchObject({
      status: 0,
      error: { kind: 'dns', message: expect.stringContaining('does-not-exist.invalid') },
    });
    expect(r.requestHeaders.Host).toBe('does-not-exist.invalid:9');
  });

  it('close() destroys every connection, busy ones too (their requests fail as reset)', async () => {
    const own = createSender();
    const srv = await capture((s, n) => {
      if (n === 1) s.write(OK); // the second never gets an answer
    });
    closers.push(srv.close);
    expect((await own.send({ url: srv.url(), body, headers: [] })).status).toBe(200);
    const other = await capture(() => {});
    closers.push(other.close);
    const busy = own.send({ url: other.url(), body, headers: [] });
    await new Promise((r) => setTimeout(r, 50));
    expect(srv.open() + other.open()).toBe(2);
    own.close();
    expect(await busy).toMatchObject({ status: 0, error: { kind: 'reset' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(srv.open() + other.open()).toBe(0);
  });
});
