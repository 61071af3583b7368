// Keeps an Electron build of better-sqlite3 beside the Node build, so `npm test`
// (plain Node) and `npm start` (Electron) never break each other.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

export function electronVersion() {
  return require('electron/package.json').version;
}

export function electronBindingPath(version = electronVersion()) {
  return resolve(
    'node_modules/.cache/webhook-studio',
    `better_sqlite3-electron-${version}-${process.platform}-${process.arch}.node`,
  );
}

/** Builds better-sqlite3 against Electron's headers in a scratch copy; returns the .node path. */
export function ensureElectronBinding() {
  const version = electronVersion();
  const target = electronBindingPath(version);
  if (existsSync(target)) return target;
  console.error(`webhook-studio: building better-sqlite3 for Electron ${version} (once, about a minute)…`);
  const src = dirname(require.resolve('better-sqlite3/package.json'));
  const scratch = mkdtempSync(join(tmpdir(), 'bsq-electron-'));
  try {
    cpSync(src, scratch, { recursive: true, filter: (p) => !p.includes(`${src}/build`) });
    const gyp = require.resolve('node-gyp/bin/node-gyp.js');
    execFileSync(
      process.execPath,
      [
        gyp,
        'rebuild',
        '--release',
        `--target=${version}`,
        '--runtime=electron',
        '--dist-url=https://electronjs.org/headers',
      ],
      {
        cwd: scratch,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, npm_config_nodedir: '' },
      },
    );
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(scratch, 'build/Release/better_sqlite3.node'), target);
    return target;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
