import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const hasElectronBinary = existsSync(join(electronDir, 'path.txt'));

function start(env: Record<string, string>) {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--data-dir', tempDir()], {
    env: { ...process.env, WEBHOOK_STUDIO_SKIP_BUILD: '1', ...env },
  });
  // uiAt: from the first line start.mjs prints after the build (the download notice) to the UI line.
  const io = { out: '', err: '', uiAt: 0, builtAt: 0 };
  child.stdout.on('data', (d: Buffer) => {
    io.out += d.toString();
    if (!io.uiAt && /^WEBHOOK_STUDIO_UI=/m.test(io.out)) io.uiAt = performance.now() - t0 - io.builtAt;
  });
  child.stderr.on('data', (d: Buffer) => {
    if (!io.err) io.builtAt = performance.now() - t0;
    io.err += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.on('exit', r));
  return { child, io, exited };
}

/** A folder laid out like the `electron` package, whose install.js is `installer`. */
function fakeElectron(installer: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '0.0.0-fake' }));
  writeFileSync(join(dir, 'install.js'), installer);
  return dir;
}

async function expectHeadless(run: ReturnType<typeof start>) {
  await expect.poll(() => run.io.out, { timeout: 15_000 }).toMatch(/^WEBHOOK_STUDIO_UI=/m);
  const [, base] = /^SONZAI_BASE_URL=(\S+)$/m.exec(run.io.out)!;
  expect((await fetch(`${base}/_studio/health`)).status).toBe(200);
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
}

describe('npm start', () => {
  it.skipIf(hasElectronBinary)(
    'with the network unreachable, runs Electron’s installer, says why in one line and is headless within 3 s',
    // A timing on a CPU shared with other work: a slow try is tried again, a slow fallback fails every try.
    { retry: 2 },
    async () => {
      const run = start({ ELECTRON_MIRROR: 'http://127.0.0.1:1/', electron_config_cache: tempDir() });
      await expectHeadless(run);
      const lines = run.io.err.split('\n').filter((l) => l.includes('Electron'));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^webhook-studio: downloading Electron \d+\.\d+\.\d+ \(once, about 100 MB\)\.* failed$/);
      expect(lines[1]).toMatch(
        /^webhook-studio: could not download Electron \d+\.\d+\.\d+ \(.*fetch failed.*\); retry with `npm start` once online .* — starting headless mode instead/,
      );
      // From "build finished" (start.mjs's first line, the build being skipped here) to a usable studio.
      expect(run.io.builtAt).toBeGreaterThan(0);
      expect(run.io.uiAt).toBeLessThan(3000);
    },
  );

  it('when the installer fails (a proxy refusing) the line carries its reason', async () => {
    const dir = fakeElectron(`console.error('Error: 407 Proxy Authentication Required'); process.exit(1);`);
    const run = start({ WEBHOOK_STUDIO_ELECTRON_DIR: dir });
    await expectHeadless(run);
    expect(run.io.err).toContain(
      'webhook-studio: could not download Electron 0.0.0-fake (Error: 407 Proxy Authentication Required); retry with',
    );
  });

  it('when the download succeeds, shows progress and launches the window with the Electron build of better-sqlite3', async () => {
    // The stand-in installer takes 1.5 s and writes a "binary" that is a tiny node script.
    const dir = fakeElectron(`
      const fs = require('fs'), path = require('path');
      setTimeout(() => {
        fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
        const bin = path.join(__dirname, 'dist', 'fake-electron');
        fs.writeFileSync(bin, '#!${process.execPath}\\nconsole.log(JSON.stringify({ argv: process.argv.slice(2), binding: process.env.WEBHOOK_STUDIO_NATIVE_BINDING }));\\n');
        fs.chmodSync(bin, 0o755);
        fs.writeFileSync(path.join(__dirname, 'path.txt'), 'fake-electron');
      }, 1500);
    `);
    const cache = tempDir();
    const binding = join(cache, `better_sqlite3-electron-0.0.0-fake-${process.platform}-${process.arch}.node`);
    mkdirSync(cache, { recursive: true });
    writeFileSync(binding, 'not really a native module');
    const run = start({ WEBHOOK_STUDIO_ELECTRON_DIR: dir, WEBHOOK_STUDIO_NATIVE_CACHE: cache });
    expect(await run.exited).toBe(0);
    expect(run.io.err).toMatch(/^webhook-studio: downloading Electron 0\.0\.0-fake \(once, about 100 MB\)\.+ done$/m);
    expect(run.io.err).not.toContain('headless');
    const launched = JSON.parse(run.io.out.trim()) as { argv: string[]; binding: string };
    expect(launched).toEqual({ argv: ['.', '--port', '0', '--data-dir', expect.any(String)], binding });
    expect(existsSync(join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8')))).toBe(true);
  });

  it('an installed binary launches at once, without running the installer', async () => {
    const dir = fakeElectron(`process.exit(9)`);
    mkdirSync(join(dir, 'dist'));
    const bin = join(dir, 'dist', 'electron');
    writeFileSync(bin, `#!${process.execPath}\nconsole.log('window');\n`);
    chmodSync(bin, 0o755);
    writeFileSync(join(dir, 'path.txt'), 'electron');
    const cache = tempDir();
    writeFileSync(join(cache, `better_sqlite3-electron-0.0.0-fake-${process.platform}-${process.arch}.node`), 'x');
    const run = start({ WEBHOOK_STUDIO_ELECTRON_DIR: dir, WEBHOOK_STUDIO_NATIVE_CACHE: cache });
    expect(await run.exited).toBe(0);
    expect(run.io.out.trim()).toBe('window');
    expect(run.io.err).toBe('');
  });
});
