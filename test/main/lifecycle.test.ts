import { expect, it, vi } from 'vitest';

const app = {
  setPath: vi.fn(),
  requestSingleInstanceLock: vi.fn(() => false),
  quit: vi.fn(),
  on: vi.fn(),
  whenReady: vi.fn(() => new Promise(() => undefined)),
};
vi.mock('electron', () => ({
  app,
  BrowserWindow: class {},
  dialog: {},
  ipcMain: {},
  session: {},
  shell: {},
  Menu: {},
}));

it('a second instance quits at once instead of opening a second studio on the same data', async () => {
  await import('../../src/main/index');
  expect(app.requestSingleInstanceLock).toHaveBeenCalledOnce();
  expect(app.quit).toHaveBeenCalledOnce();
  expect(app.whenReady).not.toHaveBeenCalled();
  expect(app.setPath).toHaveBeenCalledWith('userData', expect.stringContaining('Sonzai Webhook Studio'));
});
