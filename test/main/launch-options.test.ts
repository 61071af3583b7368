import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/core/paths';
import { DEFAULT_PORT, launchOptions } from '../../src/main/launch-options';

const overrides = { ELECTRON_RENDERER_URL: 'http://localhost:5173', WEBHOOK_STUDIO_NATIVE_BINDING: '/tmp/x.node' };

describe('launch options', () => {
  it('a packaged app keeps its data in the OS per-user folder and ignores the code-changing overrides', () => {
    expect(launchOptions([], overrides, true)).toEqual({
      dataDir: defaultDataDir(),
      port: DEFAULT_PORT,
      devRendererUrl: null,
      nativeBinding: undefined,
      allowHosts: [],
    });
  });

  it('--allow-host (repeatable) and WEBHOOK_STUDIO_ALLOW_HOSTS add names; malformed ones are dropped', () => {
    const env = { WEBHOOK_STUDIO_ALLOW_HOSTS: 'studio.lan, bad host ,' };
    expect(launchOptions(['--allow-host', 'Proxy.Example:8443', '--allow-host=x/y'], env, true).allowHosts).toEqual([
      'studio.lan',
      'proxy.example:8443',
    ]);
  });

  it('unpacked, it takes the dev server and the Electron build of better-sqlite3 from the environment', () => {
    expect(launchOptions([], overrides, false)).toMatchObject({
      devRendererUrl: 'http://localhost:5173',
      nativeBinding: '/tmp/x.node',
    });
  });

  it('--data-dir and --port (as `npm start -- …` passes them) win over the environment; a bad port is ignored', () => {
    const env = { WEBHOOK_STUDIO_DATA_DIR: '/env', WEBHOOK_STUDIO_PORT: '9000' };
    expect(launchOptions(['--data-dir', '/arg', '--port=0'], env, true)).toMatchObject({ dataDir: '/arg', port: 0 });
    expect(launchOptions([], env, true)).toMatchObject({ dataDir: '/env', port: 9000 });
    for (const bad of ['-1', '65536', '8e3', 'x', '']) {
      expect(launchOptions(['--port', bad], {}, true).port).toBe(DEFAULT_PORT);
    }
  });
});
