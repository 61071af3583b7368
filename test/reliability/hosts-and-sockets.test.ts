import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../src/core/index';
import { createStudioClient } from '../../src/shared/rpc-client';
import { tempDir } from '../helpers/tmp';
import { rawHeader, rawRequest, startReceiver, type Receiver } from '../helpers/receiver';
import { wsClient } from '../helpers/ws-client';

let studio: Studio | undefined;
let target: Receiver | undefined;
afterEach(async () => {
  await studio?.close();
  await target?.close();
  studio = target = undefined;
});

async function start(opts: Partial<Parameters<typeof createStudio>[0]> = {}): Promise<{ port: number; base: string }> {
  studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false, ...opts });
  const port = studio.status().port;
  return { port, base: `http://127.0.0.1:${port}` };
}

function json(body: Buffer): Record<string, unknown> {
  return JSON.parse(body.toString()) as Record<string, unknown>;
}

/** Writes `text` on a fresh socket and resolves with what came back and whether the studio closed it. */
function rawSocket(port: number, text: string, waitMs: number): Promise<{ reply: string; closed: boolean }> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let reply = '';
    let closed = false;
    s.on('data', (d: Buffer) => (reply += d.toString()));
    s.on('close', () => {
      closed = true;
      clearTimeout(timer);
      resolve({ reply, closed });
    });
    s.on('error', () => undefined);
    s.write(text);
    const timer = setTimeout(() => {
      s.destroy();
      resolve({ reply, closed });
    }, waitMs);
  });
}

describe('only the studio’s own names reach it (DNS rebinding)', () => {
  it('answers a foreign Host with 421 problem+json on the API, the UI, 404s and the inbox, and stores nothing', async () => {
    const { port, base } = await start();
    const client = createStudioClient(studio!.connectInMemory());
    target = await startReceiver();
    await client.call('inboxes.configure', { name: 'dev', forwardTo: target.url });
    const key = studio!.status().apiKey;
    for (const [method, path] of [
      ['GET', '/api/v1/webhooks'],
      ['GET', '/'],
      ['GET', '/no/such/route'],
      ['POST', '/inbox/dev'],
      ['PUT', '/inbox/dev/orders?x=1'],
    ]) {
      const res = await rawRequest(`${base}${path}`, {
        method,
        headers: ['Host', `rebound.attacker.example:${port}`, 'Authorization', `Bearer ${key}`],
        body: method === 'GET' ? undefined : '{"steal":true}',
      });
      expect(res.status, `${method} ${path}`).toBe(421);
      expect(rawHeader(res.rawHeaders, 'content-type')).toMatch(/^application\/problem\+json/);
      const p = json(res.body);
      expect(p).toMatchObject({ status: 421, title: 'Misdirected Request' });
      expect(String(p.detail)).toContain('--allow-host rebound.attacker.example');
      expect(p.instance).toBe(`${base}${path.split('?')[0]}`);
    }
    expect(target.received).toHaveLength(0);
    const { captures: items } = await client.call('captures.list', { inbox: 'dev' });
    expect(items).toHaveLength(0);
  });

  it('takes loopback names on its own port, refuses them on another, and takes names the user allowed', async () => {
    const { port, base } = await start({ allowHosts: ['studio.lan', 'proxy.example:8443'] });
    const status = async (host: string) =>
      (await rawRequest(`${base}/_studio/health`, { method: 'GET', headers: ['Host', host] })).status;
    for (const ok of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LOCALHOST:${port}`,
      `app.localhost:${port}`,
      `[::1]:${port}`,
      `127.0.0.2:${port}`,
      `studio.lan:${port}`,
      'studio.lan',
      'proxy.example:8443',
    ]) {
      expect(await status(ok), ok).toBe(200);
    }
    for (const bad of [
      `127.0.0.1:${port + 1}`,
      'localhost',
      `127.0.0.1.nip.io:${port}`,
      `localhost.attacker.example:${port}`,
      'proxy.example:443',
      `[::2]:${port}`,
    ]) {
      expect(await status(bad), bad).toBe(421);
    }
  });

  it('refuses the WebSocket to a foreign Host with 421, even with the right token', async () => {
    const { port } = await start();
    const err = await wsClient(studio!.wsUrl(), { host: `rebound.attacker.example:${port}` }).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(err).toMatch(/Unexpected server response: 421/);
  });
});

describe('the inbox and CORS', () => {
  it('answers a CORS preflight itself (refused) and neither captures nor forwards it', async () => {
    const { base } = await start();
    const client = createStudioClient(studio!.connectInMemory());
    target = await startReceiver();
    await client.call('inboxes.configure', { name: 'dev', forwardTo: target.url });
    const res = await rawRequest(`${base}/inbox/dev/hook`, {
      method: 'OPTIONS',
      headers: ['Origin', 'https://some.page.example', 'Access-Control-Request-Method', 'POST'],
    });
    expect(res.status).toBe(403);
    expect(rawHeader(res.rawHeaders, 'access-control-allow-origin')).toBeUndefined();
    expect(String(json(res.body).detail)).toContain('CORS preflight from https://some.page.example refused');
    // A plain OPTIONS (no preflight) is a request like any other.
    const plain = await rawRequest(`${base}/inbox/dev/hook`, { method: 'OPTIONS' });
    expect(plain.status).toBe(200);
    expect(target.received.map((r) => r.method)).toEqual(['OPTIONS']);
    const { captures: items } = await client.call('captures.list', { inbox: 'dev' });
    expect(items).toHaveLength(1);
  });

  it('forwards no header the sender did not send, and answers none the target did not (no Content-Type added)', async () => {
    const { base } = await start();
    const client = createStudioClient(studio!.connectInMemory());
    target = await startReceiver((_r, res) => {
      res.removeHeader('date');
      res.writeHead(202, { 'X-Target': 'yes' });
      res.end('ok');
    });
    await client.call('inboxes.configure', { name: 'dev', forwardTo: target.url });
    const res = await rawRequest(`${base}/inbox/dev`, { headers: ['X-Only', 'this'], body: 'raw bytes' });
    expect(res.status).toBe(202);
    expect(rawHeader(res.rawHeaders, 'x-target')).toBe('yes');
    expect(rawHeader(res.rawHeaders, 'content-type')).toBeUndefined();
    const got = target.received[0];
    const names = got.rawHeaders.filter((_, i) => i % 2 === 0).map((h) => h.toLowerCase());
    expect(names.sort()).toEqual(['connection', 'content-length', 'host', 'x-only']);
    expect(got.body.toString()).toBe('raw bytes');
  });
});

describe('sockets nobody may hold', () => {
  it('answers an upgrade on any path but the WebSocket’s with 400 and closes the socket', async () => {
    const { port } = await start();
    for (const path of ['/api/v1/webhooks', '/inbox/dev', '/']) {
      const { reply, closed } = await rawSocket(
        port,
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        3000,
      );
      expect(closed, path).toBe(true);
      expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(reply).toContain('application/problem+json');
      expect(reply).toContain('does not accept protocol upgrades');
    }
  });

  it('closes a connection whose headers never finish, and an idle keep-alive one', async () => {
    const { port } = await start({ serverTimeouts: { headersMs: 300, keepAliveMs: 300 } });
    const started = Date.now();
    const slow = await rawSocket(port, `GET /_studio/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `, 5000);
    expect(slow.closed).toBe(true);
    expect(slow.reply).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(4000);
    const idle = await rawSocket(port, `GET /_studio/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, 5000);
    expect(idle.reply).toMatch(/^HTTP\/1\.1 200/);
    expect(idle.closed).toBe(true);
  });
});
