// `npm start`: builds, then opens the desktop window. When Electron's binary is missing it
// runs Electron's own installer first (as `electron`'s index.js does), showing progress;
// only when that fails (offline, a proxy refusing) does it start headless mode instead.
//
// Test hooks (not for users): WEBHOOK_STUDIO_SKIP_BUILD=1 skips the build,
// WEBHOOK_STUDIO_ELECTRON_DIR is a folder laid out like the `electron` package,
// WEBHOOK_STUDIO_NATIVE_CACHE is where the Electron build of better-sqlite3 is kept.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setInterval, clearInterval } from 'node:timers';
import { electronVersion, ensureElectronBinding } from './electron-native.mjs';
import { launchChain } from './launch-chain.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const electronDir = process.env.WEBHOOK_STUDIO_ELECTRON_DIR ?? dirname(require.resolve('electron/package.json'));
const RETRY = 'retry with `npm start` once online (or fetch it alone: `node node_modules/electron/install.js`)';

function electronBinary() {
  try {
    const rel = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    const bin = process.env.ELECTRON_OVERRIDE_DIST_PATH
      ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel)
      : join(electronDir, 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function forward(child) {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

/** Headless mode in this very process (no second Node to boot): the CLI's `serve`. */
async function headless(reason) {
  console.error(
    `webhook-studio: ${reason} — starting headless mode instead (open the WEBHOOK_STUDIO_UI address below).`,
  );
  const cli = resolve('out/cli/index.mjs');
  process.env.WEBHOOK_STUDIO_STOP_WITH = launchChain();
  process.argv = [process.argv[0], cli, 'serve', ...args];
  await import(pathToFileURL(cli).href);
}

/**
 * While the installer runs in its own process, load what headless mode would need, so that
 * when the download fails the fallback is up at once (a second or so saved on a slow machine).
 */
function warmHeadless() {
  for (const m of ['fastify', 'better-sqlite3', 'zod', 'ws', 'ajv', 'commander', '@fastify/static']) {
    import(m).catch(() => undefined);
  }
}

/** Runs Electron's installer, a dot a second on stderr; resolves to null or why it failed. */
function installElectron(version) {
  process.stderr.write(`webhook-studio: downloading Electron ${version} (once, about 100 MB)`);
  const dots = setInterval(() => process.stderr.write('.'), 1000);
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], {
      cwd: electronDir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    warmHeadless();
    child.stderr.on('data', (d) => (err = (err + d.toString()).slice(-4000)));
    const finish = (why) => {
      clearInterval(dots);
      process.stderr.write(why ? ' failed\n' : ' done\n');
      done(why);
    };
    child.on('error', (e) => finish(e.message));
    child.on('exit', (code) => {
      if (code === 0) return finish(null);
      const line = err.split('\n').find((l) => l.trim()) ?? `installer exited with code ${code}`;
      finish(line.trim());
    });
  });
}

if (!process.env.WEBHOOK_STUDIO_SKIP_BUILD) {
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
}

const version = electronVersion(electronDir);
let bin = electronBinary();
let why = null;
if (!bin) {
  why = await installElectron(version);
  bin = why ? null : electronBinary();
  if (!why && !bin) why = 'the installer finished but left no binary';
}
if (!bin) {
  await headless(`could not download Electron ${version} (${why}); ${RETRY}`);
} else {
  let binding = null;
  try {
    binding = ensureElectronBinding({ version, cacheDir: process.env.WEBHOOK_STUDIO_NATIVE_CACHE });
  } catch (err) {
    await headless(`no better-sqlite3 for Electron (${String(err.message).split('\n')[0]})`);
  }
  if (binding) {
    forward(
      spawn(bin, ['.', ...args], {
        stdio: 'inherit',
        // Electron stops when this script, the shell or npm goes, even killed outright.
        env: {
          ...process.env,
          WEBHOOK_STUDIO_NATIVE_BINDING: binding,
          WEBHOOK_STUDIO_STOP_WITH: [process.pid, launchChain()].filter(Boolean).join(','),
        },
      }),
    );
  }
}
