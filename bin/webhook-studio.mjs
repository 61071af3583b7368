#!/usr/bin/env node
// The `webhook-studio` command. The CLI is bundled to out/cli by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/index.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('webhook-studio: not built yet; run `npm run build` in the studio folder first\n');
  process.exit(1);
}
await import(bundle);
