import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { systemClock, systemRandom } from '../../../src/core/deps';
import { createEventBus } from '../../../src/core/live/bus';
import { openStore } from '../../../src/core/store/open';
import { createCapturesRepo } from '../../../src/core/tunnel/captures-repo';
import { createInboxService } from '../../../src/core/tunnel/inbox-service';
import { backoffDelay, createRelayClient } from '../../../src/core/tunnel/relay-client';
import type { RelayStatus } from '../../../src/shared/contract/tunnel';
import { heldCommit } from '../../helpers/held-commit';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function client(opts: { pingIntervalMs: number }) {
  const db = openStore(join(tempDir(), 'studio.db'));
  const bus = createEventBus();
  const repo = createCapturesRepo(db, systemClock);
  const inbox = createInboxService({ repo, secrets: () => [], clock: systemClock, random: systemRandom, bus });
  const relay = createRelayClient({
    inbox,
    repo,
    bus,
    clock: systemClock,
    pingIntervalMs: opts.pingIntervalMs,
    backoffInitialMs: 20,
    backoffMaxMs: 100,
    connectWaitMs: 2000,
  });
  const states: RelayStatus['state'][] = [];
  bus.subscribe((e) => {
    if (e.event === 'relay.status' && states.at(-1) !== e.payload.state) states.push(e.payload.state);
  });
  cleanups.push(() => {
    relay.close();
    db.close();
  });
  return { relay, states };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('relay client', () => {
  it('notices a relay that silently stops answering and reconnects by itself', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => wss.once('listening', r));
    cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
    const sockets: WebSocket[] = [];
    let answer = true;
    wss.on('connection', (ws) => {
      sockets.push(ws);
      ws.send(JSON.stringify({ type: 'hello', channel: 'c', backlog: 0 }));
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { type: string; id: string };
        if (m.type === 'ping' && answer) ws.send(JSON.stringify({ type: 'pong', id: m.id, backlog: 4 }));
      });
    });
    const { relay, states } = client({ pingIntervalMs: 40 });
    const url = `http://127.0.0.1:${(wss.address() as { port: number }).port}`;
    const first = await relay.connect({ url, channel: 'c', token: 't', inbox: 'dev' });
    expect(first.state).toBe('connected');
    await until(() => relay.status().rttMs !== null);
    expect(relay.status().backlog).toBe(4);

    answer = false; // the TCP connection stays open, the relay just goes quiet
    await until(() => sockets.length >= 2);
    answer = true;
    await until(() => relay.status().state === 'connected' && relay.status().rttMs !== null);
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    expect(relay.status().reconnects).toBe(1);
  });

  it('acknowledges a relayed request only once its capture has committed', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => wss.once('listening', r));
    cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
    const acks: string[] = [];
    wss.on('connection', (ws) => {
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { type: string; id: string };
        if (m.type === 'ack') acks.push(m.id);
      });
      ws.send(JSON.stringify({ type: 'hello', channel: 'c', backlog: 1 }));
      ws.send(
        JSON.stringify({
          type: 'request',
          id: 'r1',
          method: 'POST',
          path: '/',
          headers: [['Content-Type', 'application/json']],
          bodyBase64: Buffer.from('{"a":1}').toString('base64'),
          remote: '203.0.113.9:5555',
          receivedAt: new Date().toISOString(),
          queued: true,
        }),
      );
    });
    const db = openStore(join(tempDir(), 'studio.db'));
    const bus = createEventBus();
    const repo = createCapturesRepo(db, systemClock);
    // A store whose commit the test releases: the relay must not hear "stored" before it.
    const { commits, release } = heldCommit();
    const inbox = createInboxService({
      repo,
      commits,
      secrets: () => [],
      clock: systemClock,
      random: systemRandom,
      bus,
    });
    const relay = createRelayClient({ inbox, repo, bus, clock: systemClock, connectWaitMs: 2000 });
    cleanups.push(() => {
      relay.close();
      db.close();
    });
    await relay.connect({
      url: `http://127.0.0.1:${(wss.address() as { port: number }).port}`,
      channel: 'c',
      token: 't',
      inbox: 'dev',
    });
    await until(() => repo.list({ limit: 10 }).captures.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(acks).toEqual([]);
    release();
    await until(() => acks.length === 1);
    expect(acks).toEqual(['r1']);
  });

  it('backs off exponentially with jitter, up to a ceiling', () => {
    expect(backoffDelay(0, 250, 15_000, 0.5)).toBe(250);
    expect(backoffDelay(3, 250, 15_000, 0.5)).toBe(2000);
    expect(backoffDelay(30, 250, 15_000, 0.5)).toBe(15_000);
    expect(backoffDelay(2, 250, 15_000, 0)).toBe(750);
    expect(backoffDelay(2, 250, 15_000, 1)).toBe(1250);
  });
});
