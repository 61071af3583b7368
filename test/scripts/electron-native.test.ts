import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';
// @ts-expect-error a plain .mjs script without types
import { electronBindingPath, ensureElectronBinding } from '../../scripts/electron-native.mjs';

const require = createRequire(import.meta.url);
const nodeBuild = join(dirname(require.resolve('better-sqlite3/package.json')), 'build/Release/better_sqlite3.node');

/** A stand-in tool: records its argv and cwd, then writes `writes` (if any) and exits with `code`. */
function fakeTool(record: string, writes: string | null, code: number): string {
  const file = join(tempDir(), 'tool.cjs');
  writeFileSync(
    file,
    `const fs = require('fs'), path = require('path');
     fs.appendFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(), pkg: fs.existsSync('package.json') && require(path.resolve('package.json')).name }) + '\\n');
     ${writes ? `fs.mkdirSync('build/Release', { recursive: true }); fs.writeFileSync('build/Release/better_sqlite3.node', ${JSON.stringify(writes)});` : ''}
     if (${code}) { console.error('prebuild-install warn install No prebuilt binaries found (target=44.0.0 runtime=electron arch=x64)'); }
     process.exit(${code});`,
  );
  return file;
}
const calls = (record: string) =>
  existsSync(record)
    ? readFileSync(record, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { argv: string[]; cwd: string; pkg: string })
    : [];

describe('the Electron build of better-sqlite3', () => {
  it('comes from prebuild-install for Electron’s runtime and version, beside the Node build', () => {
    const record = join(tempDir(), 'calls.jsonl');
    const cacheDir = tempDir();
    const nodeBefore = statSync(nodeBuild).mtimeMs;
    const lines: string[] = [];
    const path = ensureElectronBinding({
      version: '44.11.5',
      cacheDir,
      prebuildInstall: fakeTool(record, 'PREBUILT', 0),
      nodeGyp: fakeTool(record, 'COMPILED', 0),
      log: (l: string) => lines.push(l),
    });
    expect(path).toBe(electronBindingPath('44.11.5', cacheDir));
    expect(readFileSync(path, 'utf8')).toBe('PREBUILT');
    expect(calls(record)).toEqual([
      { argv: ['--runtime=electron', '--target=44.11.5'], cwd: expect.any(String), pkg: 'better-sqlite3' },
    ]);
    expect(lines).toEqual(['webhook-studio: fetching the prebuilt better-sqlite3 for Electron 44.11.5…']);
    // The Node build that `npm test` loads is untouched, and a second start fetches nothing.
    expect(statSync(nodeBuild).mtimeMs).toBe(nodeBefore);
    expect(ensureElectronBinding({ version: '44.11.5', cacheDir, prebuildInstall: '/nonexistent' })).toBe(path);
    expect(calls(record)).toHaveLength(1);
  });

  it('is compiled from source only when no prebuilt binary exists, and says so', () => {
    const record = join(tempDir(), 'calls.jsonl');
    const cacheDir = tempDir();
    const lines: string[] = [];
    const path = ensureElectronBinding({
      version: '44.0.0',
      cacheDir,
      prebuildInstall: fakeTool(record, null, 1),
      nodeGyp: fakeTool(record, 'COMPILED', 0),
      log: (l: string) => lines.push(l),
    });
    expect(readFileSync(path, 'utf8')).toBe('COMPILED');
    const [, gyp] = calls(record);
    expect(gyp.argv).toEqual([
      'rebuild',
      '--release',
      '--target=44.0.0',
      '--runtime=electron',
      expect.stringMatching(/^--dist-url=/),
    ]);
    // node-gyp works on a full copy of the package, never in node_modules.
    expect(gyp.cwd).not.toContain('node_modules');
    expect(existsSync(gyp.cwd)).toBe(false); // the scratch copy is removed afterwards
    expect(lines[1]).toBe(
      'webhook-studio: no prebuilt better-sqlite3 for Electron 44.0.0 (prebuild-install warn install No prebuilt binaries found (target=44.0.0 runtime=electron arch=x64)); compiling it from source (needs a C++ toolchain, about a minute)…',
    );
  });

  it('with the real prebuild-install and a download that is refused, falls back to compiling, and fails with one clear error when that fails too', () => {
    const record = join(tempDir(), 'calls.jsonl');
    const cacheDir = tempDir();
    const lines: string[] = [];
    mkdirSync(cacheDir, { recursive: true });
    expect(() =>
      ensureElectronBinding({
        version: '44.11.5',
        cacheDir,
        // better-sqlite3's own prebuild-install; its download address is refused.
        env: { npm_config_download: 'http://127.0.0.1:1/better-sqlite3.tar.gz', npm_config_cache: tempDir() },
        nodeGyp: fakeTool(record, null, 1),
        log: (l: string) => lines.push(l),
      }),
    ).toThrow(/^compiling better-sqlite3 for Electron 44\.11\.5 failed: /);
    expect(lines[1]).toMatch(
      /^webhook-studio: no prebuilt better-sqlite3 for Electron 44\.11\.5 \(prebuild-install warn install .*(ECONNREFUSED|connect).*\); compiling it from source/,
    );
    expect(existsSync(electronBindingPath('44.11.5', cacheDir))).toBe(false);
  });
});
