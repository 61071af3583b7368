import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createStudio, type Studio } from '../../src/core/index';
import { sign } from '../../src/core/signing/signature';
import { createRelayServer } from '../../src/relay/relay-server';
import { createStudioClient, type StudioClient } from '../../src/shared/rpc-client';
import type { RelayStatus } from '../../src/shared/contract/tunnel';
import { tempDir } from '../helpers/tmp';
import { rawHeader, startReceiver, type Receiver } from '../helpers/receiver';
import { insertSecret } from '../helpers/secrets';

const TOKEN = 'relay-token-for-tests';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function relay(opts: Partial<Parameters<typeof createRelayServer>[0]> = {}) {
  const r = createRelayServer({ token: TOKEN, port: 0, ...opts });
  const info = await r.listen();
  let closed = false;
  cleanups.push(() => (closed ? undefined : r.close()));
  return {
    relay: r,
    ...info,
    close: async () => {
      closed = true;
      await r.close();
    },
  };
}

async function studioWith(local: Receiver | null): Promise<{ studio: Studio; client: StudioClient }> {
  const studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
  cleanups.push(() => studio.close());
  const client = createStudioClient(studio.connectInMemory());
  if (local) await client.call('inboxes.configure', { name: 'dev', forwardTo: local.url });
  return { studio, client };
}

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const r = await startReceiver(...args);
  cleanups.push(() => r.close());
  return r;
}

function waitStatus(client: StudioClient, pred: (s: RelayStatus) => boolean): Promise<RelayStatus> {
  return new Promise((resolve) => {
    const off = client.on('relay.status', (s) => {
      if (pred(s)) {
        off();
        resolve(s);
      }
    });
  });
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('relay', () => {
  it('round trip: a public request reaches the local handler and its answer reaches the sender', async () => {
    const r = await relay();
    const local = await receiver((req, res) => {
      res.writeHead(201, { 'X-Local': 'yes' });
      res.end(`got ${req.body.length} bytes at ${req.url}`);
    });
    const { studio, client } = await studioWith(local);
    const secret = 'whsec_relaysecret';
    insertSecret(studio.context.db, { secretId: 'sec_relay', secret });
    const status = await client.call('relay.connect', { url: r.url, channel: 'team1', token: TOKEN });
    expect(status).toMatchObject({ state: 'connected', channelUrl: `${r.url}/c/team1` });

    const body = '{"event_type":"agent.wakeup",  "x": 1}';
    const captured = new Promise<string>((resolve) => client.on('capture.recorded', (c) => resolve(c.captureId)));
    const res = await fetch(`${r.url}/c/team1/hooks/sonzai?src=relay`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'sonzai-signature': sign(body, secret, Math.floor(Date.now() / 1000)),
      },
      body,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-local')).toBe('yes');
    expect(await res.text()).toBe(`got ${body.length} bytes at /hooks/sonzai?src=relay`);
    expect(local.received[0].body.toString()).toBe(body);
    expect(rawHeader(local.received[0].rawHeaders, 'host')).toBe(`127.0.0.1:${local.port}`);

    const detail = await client.call('captures.get', { captureId: await captured });
    expect(detail).toMatchObject({
      via: 'relay',
      path: '/c/team1/hooks/sonzai',
      query: 'src=relay',
      forwardStatus: 201,
    });
    expect(detail.signature).toMatchObject({ ok: true, secretId: 'sec_relay' });
    const s = await client.call('relay.status');
    expect(s.relayed).toBe(1);
  });

  it('answers 404 problem+json for an unknown channel', async () => {
    const r = await relay();
    const res = await fetch(`${r.url}/c/nobody/x`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { detail: string }).detail).toBe('unknown channel "nobody"');
  });

  it('refuses a wrong token, and the studio reports it without retrying', async () => {
    const r = await relay({ guessBaseMs: 0 });
    const { client } = await studioWith(null);
    await expect(
      client.call('relay.connect', { url: r.url, channel: 'c1', token: 'relay-token-for-testZ' }),
    ).rejects.toThrow(/refused the token \(401\)/);
    expect(await client.call('relay.status')).toMatchObject({ state: 'refused' });
    // The channel was not created by the refused attempt.
    expect((await fetch(`${r.url}/c/c1`, { method: 'POST' })).status).toBe(404);
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${r.url.replace('http', 'ws')}/_relay/connect?channel=c1`, {
        headers: { authorization: 'Bearer short' },
      });
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(status).toBe(401);
  });

  it('refuses a body over its stated limit with 413', async () => {
    const r = await relay({ channels: ['big'] });
    const res = await fetch(`${r.url}/c/big`, { method: 'POST', body: Buffer.alloc(5 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { detail: string }).detail).toContain('5242880 bytes');
  });

  it('a slow local target gives the public sender 504, recorded in the capture', async () => {
    const r = await relay();
    const slow = await receiver((_q, res) => setTimeout(() => res.end('late'), 1500));
    const { client } = await studioWith(slow);
    await client.call('inboxes.configure', { name: 'dev', forwardTimeoutMs: 200 });
    await client.call('relay.connect', { url: r.url, channel: 'slow', token: TOKEN });
    const captured = new Promise<number>((resolve) => client.on('capture.recorded', (c) => resolve(c.responseStatus)));
    const res = await fetch(`${r.url}/c/slow`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(504);
    expect(await captured).toBe(504);
  });

  it('the studio reconnects by itself after the relay restarts', async () => {
    const first = await relay();
    const local = await receiver();
    const { client } = await studioWith(local);
    await client.call('relay.connect', { url: first.url, channel: 'again', token: TOKEN });
    const reconnecting = waitStatus(client, (s) => s.state === 'reconnecting');
    await first.close();
    await reconnecting;
    const connected = waitStatus(client, (s) => s.state === 'connected');
    const second = await relay({ port: first.port });
    await connected;
    const res = await fetch(`${second.url}/c/again/after`, { method: 'POST', body: 'hello again' });
    expect(res.status).toBe(200);
    expect(local.received.map((x) => x.body.toString())).toEqual(['hello again']);
    expect((await client.call('relay.status')).reconnects).toBeGreaterThanOrEqual(1);
  });

  it('keeps requests while the studio is offline (202) and forwards each once, in order, on reconnect', async () => {
    const r = await relay({ channels: ['offline'] });
    const local = await receiver();
    const { client } = await studioWith(local);
    const sent: string[] = [];
    for (let i = 0; i < 25; i++) {
      const body = `{"n":${i}}`;
      const res = await fetch(`${r.url}/c/offline/q`, { method: 'POST', body });
      expect(res.status).toBe(202);
      expect(await res.json()).toMatchObject({ queued: true, position: i + 1 });
      sent.push(body);
    }
    expect(r.relay.channelInfo('offline')).toEqual({ connected: false, backlog: 25 });
    const status = await client.call('relay.connect', { url: r.url, channel: 'offline', token: TOKEN });
    expect(status.state).toBe('connected');
    await until(() => local.received.length >= 25 && r.relay.channelInfo('offline')?.backlog === 0);
    expect(local.received.map((x) => x.body.toString())).toEqual(sent);

    // Disconnect and come back: nothing is delivered twice.
    await client.call('relay.disconnect');
    await client.call('relay.connect', { url: r.url, channel: 'offline', token: TOKEN });
    await new Promise((res) => setTimeout(res, 200));
    expect(local.received).toHaveLength(25);
    const list = await client.call('captures.list', { limit: 100 });
    expect(list.captures).toHaveLength(25);
    expect(list.captures.every((c) => c.via === 'relay' && c.forwardStatus === 200)).toBe(true);

    // Offline again after having been connected: the channel keeps new requests too.
    await client.call('relay.disconnect');
    for (let i = 25; i < 30; i++) {
      const body = `{"n":${i}}`;
      expect((await fetch(`${r.url}/c/offline/q`, { method: 'POST', body })).status).toBe(202);
      sent.push(body);
    }
    await client.call('relay.connect', { url: r.url, channel: 'offline', token: TOKEN });
    await until(() => local.received.length >= 30);
    await new Promise((res) => setTimeout(res, 100));
    expect(local.received.map((x) => x.body.toString())).toEqual(sent);
  });

  it('with a journal, requests kept for an offline studio survive a relay restart', async () => {
    const journalPath = join(tempDir(), 'relay.journal');
    const first = await relay({ channels: ['kept'], journalPath });
    const sent = ['{"n":1}', '{"n":2}', '{"n":3}'];
    for (const body of sent) expect((await fetch(`${first.url}/c/kept`, { method: 'POST', body })).status).toBe(202);
    await first.close();

    const second = await relay({ port: first.port, journalPath });
    expect(second.relay.channelInfo('kept')).toEqual({ connected: false, backlog: 3 });
    const local = await receiver();
    const { client } = await studioWith(local);
    await client.call('relay.connect', { url: second.url, channel: 'kept', token: TOKEN });
    await until(() => local.received.length >= 3 && second.relay.channelInfo('kept')?.backlog === 0);
    expect(local.received.map((x) => x.body.toString())).toEqual(sent);
    await second.close();

    // Acknowledged requests are not brought back by the next start.
    const third = await relay({ journalPath });
    expect(third.relay.channelInfo('kept')).toBeNull();
  });

  it('stores and forwards a request the relay sends twice only once', async () => {
    // A stand-in relay that re-sends the same id (as after a lost ack).
    const { WebSocketServer } = await import('ws');
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((res) => wss.once('listening', res));
    cleanups.push(() => new Promise<void>((res) => wss.close(() => res())));
    const acks: string[] = [];
    wss.on('connection', (ws) => {
      const req = {
        type: 'request',
        id: 'same-id',
        method: 'POST',
        path: '/',
        headers: [['Content-Type', 'application/json']],
        bodyBase64: Buffer.from('{"once":true}').toString('base64'),
        remote: '203.0.113.9:5555',
        receivedAt: new Date().toISOString(),
        queued: true,
      };
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { type: string; id: string };
        if (m.type === 'ack') acks.push(m.id);
      });
      ws.send(JSON.stringify({ type: 'hello', channel: 'dup', backlog: 2 }));
      ws.send(JSON.stringify(req));
      ws.send(JSON.stringify(req));
    });
    const local = await receiver();
    const { client } = await studioWith(local);
    const port = (wss.address() as { port: number }).port;
    await client.call('relay.connect', { url: `http://127.0.0.1:${port}`, channel: 'dup', token: 't' });
    await until(() => acks.length === 2);
    await new Promise((res) => setTimeout(res, 100));
    expect(local.received).toHaveLength(1);
    expect((await client.call('captures.list', {})).captures).toHaveLength(1);
  });
});
