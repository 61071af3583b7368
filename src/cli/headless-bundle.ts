import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { leanHeap } from '../core/heap';
import { loadWithCodeCache, type CachedModule } from './code-cache';

type Headless = typeof import('../headless/serve');

/**
 * The headless studio for `serve`. The build puts it beside the CLI as one CommonJS bundle,
 * `core.cjs`, loaded with V8's code cache (./code-cache.ts); from the sources (tests, tsx) it is
 * a plain import. The process's heap flag is set first (../core/heap.ts): V8 hashes its flags
 * into the code cache, and a flag set after the bundle is compiled made every start reject the
 * cache the one before had written (~110 ms a start).
 */
export async function loadHeadless(): Promise<{ headless: Headless; cache?: CachedModule<Headless> }> {
  leanHeap();
  const bundle = fileURLToPath(new URL('./core.cjs', import.meta.url));
  if (!existsSync(bundle)) return { headless: await import('../headless/serve') };
  const cache = loadWithCodeCache<Headless>(bundle);
  return { headless: cache.exports, cache };
}
