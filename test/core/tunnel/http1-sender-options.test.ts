/**
 * The parser's and the pool's options and failure details that the dispatcher's sender
 * (src/core/dispatch/send.ts) relies on: a body cut at N bytes, a head limit, what arrived
 * before a hang-up, why a failure failed, cancelling an exchange, and dropping busy connections.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttp1Pool, type Http1Origin } from '../../../src/core/tunnel/http1-pool';
import { createResponseParser, type ParseStep } from '../../../src/core/tunnel/http1-response';

const LIMIT = 1024 * 1024;

function feed(raw: string, opts: { keep?: number; maxHead?: number; size?: number } = {}) {
  const bytes = Buffer.from(raw, 'latin1');
  const p = createResponseParser({
    requestWasHead: false,
    maxBodyBytes: LIMIT,
    keepBodyBytes: opts.keep,
    maxHeadBytes: opts.maxHead,
  });
  const size = opts.size ?? bytes.length;
  let step: ParseStep = { kind: 'more' };
  for (let i = 0; i < bytes.length && step.kind === 'more'; i += size) step = p.push(bytes.subarray(i, i + size));
  return { step, p };
}

describe('response parser: options for the sender', () => {
  it('keeps the first N bytes of a longer body, says it was cut and does not reuse the connection', () => {
    for (const raw of [
      'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n012\r\n7\r\n3456789\r\n0\r\n\r\n',
    ]) {
      for (const size of [undefined, 1, 4]) {
        const { step } = feed(raw, { keep: 4, size });
        expect(step).toMatchObject({ kind: 'done', response: { status: 200, truncated: true, reusable: false } });
        if (step.kind === 'done') expect(step.response.body.toString()).toBe('0123');
      }
    }
    // A body of exactly N bytes is whole: not cut, still reusable, no `truncated` field.
    const exact = feed('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n0123', { keep: 4 }).step;
    expect(exact.kind === 'done' && exact.response).toEqual({
      status: 200,
      headers: [['Content-Length', '4']],
      body: Buffer.from('0123'),
      reusable: true,
    });
  });

  it('refuses a head longer than maxHeadBytes, whole or in pieces', () => {
    const raw = `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(200)}\r\nContent-Length: 0\r\n\r\n`;
    for (const size of [undefined, 16]) {
      expect(feed(raw, { maxHead: 100, size }).step).toEqual({
        kind: 'error',
        error: 'response headers larger than allowed',
      });
      expect(feed(raw, { maxHead: 1000, size }).step.kind).toBe('done');
    }
  });

  it('gives what arrived of a response once its head was read', () => {
    const { step, p } = feed('HTTP/1.1 201 Created\r\nContent-Length: 10\r\n\r\nabc');
    expect(step).toEqual({ kind: 'more' });
    expect(p.partial()).toMatchObject({ status: 201, headers: [['Content-Length', '10']], reusable: false });
    expect(p.partial()!.body.toString()).toBe('abc');
    expect(feed('HTTP/1.1 201 Created\r\nContent-').p.partial()).toBeNull();
  });
});

async function rawServer(onData: (s: net.Socket, n: number) => void) {
  const sockets = new Set<net.Socket>();
  let n = 0;
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('data', () => onData(s, ++n));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const origin: Http1Origin = { hostname: '127.0.0.1', port, origin: `http://127.0.0.1:${port}` };
  return {
    origin,
    open: () => sockets.size,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const head = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nConnection: keep-alive\r\n\r\n';
const opts = { requestWasHead: false, timeoutMs: 2000, maxResponseBytes: 1024 };
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

describe('keep-alive pool: options and failure details for the sender', () => {
  it('says why an exchange failed: the socket error, an answer that is not HTTP, a hang-up with what came', async () => {
    const garbage = await rawServer((s) => s.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'));
    const early = await rawServer((s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    const silent = await rawServer((s) => s.end());
    const gone = await rawServer(() => {});
    await gone.close();
    const pool = createHttp1Pool();
    closers.push(garbage.close, early.close, silent.close, pool.destroy);
    expect(await pool.exchange(garbage.origin, head, Buffer.from('x'), opts)).toMatchObject({
      ok: false,
      kind: 'unreachable',
      notHttp: true,
    });
    const cut = await pool.exchange(early.origin, head, Buffer.from('x'), opts);
    expect(cut).toMatchObject({ ok: false, kind: 'unreachable', hangUp: true, partial: { status: 200 } });
    expect(!cut.ok && cut.partial?.body.toString()).toBe('abc');
    const none = await pool.exchange(silent.origin, head, Buffer.from('x'), opts);
    expect(none).toMatchObject({ ok: false, hangUp: true });
    expect(!none.ok && 'partial' in none).toBe(false);
    expect(await pool.exchange(gone.origin, head, Buffer.from('x'), opts)).toMatchObject({
      ok: false,
      kind: 'unreachable',
      socketError: { code: 'ECONNREFUSED', message: expect.stringContaining('ECONNREFUSED') },
    });
  });

  it('cuts a long body at keepBodyBytes and opens a new connection for the next request', async () => {
    const srv = await rawServer((s) => s.write(`HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n${'a'.repeat(3000)}`));
    const pool = createHttp1Pool();
    closers.push(srv.close, pool.destroy);
    for (let i = 0; i < 2; i++) {
      const o = await pool.exchange(srv.origin, head, Buffer.from('x'), { ...opts, keepBodyBytes: 100 });
      expect(o).toMatchObject({ ok: true, response: { status: 200, truncated: true, reusable: false } });
      expect(o.ok && o.response.body.length).toBe(100);
    }
    expect(pool.openTo('127.0.0.1', srv.origin.port)).toBeLessThanOrEqual(1);
  });

  it('cancels an exchange in flight (connection dropped) and stops watching once an exchange is over', async () => {
    const hanging = await rawServer(() => {});
    const ok = await rawServer((s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    const pool = createHttp1Pool();
    closers.push(hanging.close, ok.close, pool.destroy);
    let cancel: (() => void) | null = null;
    let stopped = 0;
    const watch = (c: () => void) => {
      cancel = c;
      return () => stopped++;
    };
    const pending = pool.exchange(hanging.origin, head, Buffer.from('x'), { ...opts, cancelWith: watch });
    await new Promise((r) => setTimeout(r, 50));
    cancel!();
    expect(await pending).toMatchObject({ ok: false, cancelled: true });
    expect(stopped).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(hanging.open()).toBe(0);
    expect(await pool.exchange(ok.origin, head, Buffer.from('x'), { ...opts, cancelWith: watch })).toMatchObject({
      ok: true,
    });
    expect(stopped).toBe(2);
    cancel!(); // after the exchange: nothing happens
    // Cancelled before it starts: no connection is opened.
    const before = await pool.exchange(ok.origin, head, Buffer.from('x'), {
      ...opts,
      cancelWith: (c) => (c(), () => stopped++),
    });
    expect(before).toMatchObject({ ok: false, cancelled: true });
    expect(stopped).toBe(3);
  });

  it('destroyAll drops busy connections too (their exchanges fail as a hang-up), and the pool still works after', async () => {
    const hanging = await rawServer((s, n) => {
      if (n > 1) s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
    const pool = createHttp1Pool();
    closers.push(hanging.close, pool.destroy);
    const pending = pool.exchange(hanging.origin, head, Buffer.from('x'), opts);
    await new Promise((r) => setTimeout(r, 50));
    pool.destroyAll();
    expect(await pending).toMatchObject({ ok: false, kind: 'unreachable', hangUp: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(hanging.open()).toBe(0);
    expect(await pool.exchange(hanging.origin, head, Buffer.from('x'), opts)).toMatchObject({ ok: true });
  });
});
