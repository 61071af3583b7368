// Keeps an Electron build of better-sqlite3 beside the Node build, so `npm test`
// (plain Node) and `npm start` (Electron) never break each other. The build comes from
// better-sqlite3's own prebuilt-binary path (its `prebuild-install`, for Electron's ABI);
// only when no prebuilt binary can be had is it compiled from source with node-gyp.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const BUILT = join('build', 'Release', 'better_sqlite3.node');

export function electronVersion(electronDir = dirname(require.resolve('electron/package.json'))) {
  return require(join(electronDir, 'package.json')).version;
}

export function electronBindingPath(version = electronVersion(), cacheDir = 'node_modules/.cache/webhook-studio') {
  return resolve(cacheDir, `better_sqlite3-electron-${version}-${process.platform}-${process.arch}.node`);
}

function firstLine(err) {
  const text = String(err.stderr || '').trim() || String(err.message);
  const lines = text.split('\n').filter((l) => l.trim());
  return (lines.find((l) => /warn|err/i.test(l)) ?? lines[0] ?? 'failed').trim();
}

/**
 * Returns the path of better-sqlite3 built for this Electron, fetching it once.
 * `opts` lets tests point at stand-in tools and folders.
 */
export function ensureElectronBinding(opts = {}) {
  const version = opts.version ?? electronVersion();
  const target = electronBindingPath(version, opts.cacheDir);
  if (existsSync(target)) return target;
  const log = opts.log ?? ((line) => console.error(line));
  const pkgDir = opts.betterSqliteDir ?? dirname(require.resolve('better-sqlite3/package.json'));
  const prebuildInstall = opts.prebuildInstall ?? require.resolve('prebuild-install/bin.js');
  const nodeGyp = opts.nodeGyp ?? require.resolve('node-gyp/bin/node-gyp.js');
  const env = { ...process.env, ...opts.env };

  // 1. The prebuilt binary, in a scratch folder holding only the package manifest, so the
  //    Node build in node_modules/better-sqlite3/build is never overwritten.
  const scratch = mkdtempSync(join(tmpdir(), 'bsq-electron-'));
  try {
    copyFileSync(join(pkgDir, 'package.json'), join(scratch, 'package.json'));
    log(`webhook-studio: fetching the prebuilt better-sqlite3 for Electron ${version}…`);
    execFileSync(process.execPath, [prebuildInstall, '--runtime=electron', `--target=${version}`], {
      cwd: scratch,
      stdio: ['ignore', 'ignore', 'pipe'],
      env,
      timeout: 120_000,
    });
    if (!existsSync(join(scratch, BUILT))) throw new Error('prebuild-install left no binary');
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(scratch, BUILT), target);
    return target;
  } catch (err) {
    log(
      `webhook-studio: no prebuilt better-sqlite3 for Electron ${version} (${firstLine(err)}); compiling it from source (needs a C++ toolchain, about a minute)…`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  // 2. Only then: compile against Electron's headers in a scratch copy of the package.
  const build = mkdtempSync(join(tmpdir(), 'bsq-electron-src-'));
  try {
    cpSync(pkgDir, build, { recursive: true, filter: (p) => !p.startsWith(join(pkgDir, 'build')) });
    execFileSync(
      process.execPath,
      [
        nodeGyp,
        'rebuild',
        '--release',
        `--target=${version}`,
        '--runtime=electron',
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: build, stdio: ['ignore', 'ignore', 'pipe'], env: { ...env, npm_config_nodedir: '' } },
    );
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(build, BUILT), target);
    return target;
  } catch (err) {
    throw new Error(`compiling better-sqlite3 for Electron ${version} failed: ${firstLine(err)}`, { cause: err });
  } finally {
    rmSync(build, { recursive: true, force: true });
  }
}
