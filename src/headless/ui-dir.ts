import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built renderer: `$WEBHOOK_STUDIO_UI_DIR`, else `out/renderer` of this package. */
export function findUiDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.WEBHOOK_STUDIO_UI_DIR) return resolve(env.WEBHOOK_STUDIO_UI_DIR);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) {
      const ui = join(dir, 'out', 'renderer');
      return existsSync(join(ui, 'index.html')) ? ui : null;
    }
    dir = dirname(dir);
  }
  return null;
}
