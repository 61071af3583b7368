import { beforeEach, describe, expect, it, vi } from 'vitest';

const created: { options: Record<string, unknown>; wc: FakeWebContents; loaded: string[] }[] = [];
class FakeWebContents {
  handlers = new Map<string, (...a: unknown[]) => void>();
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  on(event: string, cb: (...a: unknown[]) => void) {
    this.handlers.set(event, cb);
    return this;
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
}
const openExternal = vi.fn();

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = new FakeWebContents();
    loaded: string[] = [];
    constructor(options: Record<string, unknown>) {
      created.push({ options, wc: this.webContents, loaded: this.loaded });
    }
    maximize() {}
    once() {}
    on() {}
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { BrowserWindow, shell: { openExternal } };
});

const { createMainWindow, rendererUrl } = await import('../../src/main/window');
const { trustedUrlCheck } = await import('../../src/main/security');
const { tempDir } = await import('../helpers/tmp');

describe('main window', () => {
  beforeEach(() => {
    created.length = 0;
    openExternal.mockReset();
  });

  it('is created sandboxed, context-isolated, without Node, with the CommonJS preload', () => {
    createMainWindow(tempDir(), trustedUrlCheck(rendererUrl()));
    const prefs = created[0].options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(created[0].loaded[0]).toMatch(/^file:\/\/.*renderer[\\/]index\.html$/);
  });

  it('blocks navigation away from the app and every new window; web links go to the system browser', () => {
    createMainWindow(tempDir(), trustedUrlCheck(rendererUrl()));
    const wc = created[0].wc;
    const navigate = wc.handlers.get('will-navigate')!;
    const prevented = vi.fn();
    navigate({ preventDefault: prevented }, 'https://evil.example/');
    expect(prevented).toHaveBeenCalledOnce();
    const allowed = vi.fn();
    navigate({ preventDefault: allowed }, rendererUrl());
    expect(allowed).not.toHaveBeenCalled();
    expect(wc.openHandler!({ url: 'https://docs.sonz.ai/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.sonz.ai/');
    expect(wc.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('restores the saved window size', async () => {
    const dir = tempDir();
    const { saveWindowState } = await import('../../src/main/window-state');
    saveWindowState(dir, { width: 1000, height: 700, x: 10, y: 20, maximized: false });
    createMainWindow(dir, () => true);
    expect(created[0].options).toMatchObject({ width: 1000, height: 700, x: 10, y: 20 });
  });
});
