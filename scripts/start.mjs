// `npm start`: the desktop app when Electron's binary is there, headless mode otherwise.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensureElectronBinding } from './electron-native.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const rel = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const bin = join(dir, 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function headless(reason) {
  console.error(
    `webhook-studio: ${reason} — starting headless mode instead (open the WEBHOOK_STUDIO_UI address below).`,
  );
  const child = spawn(process.execPath, ['out/cli/index.mjs', 'serve', ...args], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--logLevel', 'warn'], {
  stdio: 'inherit',
});
execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });

const bin = electronBinary();
if (!bin) {
  headless(
    'the Electron binary is not installed (get it with `node node_modules/electron/install.js` where the internet is reachable)',
  );
} else {
  let binding;
  try {
    binding = ensureElectronBinding();
  } catch (err) {
    headless(`could not build better-sqlite3 for Electron (${String(err.message).split('\n')[0]})`);
  }
  if (binding) {
    const child = spawn(bin, ['.', ...args], {
      stdio: 'inherit',
      env: { ...process.env, WEBHOOK_STUDIO_NATIVE_BINDING: binding },
    });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
