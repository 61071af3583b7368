import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createRelayServer } from '../../src/relay/relay-server';
import type { RelayRequest } from '../../src/shared/relay-protocol';

const TOKEN = 'channel-test-token-0001';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function relay(opts: Partial<Parameters<typeof createRelayServer>[0]> = {}) {
  const r = createRelayServer({ token: TOKEN, port: 0, ...opts });
  const info = await r.listen();
  cleanups.push(() => r.close());
  return { relay: r, ...info };
}

/** A hand-driven studio: connects, records every message, acks/answers only when told. */
async function fakeStudio(url: string, channel: string) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/_relay/connect?channel=${channel}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  const got: RelayRequest[] = [];
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as { type: string };
    if (m.type === 'request') got.push(m as RelayRequest);
  });
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  cleanups.push(() => ws.close());
  return {
    ws,
    got,
    closed,
    send: (m: object) => ws.send(JSON.stringify(m)),
  };
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('relay channel', () => {
  it('a live request the studio never acknowledged goes back to the backlog (sender 202) and is resent', async () => {
    const r = await relay();
    const first = await fakeStudio(r.url, 'ch');
    const pending = fetch(`${r.url}/c/ch/x`, { method: 'POST', body: 'keep me' });
    await until(() => first.got.length === 1);
    first.ws.close();
    const res = await pending;
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ queued: true, id: first.got[0].id });
    expect(r.relay.channelInfo('ch')).toEqual({ connected: false, backlog: 1 });

    const second = await fakeStudio(r.url, 'ch');
    await until(() => second.got.length === 1);
    expect(second.got[0]).toMatchObject({ id: first.got[0].id, queued: true, path: '/x' });
    expect(Buffer.from(second.got[0].bodyBase64, 'base64').toString()).toBe('keep me');
    // Kept until acknowledged.
    expect(r.relay.channelInfo('ch')?.backlog).toBe(1);
    second.send({ type: 'ack', id: second.got[0].id });
    await until(() => r.relay.channelInfo('ch')?.backlog === 0);
  });

  it('an acknowledged request whose answer never comes gives the sender 502 when the studio drops', async () => {
    const r = await relay();
    const studio = await fakeStudio(r.url, 'ch');
    const pending = fetch(`${r.url}/c/ch`, { method: 'POST', body: '1' });
    await until(() => studio.got.length === 1);
    studio.send({ type: 'ack', id: studio.got[0].id });
    await new Promise((res) => setTimeout(res, 20));
    studio.ws.close();
    expect((await pending).status).toBe(502);
    expect(r.relay.channelInfo('ch')?.backlog).toBe(0);
  });

  it('relays the studio answer verbatim, minus hop-by-hop headers', async () => {
    const r = await relay();
    const studio = await fakeStudio(r.url, 'ch');
    const pending = fetch(`${r.url}/c/ch`, { method: 'POST', body: '1' });
    await until(() => studio.got.length === 1);
    studio.send({
      type: 'response',
      id: studio.got[0].id,
      status: 409,
      headers: [
        ['X-Answer', 'dup'],
        ['Connection', 'close'],
        ['Transfer-Encoding', 'chunked'],
      ],
      bodyBase64: Buffer.from('already had it').toString('base64'),
    });
    const res = await pending;
    expect(res.status).toBe(409);
    expect(res.headers.get('x-answer')).toBe('dup');
    expect(await res.text()).toBe('already had it');
  });

  it('answers 503 once the backlog is full, and 504 when the studio does not answer in time', async () => {
    const r = await relay({ channels: ['full'], maxBacklog: 2, responseTimeoutMs: 150 });
    expect((await fetch(`${r.url}/c/full`, { method: 'POST' })).status).toBe(202);
    expect((await fetch(`${r.url}/c/full`, { method: 'POST' })).status).toBe(202);
    const third = await fetch(`${r.url}/c/full`, { method: 'POST' });
    expect(third.status).toBe(503);
    expect(((await third.json()) as { detail: string }).detail).toContain('backlog is full (2 requests');

    const studio = await fakeStudio(r.url, 'full');
    await until(() => studio.got.length === 2);
    const slow = await fetch(`${r.url}/c/full/late`, { method: 'POST' });
    expect(slow.status).toBe(504);
  });

  it('bounds the backlog by bytes as well as by count', async () => {
    const r = await relay({ channels: ['bytes'], maxBacklogBytes: 4000 });
    const kib = Buffer.alloc(1024, 1);
    expect((await fetch(`${r.url}/c/bytes`, { method: 'POST', body: kib })).status).toBe(202);
    expect((await fetch(`${r.url}/c/bytes`, { method: 'POST', body: kib })).status).toBe(202);
    // Two KiB bodies take 2 × 1368 base64 bytes; a third would pass 4000.
    expect((await fetch(`${r.url}/c/bytes`, { method: 'POST', body: kib })).status).toBe(503);
    expect((await fetch(`${r.url}/c/bytes`, { method: 'POST', body: 'small' })).status).toBe(202);
  });

  it('a second studio on the same channel replaces the first', async () => {
    const r = await relay();
    const a = await fakeStudio(r.url, 'ch');
    const b = await fakeStudio(r.url, 'ch');
    expect(await a.closed).toBe(4000);
    const pending = fetch(`${r.url}/c/ch`, { method: 'POST', body: 'to b' });
    await until(() => b.got.length === 1);
    b.send({ type: 'response', id: b.got[0].id, status: 200, headers: [], bodyBase64: '' });
    expect((await pending).status).toBe(200);
    expect(a.got).toHaveLength(0);
  });
});
