import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const hasElectronBinary = existsSync(join(electronDir, 'path.txt'));

it.skipIf(hasElectronBinary)(
  'npm start without the Electron binary says so in one line and runs headless',
  async () => {
    const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--data-dir', tempDir()], {
      env: { ...process.env, WEBHOOK_STUDIO_SKIP_BUILD: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await expect.poll(() => out, { timeout: 15_000 }).toMatch(/^WEBHOOK_STUDIO_UI=/m);
    const notice = err.split('\n').filter((l) => l.includes('Electron binary'));
    expect(notice).toEqual([
      'webhook-studio: the Electron binary is not installed (get it with `node node_modules/electron/install.js` where the internet is reachable) — starting headless mode instead (open the WEBHOOK_STUDIO_UI address below).',
    ]);
    const [, base] = /^SONZAI_BASE_URL=(\S+)$/m.exec(out)!;
    expect((await fetch(`${base}/_studio/health`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.on('exit', r))).toBe(0);
  },
);
