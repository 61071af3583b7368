import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import { createFakeElectron, type FakeElectron } from './fake-electron';

export const MAIN_BUNDLE = resolve('out/main/index.js');

// Start-up runs the real core (SQLite, HTTP server, worker thread): on a busy machine that
// takes longer than expect.poll's default second.
vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 20 } } });

/** The fake the `electron` mock hands out; a fresh one per loaded bundle. */
export const current: { fake: FakeElectron | null } = { fake: null };

/**
 * Loads the BUILT main bundle (`npm run build` makes it) afresh, with `electron` being a
 * new fake, the given environment and arguments. The caller's file must declare
 * `vi.mock('electron', () => electronMock())`.
 */
export async function loadMain(opts: {
  env: Record<string, string | undefined>;
  argv?: string[];
  packaged?: boolean;
  lock?: boolean;
}): Promise<FakeElectron> {
  if (!existsSync(MAIN_BUNDLE)) throw new Error(`${MAIN_BUNDLE} is missing: run \`npm run build\` first`);
  const fake = createFakeElectron();
  fake.state.packaged = opts.packaged ?? false;
  fake.state.lock = opts.lock ?? true;
  current.fake = fake;
  const saved = { argv: process.argv, env: { ...process.env } };
  process.argv = [process.execPath, '.', ...(opts.argv ?? [])];
  for (const k of [
    'WEBHOOK_STUDIO_DATA_DIR',
    'WEBHOOK_STUDIO_PORT',
    'ELECTRON_RENDERER_URL',
    'WEBHOOK_STUDIO_NATIVE_BINDING',
  ]) {
    delete process.env[k];
  }
  for (const [k, v] of Object.entries(opts.env)) if (v !== undefined) process.env[k] = v;
  try {
    vi.resetModules();
    await import(`${MAIN_BUNDLE}?load=${Date.now()}-${Math.random()}`);
  } finally {
    process.argv = saved.argv;
    process.env = saved.env;
  }
  return fake;
}

const ELECTRON_EXPORTS = [
  'app',
  'BrowserWindow',
  'Tray',
  'Notification',
  'session',
  'protocol',
  'ipcMain',
  'Menu',
  'dialog',
  'shell',
  'clipboard',
  'nativeImage',
] as const;

/** The module `electron` resolves to in the bundle: proxies to the current fake. */
export function electronMock(): Record<string, unknown> {
  const keys = ELECTRON_EXPORTS;
  const mod: Record<string, unknown> = {};
  for (const k of keys) {
    Object.defineProperty(mod, k, {
      enumerable: true,
      get: () => current.fake!.electron[k],
    });
  }
  return mod;
}
