import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createStudio } from '../../../src/core/index';
import { createStudioClient } from '../../../src/shared/rpc-client';
import { contractSuite } from '../../shared/contract-suite';
import { tempDir } from '../../helpers/tmp';
import { wsClient } from '../../helpers/ws-client';

contractSuite('the in-memory transport', async () => {
  const studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
  const channel = studio.connectInMemory();
  return {
    studio,
    client: createStudioClient(channel),
    raw: (value) => studio.dispatch(JSON.parse(JSON.stringify(value))),
    close: async () => {
      channel.close();
      await studio.close();
    },
  };
});

contractSuite('the WebSocket transport', async () => {
  const studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
  const { client, ws } = await wsClient(studio.wsUrl());
  return {
    studio,
    client,
    raw: (value) =>
      new Promise((resolve) => {
        const onMsg = (d: WebSocket.RawData) => {
          const msg = JSON.parse(d.toString()) as { event?: string };
          if (msg.event) return;
          ws.off('message', onMsg);
          resolve(msg);
        };
        ws.on('message', onMsg);
        ws.send(JSON.stringify(value));
      }),
    close: async () => {
      ws.close();
      await studio.close();
    },
  };
});

describe('settings.set and delivery settings', () => {
  it('refuses delivery settings on the generic command, so the dispatcher never runs on stale ones', async () => {
    const studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
    const client = createStudioClient(studio.connectInMemory());
    await client.call('delivery.settings.set', { patch: { maxAttempts: 2, timeoutMs: 5000 } });
    const err = await client
      .call('settings.set', { patch: { delivery: { maxAttempts: 9 } } as never })
      .catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'invalid_params' });
    expect(await client.call('delivery.settings.get')).toMatchObject({ maxAttempts: 2, timeoutMs: 5000 });
    await studio.close();
  });
});
