import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadWithCodeCache, type CachedModule } from './code-cache';

type Headless = typeof import('../headless/serve');

/**
 * The headless studio for `serve`. The build puts it beside the CLI as one CommonJS bundle,
 * `core.cjs`, loaded with V8's code cache (./code-cache.ts); from the sources (tests, tsx) it is
 * a plain import.
 */
export async function loadHeadless(): Promise<{ headless: Headless; cache?: CachedModule<Headless> }> {
  const bundle = fileURLToPath(new URL('./core.cjs', import.meta.url));
  if (!existsSync(bundle)) return { headless: await import('../headless/serve') };
  const cache = loadWithCodeCache<Headless>(bundle);
  return { headless: cache.exports, cache };
}
