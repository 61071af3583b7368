import { describe, expect, it } from 'vitest';
import { registerIpc, type IpcMainLike } from '../../src/main/ipc';
import { createStudio } from '../../src/core/index';
import { IPC_CALL, IPC_EVENT } from '../../src/shared/bridge';
import { tempDir } from '../helpers/tmp';

function fakeIpc() {
  const handlers = new Map<string, (e: { senderFrame?: { url: string } }, ...a: unknown[]) => unknown>();
  const ipc: IpcMainLike = {
    handle: (ch, fn) => void handlers.set(ch, fn),
    removeHandler: (ch) => void handlers.delete(ch),
  };
  return { ipc, handlers };
}

describe('IPC transport', () => {
  it('carries contract envelopes from the app renderer, validated, and refuses other frames', async () => {
    const studio = await createStudio({ dataDir: tempDir(), port: 0, writeRuntimeFile: false });
    const { ipc, handlers } = fakeIpc();
    const sent: unknown[] = [];
    const off = registerIpc({
      ipcMain: ipc,
      dispatch: studio.dispatch,
      bus: studio.bus,
      isTrustedUrl: (u) => u === 'file:///app/index.html',
      target: () => ({ send: (ch, p) => sent.push([ch, p]), isDestroyed: () => false }),
    });
    const call = handlers.get(IPC_CALL)!;
    const ok = (await call({ senderFrame: { url: 'file:///app/index.html' } }, { id: 1, method: 'studio.status' })) as {
      result: { apiKey: string };
    };
    expect(ok.result.apiKey).toBe(studio.status().apiKey);

    const bad = await call(
      { senderFrame: { url: 'file:///app/index.html' } },
      { id: 2, method: 'settings.set', params: { patch: { theme: 1 } } },
    );
    expect(bad).toMatchObject({ id: 2, error: { code: 'invalid_params' } });

    const foreign = await call({ senderFrame: { url: 'https://evil.example/' } }, { id: 3, method: 'studio.status' });
    expect(foreign).toMatchObject({
      error: { code: 'invalid_params', message: 'calls from https://evil.example/ are refused' },
    });

    await call(
      { senderFrame: { url: 'file:///app/index.html' } },
      { id: 4, method: 'settings.set', params: { patch: { theme: 'dark' } } },
    );
    expect(sent).toContainEqual([IPC_EVENT, expect.objectContaining({ event: 'settings.changed' })]);
    off();
    expect(handlers.has(IPC_CALL)).toBe(false);
    await studio.close();
  });
});
