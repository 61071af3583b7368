import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { IPC_CALL } from '../../src/shared/bridge';
import { tempDir } from '../helpers/tmp';
import { current, electronMock, loadMain } from './harness/load-main';

vi.mock('electron', () => electronMock());

const APP_PAGE = 'app://studio/index.html';
const walSize = (dir: string) =>
  existsSync(join(dir, 'studio.db-wal')) ? statSync(join(dir, 'studio.db-wal')).size : 0;

afterEach(async () => {
  const fake = current.fake;
  if (fake?.state.ready && !fake.state.quitted) {
    for (const w of fake.state.windows) if (!w.destroyed) w.close();
    await expect.poll(() => fake.state.quitted, { timeout: 10_000 }).toBe(true);
  }
});

describe('the built main process: its life', () => {
  it('a second instance quits at once; the first, told so, shows and focuses its window', async () => {
    const second = await loadMain({
      env: { WEBHOOK_STUDIO_DATA_DIR: tempDir(), WEBHOOK_STUDIO_PORT: '0' },
      lock: false,
    });
    expect(second.state.quitCalls).toBe(1);
    expect(second.state.quitted).toBe(true);
    second.ready();
    await new Promise((r) => setTimeout(r, 50));
    expect(second.state.windows).toEqual([]);

    const first = await loadMain({ env: { WEBHOOK_STUDIO_DATA_DIR: tempDir(), WEBHOOK_STUDIO_PORT: '0' } });
    first.ready();
    await expect.poll(() => first.state.windows.length).toBe(1);
    const [win] = first.state.windows;
    win.minimize();
    first.electron.app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(win.isMinimized()).toBe(false);
    expect(win.isFocused()).toBe(true);
    expect(win.visible).toBe(true);
  });

  it('closing the last window stops the studio, checkpoints the WAL and quits', async () => {
    const dir = tempDir();
    const fake = await loadMain({ env: { WEBHOOK_STUDIO_DATA_DIR: dir, WEBHOOK_STUDIO_PORT: '0' } });
    fake.ready();
    await expect.poll(() => fake.state.windows.length).toBe(1);
    const status = (await fake.invoke(IPC_CALL, APP_PAGE, { id: 1, method: 'studio.status' })) as {
      result: { apiBaseUrl: string };
    };
    for (let i = 0; i < 20; i++) {
      await fake.invoke(IPC_CALL, APP_PAGE, {
        id: 2,
        method: 'settings.set',
        params: { patch: { theme: i % 2 ? 'dark' : 'light' } },
      });
    }
    expect(walSize(dir)).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'runtime.json'))).toBe(true);

    fake.state.windows[0].close();
    await expect.poll(() => fake.state.quitted, { timeout: 10_000 }).toBe(true);
    expect(fake.state.exitCode).toBe(null);
    expect(walSize(dir)).toBe(0);
    expect(existsSync(join(dir, 'runtime.json'))).toBe(false);
    expect(fake.state.trays[0].destroyed).toBe(true);
    await expect(fetch(`${status.result.apiBaseUrl}/_studio/health`)).rejects.toThrow();
  });

  it('quitting from the menu (Cmd+Q) also stops the studio before the app goes', async () => {
    const dir = tempDir();
    const fake = await loadMain({ env: { WEBHOOK_STUDIO_DATA_DIR: dir, WEBHOOK_STUDIO_PORT: '0' } });
    fake.ready();
    await expect.poll(() => fake.state.windows.length).toBe(1);
    fake.electron.app.quit();
    expect(fake.state.quitted).toBe(false); // held until the studio has stopped
    await expect.poll(() => fake.state.quitted, { timeout: 10_000 }).toBe(true);
    expect(existsSync(join(dir, 'runtime.json'))).toBe(false);
  });

  it('a port already taken shows one error dialog and exits non-zero', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const fake = await loadMain({ env: { WEBHOOK_STUDIO_DATA_DIR: tempDir() }, argv: ['--port', String(port)] });
      fake.ready();
      await expect.poll(() => fake.state.exitCode).toBe(1);
      expect(fake.state.errorBoxes).toEqual([
        {
          title: 'Sonzai Webhook Studio could not start',
          content: expect.stringContaining(`port ${port} on 127.0.0.1 is already in use`),
        },
      ]);
      expect(fake.state.windows).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('an unusable data folder shows one error dialog and exits non-zero', async () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const fake = await loadMain({ env: { WEBHOOK_STUDIO_PORT: '0' }, argv: ['--data-dir', join(file, 'studio')] });
    fake.ready();
    await expect.poll(() => fake.state.exitCode).toBe(1);
    expect(fake.state.errorBoxes).toHaveLength(1);
    expect(fake.state.errorBoxes[0].content).toMatch(/^cannot use data dir .*not-a-folder[\\/]studio: ENOTDIR$/);
    expect(fake.state.windows).toEqual([]);
  });

  it('honours ELECTRON_RENDERER_URL and WEBHOOK_STUDIO_NATIVE_BINDING only when not packaged', async () => {
    const env = {
      WEBHOOK_STUDIO_DATA_DIR: tempDir(),
      WEBHOOK_STUDIO_PORT: '0',
      ELECTRON_RENDERER_URL: 'http://localhost:5173',
      WEBHOOK_STUDIO_NATIVE_BINDING: join(tempDir(), 'evil.node'),
    };
    const packaged = await loadMain({ env, packaged: true });
    packaged.ready();
    await expect.poll(() => packaged.state.windows.length).toBe(1);
    expect(packaged.state.windows[0].loaded).toEqual([APP_PAGE]);
    expect(packaged.state.errorBoxes).toEqual([]); // the bogus native module was never loaded
    packaged.state.windows[0].close();
    await expect.poll(() => packaged.state.quitted, { timeout: 10_000 }).toBe(true);

    const dev = await loadMain({ env: { ...env, WEBHOOK_STUDIO_DATA_DIR: tempDir() } });
    dev.ready();
    await expect.poll(() => dev.state.errorBoxes.length + dev.state.windows.length).toBe(1);
    // Unpacked, the native module override is used: this one does not exist, so start-up fails, saying why.
    expect(dev.state.errorBoxes[0]?.content).toMatch(/evil\.node/);
    expect(dev.state.exitCode).toBe(1);
  });

  it('unpacked with a dev server, loads it and sets the CSP header on its responses', async () => {
    const fake = await loadMain({
      env: {
        WEBHOOK_STUDIO_DATA_DIR: tempDir(),
        WEBHOOK_STUDIO_PORT: '0',
        ELECTRON_RENDERER_URL: 'http://localhost:5173',
      },
    });
    fake.ready();
    await expect.poll(() => fake.state.windows.length).toBe(1);
    expect(fake.state.windows[0].loaded).toEqual(['http://localhost:5173']);
    const hook = fake.state.headersHooks[0] as (
      d: { responseHeaders: Record<string, string[]> },
      cb: (r: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    let headers: Record<string, string[]> = {};
    hook({ responseHeaders: { 'content-type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    const { UI_CSP } = await import('../../src/core/static-ui');
    expect(headers['Content-Security-Policy']).toEqual([UI_CSP]);
    expect(fake.state.windows[0].webContents.navigate('http://localhost:5173/#/x')).toBe(false);
    expect(fake.state.windows[0].webContents.navigate('http://localhost:5174/')).toBe(true);
  });
});
