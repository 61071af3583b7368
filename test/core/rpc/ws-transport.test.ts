import { afterEach, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/core/index';
import { wantedEvents } from '../../../src/core/rpc/ws-transport';
import { tempDir } from '../../helpers/tmp';
import { wsClient } from '../../helpers/ws-client';

/** Resolves with the HTTP status a refused handshake got. */
async function refusedStatus(url: string, headers: Record<string, string>): Promise<number> {
  try {
    const { ws } = await wsClient(url, headers);
    ws.close();
    return 101;
  } catch (err) {
    const m = /Unexpected server response: (\d+)/.exec((err as Error).message);
    return m ? Number(m[1]) : -1;
  }
}

describe('WebSocket transport guards', () => {
  let studio: Studio;
  afterEach(async () => studio?.close());

  it('needs the per-launch token', async () => {
    studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
    const base = studio.wsUrl().replace(/token=.*/, '');
    expect(await refusedStatus(`${base}token=wrong`, {})).toBe(401);
    expect(await refusedStatus(base.slice(0, -1), {})).toBe(401);
    expect(await refusedStatus(studio.wsUrl(), {})).toBe(101);
  });

  it("refuses a foreign Origin or Host even with the right token (a web page can't drive the studio)", async () => {
    studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
    const { port } = studio.status();
    expect(await refusedStatus(studio.wsUrl(), { origin: 'https://evil.example' })).toBe(403);
    expect(await refusedStatus(studio.wsUrl(), { origin: `http://127.0.0.1:${port + 1}` })).toBe(403);
    expect(await refusedStatus(studio.wsUrl(), { host: `rebind.example:${port}` })).toBe(421);
    expect(await refusedStatus(studio.wsUrl(), { origin: `http://localhost:${port}`, host: `localhost:${port}` })).toBe(
      101,
    );
  });

  it('streams live events to connected clients', async () => {
    studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
    const { client, ws } = await wsClient(studio.wsUrl());
    const seen: string[] = [];
    client.on('settings.changed', (s) => seen.push(s.theme));
    await studio.dispatch({ id: 1, method: 'settings.set', params: { patch: { theme: 'light' } } });
    await expect.poll(() => seen).toEqual(['light']);
    ws.close();
  });

  it('sends a client that named its events (?events=a,b) only those; the others get every event', async () => {
    studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
    const everything = await wsClient(studio.wsUrl());
    const some = await wsClient(`${studio.wsUrl()}&events=webhooks.changed,burst.progress`);
    const all: string[] = [];
    const named: string[] = [];
    everything.client.onAny((e) => all.push(e.event));
    some.client.onAny((e) => named.push(e.event));
    // Nobody wants attempts: an emitter may skip building them.
    expect(studio.context.bus.wants('attempt.recorded')).toBe(true); // the unfiltered client
    everything.ws.close();
    await expect.poll(() => studio.context.bus.wants('attempt.recorded')).toBe(false);
    const again = await wsClient(studio.wsUrl());
    again.client.onAny((e) => all.push(e.event));
    await studio.dispatch({ id: 1, method: 'settings.set', params: { patch: { theme: 'light' } } });
    studio.context.bus.emit('webhooks.changed', { projectId: 'p' });
    await expect.poll(() => all).toEqual(['settings.changed', 'webhooks.changed']);
    // Requests still get their answers on a filtered connection.
    await expect(some.client.call('settings.get')).resolves.toMatchObject({ theme: 'light' });
    expect(named).toEqual(['webhooks.changed']);
    some.ws.close();
    again.ws.close();
  });

  it('reads the wanted events from the URL', () => {
    expect(wantedEvents('/_studio/ws?token=t')).toBeNull();
    expect([...wantedEvents('/_studio/ws?token=t&events=burst.progress')!]).toEqual(['burst.progress']);
    expect([...wantedEvents('/_studio/ws?events=a,,b&token=t')!]).toEqual(['a', 'b']);
    expect([...wantedEvents('/_studio/ws?events=')!]).toEqual([]);
  });
});
