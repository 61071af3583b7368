import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const require = createRequire(import.meta.url);
const run = promisify(execFile);
const config = JSON.parse(readFileSync('electron-builder.json', 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

describe('packaging with electron-builder (what can be checked offline)', () => {
  it('the configuration validates against electron-builder’s own JSON schema, which rejects a wrong one', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...config, asarUnpak: ['x'] })).toBe(false);
    expect(validate({ ...config, mac: { target: [{ target: 'dmg', arch: ['x86'] }] } })).toBe(false);
  });

  it('builds installers for Linux, macOS (x64 and arm64) and Windows, with the icon set', () => {
    expect(pkg.scripts.dist).toBe('npm run build --silent && electron-builder');
    expect(config).toMatchObject({
      appId: 'ai.sonz.webhook-studio',
      productName: 'Sonzai Webhook Studio',
      asar: true,
      asarUnpack: ['node_modules/better-sqlite3/**'],
      afterPack: 'scripts/after-pack.mjs',
      linux: { target: ['AppImage', 'deb'], icon: 'build/icons' },
      mac: { target: [{ target: 'dmg', arch: ['x64', 'arm64'] }], icon: 'build/icon.icns' },
      win: { target: [{ target: 'nsis', arch: ['x64'] }], icon: 'build/icon.ico' },
    });
    // ICNS and ICO hold the sizes macOS and Windows ask for, as PNGs.
    const icns = readFileSync('build/icon.icns');
    expect(icns.subarray(0, 4).toString()).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4))
      types.push(icns.subarray(at, at + 4).toString());
    expect(types).toEqual(expect.arrayContaining(['icp4', 'icp5', 'ic07', 'ic08', 'ic09', 'ic10']));
    const ico = readFileSync('build/icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const n of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      const png = readFileSync(`build/icons/${n}x${n}.png`);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([n, n]); // IHDR width, height
    }
  });

  it('packs the built main, preload, renderer and the native module, and nothing from src/, test/ or dev dependencies', async () => {
    // An unpacked "Electron" to package into (the real one cannot be downloaded here).
    const dist = tempDir();
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\n');
    chmodSync(join(dist, 'electron'), 0o755);
    writeFileSync(join(dist, 'LICENSE'), 'MIT');
    writeFileSync(join(dist, 'version'), require('electron/package.json').version as string);
    mkdirSync(join(dist, 'resources'));
    // Records what the real afterPack hook would get, and whether its executable path exists.
    const hookDir = tempDir();
    const seen = join(hookDir, 'seen.json');
    writeFileSync(
      join(hookDir, 'hook.mjs'),
      `import { existsSync, writeFileSync } from 'node:fs';
       import { executablePath } from ${JSON.stringify(pathToFileURL(resolve('scripts/after-pack.mjs')).href)};
       export default async (ctx) => writeFileSync(${JSON.stringify(seen)}, JSON.stringify({ exe: executablePath(ctx), exists: existsSync(executablePath(ctx)) }));`,
    );
    const output = tempDir();
    await run(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--linux',
        'dir',
        `-c.electronDist=${dist}`,
        '-c.npmRebuild=false',
        `-c.afterPack=${join(hookDir, 'hook.mjs')}`,
        `-c.directories.output=${output}`,
      ],
      { env: { ...process.env, CI: 'true', ELECTRON_BUILDER_OFFLINE: 'true' }, timeout: 180_000 },
    );
    const resources = join(output, 'linux-unpacked', 'resources');
    expect(JSON.parse(readFileSync(seen, 'utf8'))).toEqual({
      exe: join(output, 'linux-unpacked', 'sonzai-webhook-studio'),
      exists: true,
    });
    const { listPackage } = require('@electron/asar') as { listPackage(p: string): string[] };
    const files = listPackage(join(resources, 'app.asar')).map((f) => f.replace(/\\/g, '/'));
    const app = files.filter((f) => !f.startsWith('/node_modules'));
    for (const f of [
      '/package.json',
      '/out/main/index.js',
      '/out/main/request-log-writer.mjs',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
    ]) {
      expect(app).toContain(f);
    }
    expect(app.filter((f) => /^\/(src|test|scripts|bench|build|docs|\.ci)(\/|$)/.test(f))).toEqual([]);
    expect(app.filter((f) => f.endsWith('.map') || f.startsWith('/out/cli'))).toEqual([]);
    const modules = new Set(
      files
        .filter((f) => f.startsWith('/node_modules/'))
        .map((f) =>
          f
            .split('/')
            .slice(2, f.split('/')[2].startsWith('@') ? 4 : 3)
            .join('/'),
        ),
    );
    for (const dep of Object.keys(pkg.dependencies)) expect(modules, dep).toContain(dep);
    expect(Object.keys(pkg.devDependencies).filter((d) => modules.has(d))).toEqual([]);
    // better-sqlite3's native module sits outside the asar, where it can be loaded.
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release');
    expect(readdirSync(unpacked).filter((f) => f.endsWith('.node'))).toEqual(['better_sqlite3.node']);
    expect(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'deps'))).toBe(false);
  }, 240_000);
});
