import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttp1Pool, type Http1Origin } from '../../../src/core/tunnel/http1-pool';

/** A raw TCP server answering each request (one per data event here) with `answer`; it counts connections. */
async function rawServer(answer: (socket: net.Socket, n: number) => void) {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  let requests = 0;
  const server = net.createServer((s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('data', () => answer(s, ++requests));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const origin: Http1Origin = { hostname: '127.0.0.1', port, origin: `http://127.0.0.1:${port}` };
  return {
    origin,
    connections: () => connections,
    dropIdle: () => {
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
const opts = { requestWasHead: false, timeoutMs: 2000, maxResponseBytes: 1024 };
const head = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nConnection: keep-alive\r\n\r\n';
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

describe('keep-alive HTTP/1.1 pool', () => {
  it('carries request after request on one connection', async () => {
    const srv = await rawServer((s) => s.write(OK));
    const pool = createHttp1Pool();
    closers.push(srv.close, pool.destroy);
    for (let i = 0; i < 5; i++) {
      const o = await pool.exchange(srv.origin, head, Buffer.from('x'), opts);
      expect(o).toMatchObject({ ok: true, response: { status: 200 } });
    }
    expect(srv.connections()).toBe(1);
  });

  it('opens at most its limit of connections; the other requests wait for one', async () => {
    const srv = await rawServer((s) => setTimeout(() => s.write(OK), 20));
    const pool = createHttp1Pool({ maxSocketsPerOrigin: 2 });
    closers.push(srv.close, pool.destroy);
    const all = await Promise.all(
      Array.from({ length: 6 }, () => pool.exchange(srv.origin, head, Buffer.from('x'), opts)),
    );
    expect(all.every((o) => o.ok)).toBe(true);
    expect(srv.connections()).toBe(2);
  });

  it('opens a new connection when the target closed the idle one, or said Connection: close', async () => {
    const srv = await rawServer((s, n) =>
      s.write(n === 2 ? 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok' : OK),
    );
    const pool = createHttp1Pool();
    closers.push(srv.close, pool.destroy);
    expect((await pool.exchange(srv.origin, head, Buffer.from('x'), opts)).ok).toBe(true);
    srv.dropIdle();
    await new Promise((r) => setTimeout(r, 50));
    expect((await pool.exchange(srv.origin, head, Buffer.from('x'), opts)).ok).toBe(true); // n = 2: close
    expect((await pool.exchange(srv.origin, head, Buffer.from('x'), opts)).ok).toBe(true);
    expect(srv.connections()).toBe(3);
  });

  it('does not reuse a connection idle longer than its Keep-Alive hint allows', async () => {
    let t = 0;
    const srv = await rawServer((s) =>
      s.write('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=2\r\nContent-Length: 0\r\n\r\n'),
    );
    const pool = createHttp1Pool({ now: () => t });
    closers.push(srv.close, pool.destroy);
    await pool.exchange(srv.origin, head, Buffer.from('x'), opts);
    t += 500;
    await pool.exchange(srv.origin, head, Buffer.from('x'), opts);
    expect(srv.connections()).toBe(1);
    t += 1500; // past 2 s − 1 s
    await pool.exchange(srv.origin, head, Buffer.from('x'), opts);
    expect(srv.connections()).toBe(2);
  });

  it('a target that never answers is a timeout; a closed port is unreachable; garbage is an invalid answer', async () => {
    const silent = await rawServer(() => {});
    const garbage = await rawServer((s) => s.write('NOPE\r\n\r\n'));
    const pool = createHttp1Pool();
    closers.push(silent.close, garbage.close, pool.destroy);
    expect(await pool.exchange(silent.origin, head, Buffer.from('x'), { ...opts, timeoutMs: 50 })).toEqual({
      ok: false,
      kind: 'timeout',
      error: 'the local target did not answer within 50 ms',
    });
    expect(await pool.exchange(garbage.origin, head, Buffer.from('x'), opts)).toMatchObject({
      ok: false,
      kind: 'unreachable',
      error: expect.stringMatching(/^invalid answer from http:\/\/127\.0\.0\.1:\d+: not an HTTP\/1.x status line/),
    });
    const gone = await rawServer(() => {});
    await gone.close();
    expect(await pool.exchange(gone.origin, head, Buffer.from('x'), opts)).toMatchObject({
      ok: false,
      kind: 'unreachable',
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('an answer larger than allowed is too large', async () => {
    const srv = await rawServer((s) => s.write(`HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n${'a'.repeat(2000)}`));
    const pool = createHttp1Pool();
    closers.push(srv.close, pool.destroy);
    expect(await pool.exchange(srv.origin, head, Buffer.from('x'), opts)).toMatchObject({
      ok: false,
      kind: 'too_large',
    });
  });
});
