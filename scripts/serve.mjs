// `npm run serve`: builds, then runs the headless studio in this very process (so a signal
// to npm, to the shell npm starts, or to this process stops it; see launch-chain.mjs).
//
// Test hook (not for users): WEBHOOK_STUDIO_SKIP_BUILD=1 skips the build.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChain } from './launch-chain.mjs';

if (!process.env.WEBHOOK_STUDIO_SKIP_BUILD) {
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
}
process.env.WEBHOOK_STUDIO_STOP_WITH = launchChain();
const cli = resolve('out/cli/index.mjs');
process.argv = [process.argv[0], cli, 'serve', ...process.argv.slice(2)];
await import(pathToFileURL(cli).href);
