import { getEventListeners } from 'node:events';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createSender, RESPONSE_BODY_LIMIT } from '../../../src/core/dispatch/send';
import { receiver } from './helpers';

const sender = createSender();
afterAll(() => sender.close());

const body = Buffer.from('{"event_type":"agent.message","data":{"text":"héllo"}}');
const headers: [string, string][] = [
  ['Content-Type', 'application/json'],
  ['Sonzai-Signature', 't=1,v1=00'],
];

async function rawServer(onSocket: (s: net.Socket) => void) {
  const server = net.createServer(onSocket);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('send: one POST, exact bytes, classified failures', () => {
  it('sends the exact bytes with only the given headers plus HTTP framing', async () => {
    const rx = await receiver((_q, res) => res.writeHead(202, { 'X-Reply': 'yes' }).end('accepted'));
    const r = await sender.send({ url: rx.url, body, headers });
    await rx.close();
    expect(r).toMatchObject({ status: 202, body: 'accepted', truncated: false, error: null });
    expect(r.headers?.['x-reply']).toBe('yes');
    expect(rx.received[0]!.body.equals(body)).toBe(true);
    const names = rx.received[0]!.rawHeaders.filter((_, i) => i % 2 === 0);
    expect(names.sort()).toEqual(['Connection', 'Content-Length', 'Content-Type', 'Host', 'Sonzai-Signature']);
    expect(r.requestHeaders['Sonzai-Signature']).toBe('t=1,v1=00');
  });

  it('records a 500 with its body', async () => {
    const rx = await receiver((_q, res) => res.writeHead(500).end('boom'));
    const r = await sender.send({ url: rx.url, body, headers });
    await rx.close();
    expect(r).toMatchObject({ status: 500, body: 'boom', error: null });
  });

  it('waits for a slow endpoint within the timeout', async () => {
    const rx = await receiver((_q, res) => setTimeout(() => res.end('late'), 150));
    const r = await sender.send({ url: rx.url, body, headers, timeoutMs: 2_000 });
    await rx.close();
    expect(r).toMatchObject({ status: 200, body: 'late' });
  });

  it('gives up on a hanging endpoint at the timeout', async () => {
    const rx = await receiver(() => {
      /* never answers */
    });
    const r = await sender.send({ url: rx.url, body, headers, timeoutMs: 200 });
    await rx.close();
    expect(r.status).toBe(0);
    expect(r.error?.kind).toBe('timeout');
    expect(r.error?.message).toContain('200 ms');
  });

  it('classifies a connection reset', async () => {
    const srv = await rawServer((s) => s.once('data', () => s.resetAndDestroy()));
    const r = await sender.send({ url: srv.url, body, headers });
    await srv.close();
    expect(r.error?.kind).toBe('reset');
  });

  it('classifies a refused connection', async () => {
    const srv = await rawServer(() => {});
    const url = srv.url;
    await srv.close();
    const r = await sender.send({ url, body, headers });
    expect(r.error?.kind).toBe('refused');
  });

  it('classifies a reply that is not HTTP', async () => {
    const srv = await rawServer((s) => s.once('data', () => s.end('SSH-2.0-OpenSSH_9.6\r\n\r\n')));
    const r = await sender.send({ url: srv.url, body, headers });
    await srv.close();
    expect(r.status).toBe(0);
    expect(r.error?.kind).toBe('non_http');
  });

  it('keeps at most the stated limit of a huge response body and says it was cut', async () => {
    const huge = Buffer.alloc(5 * 1024 * 1024, 'x');
    const rx = await receiver((_q, res) => res.end(huge));
    const r = await sender.send({ url: rx.url, body, headers });
    await rx.close();
    expect(r.status).toBe(200);
    expect(r.truncated).toBe(true);
    expect(Buffer.byteLength(r.body!)).toBe(RESPONSE_BODY_LIMIT);
  });

  it('does not follow a redirect and reports where it pointed', async () => {
    const rx = await receiver((_q, res) => res.writeHead(302, { Location: 'http://elsewhere.test/x' }).end());
    const r = await sender.send({ url: rx.url, body, headers });
    await rx.close();
    expect(rx.received).toHaveLength(1);
    expect(r).toMatchObject({ status: 302, location: 'http://elsewhere.test/x' });
  });

  it('stops every request in flight when its signal aborts, with one listener on the signal for them all', async () => {
    const rx = await receiver(() => {
      /* never answers */
    });
    const shutdown = new AbortController();
    const sends = [1, 2, 3].map(() => sender.send({ url: rx.url, body, headers, signal: shutdown.signal }));
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(1);
    shutdown.abort();
    const results = await Promise.all(sends);
    await rx.close();
    expect(results.map((r) => r.error?.kind)).toEqual(['aborted', 'aborted', 'aborted']);
    // Already aborted: refused at once.
    const late = await sender.send({ url: rx.url, body, headers, signal: shutdown.signal });
    expect(late.error?.kind).toBe('aborted');
  });

  it('finishes requests on a signal that never aborts without keeping them, and sends to each URL as given', async () => {
    const rx = await receiver((q, res) => res.end(q.url));
    const running = new AbortController();
    const origin = new URL(rx.url).origin;
    const a = await sender.send({ url: `${origin}/a?x=1`, body, headers, signal: running.signal });
    const b = await sender.send({ url: `${origin}/b`, body, headers, signal: running.signal });
    const again = await sender.send({ url: `${origin}/a?x=1`, body, headers, signal: running.signal });
    await rx.close();
    expect([a.body, b.body, again.body]).toEqual(['/a?x=1', '/b', '/a?x=1']);
    expect(getEventListeners(running.signal, 'abort')).toHaveLength(1);
  });

  it('records the headers as written, in wire order, each request with its own headers only', async () => {
    const rx = await receiver((_q, res) => res.end('ok'));
    const port = new URL(rx.url).port;
    const first = await sender.send({ url: rx.url, body, headers: [...headers, ['Authorization', 'Bearer a']] });
    const second = await sender.send({ url: rx.url, body, headers });
    await rx.close();
    expect(Object.entries(first.requestHeaders)).toEqual([
      ['Content-Type', 'application/json'],
      ['Sonzai-Signature', 't=1,v1=00'],
      ['Authorization', 'Bearer a'],
      ['Content-Length', String(body.length)],
      ['Host', `127.0.0.1:${port}`],
      ['Connection', 'keep-alive'],
    ]);
    expect(Object.keys(second.requestHeaders)).toEqual([
      'Content-Type',
      'Sonzai-Signature',
      'Content-Length',
      'Host',
      'Connection',
    ]);
    const wire = rx.received[1]!.rawHeaders.filter((_, i) => i % 2 === 0);
    expect(wire).toEqual(['Content-Type', 'Sonzai-Signature', 'Content-Length', 'Host', 'Connection']);
  });

  it('times out requests in flight together, each at its own timeout', async () => {
    const rx = await receiver(() => {
      /* never answers */
    });
    const results = await Promise.all([
      sender.send({ url: rx.url, body, headers, timeoutMs: 300 }),
      sender.send({ url: rx.url, body, headers, timeoutMs: 100 }),
      sender.send({ url: rx.url, body, headers, timeoutMs: 300 }),
    ]);
    await rx.close();
    expect(results.map((r) => r.error?.message)).toEqual([
      expect.stringContaining('300 ms'),
      expect.stringContaining('100 ms'),
      expect.stringContaining('300 ms'),
    ]);
    expect(results.every((r) => r.error?.kind === 'timeout')).toBe(true);
  });

  it('refuses a URL it cannot send to, every time it is asked', async () => {
    for (const url of ['ftp://example.test/x', 'not a url', 'ftp://example.test/x']) {
      const r = await sender.send({ url, body, headers });
      expect(r.status).toBe(0);
      expect(r.error).toMatchObject({ kind: 'network', message: expect.stringContaining('invalid webhook URL') });
    }
  });
});
