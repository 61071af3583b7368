import { expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const ipcRenderer = {
  invoke: vi.fn(async (_ch: string, env: unknown) => ({ id: (env as { id: number }).id, result: 'ok' })),
  on: vi.fn(),
  removeListener: vi.fn(),
};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
  ipcRenderer,
}));

it('exposes only call(envelope) and onEvent(cb) → unsubscribe, never ipcRenderer itself', async () => {
  await import('../../src/preload/index');
  expect(Object.keys(exposed)).toEqual(['studio']);
  const bridge = exposed.studio as { call: (e: unknown) => Promise<unknown>; onEvent: (cb: () => void) => () => void };
  expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
  expect(await bridge.call({ id: 9, method: 'studio.status' })).toEqual({ id: 9, result: 'ok' });
  expect(ipcRenderer.invoke).toHaveBeenCalledWith('studio:call', { id: 9, method: 'studio.status' });
  const off = bridge.onEvent(() => undefined);
  expect(ipcRenderer.on).toHaveBeenCalledWith('studio:event', expect.any(Function));
  off();
  expect(ipcRenderer.removeListener).toHaveBeenCalledWith('studio:event', ipcRenderer.on.mock.calls[0][1]);
});
