import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Loads a CommonJS bundle with V8's code cache kept beside it, as Node 22's
 * `module.enableCompileCache()` does (this machine's Node 20 has no such API, and none for ES
 * modules). Parsing and compiling the serve path's 2 MB of JavaScript is a fifth of the headless
 * cold start (bench/startup.ts); with the cache V8 deserialises the compiled functions instead.
 *
 * The cache file starts with the SHA-256 of the source it was made from: V8 itself checks only
 * its version, its flags and the source's length, so a rebuilt bundle of the same length must not
 * pick up the old code. A missing, stale or rejected cache costs only the compile; a cache that
 * cannot be written (a read-only install) is left alone.
 */
export type CacheState = 'hit' | 'missing' | 'stale' | 'rejected';

export interface CachedModule<T> {
  exports: T;
  state: CacheState;
  /** Writes the cache (the functions compiled so far included); false if it could not. */
  save(): boolean;
}

const HASH_BYTES = 32;

export function loadWithCodeCache<T>(file: string, cacheFile = `${file}.v8cache`): CachedModule<T> {
  // One read, one hash of those bytes, one string made of them: each pass over 2 MB counts here.
  // The bundles are ASCII (scripts/build-node.mjs), so latin1 makes the string without a UTF-8 decode.
  const bytes = readFileSync(file);
  const hash = createHash('sha256').update(bytes).digest();
  const source = bytes.toString('latin1');
  let cached: Buffer | undefined;
  let state: CacheState = 'missing';
  try {
    const saved = readFileSync(cacheFile);
    if (saved.length > HASH_BYTES && saved.subarray(0, HASH_BYTES).equals(hash)) cached = saved.subarray(HASH_BYTES);
    else state = 'stale';
  } catch {
    /* no cache yet */
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData: cached,
  });
  if (cached) state = script.cachedDataRejected ? 'rejected' : 'hit';
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void).call(
    module.exports,
    module.exports,
    createRequire(file),
    module,
    file,
    dirname(file),
  );
  return {
    exports: module.exports,
    state,
    save() {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, Buffer.concat([hash, script.createCachedData()]));
        renameSync(tmp, cacheFile);
        return true;
      } catch {
        rmSync(tmp, { force: true });
        return false;
      }
    },
  };
}
