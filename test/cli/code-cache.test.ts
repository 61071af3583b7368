import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWithCodeCache } from '../../src/cli/code-cache';
import { tempDir } from '../helpers/tmp';

interface Answer {
  answer(): string;
  where: string;
  dir: string;
  sep: string;
}

/** A small CommonJS bundle: a function V8 compiles, its own file names, and a require of a builtin. */
function bundle(dir: string, word: string): string {
  const file = join(dir, 'core.cjs');
  writeFileSync(
    file,
    `const { sep } = require('node:path');
     function answer() { return ${JSON.stringify(word)}.repeat(2); }
     module.exports = { answer, where: __filename, dir: __dirname, sep };`,
  );
  return file;
}

describe('loadWithCodeCache', () => {
  it('loads the bundle, writes the cache on save, and finds it on the next load', () => {
    const dir = tempDir();
    const file = bundle(dir, 'hello');
    const first = loadWithCodeCache<Answer>(file);
    expect(first.state).toBe('missing');
    expect(first.exports.answer()).toBe('hellohello');
    expect(first.exports.where).toBe(file);
    expect(first.exports.dir).toBe(dir);
    expect(first.exports.sep).toBe('/');
    expect(first.save()).toBe(true);

    const saved = readFileSync(`${file}.v8cache`);
    expect(saved.subarray(0, 32).equals(createHash('sha256').update(readFileSync(file)).digest())).toBe(true);
    const second = loadWithCodeCache<Answer>(file);
    expect(second.state).toBe('hit');
    expect(second.exports.answer()).toBe('hellohello');
  });

  it('ignores a cache made from other source of the same length (V8 would take it) and runs the new code', () => {
    const dir = tempDir();
    const file = bundle(dir, 'alpha');
    const old = loadWithCodeCache<Answer>(file);
    old.exports.answer();
    expect(old.save()).toBe(true);
    const before = readFileSync(file).length;
    bundle(dir, 'omega');
    expect(readFileSync(file).length).toBe(before);

    const rebuilt = loadWithCodeCache<Answer>(file);
    expect(rebuilt.state).toBe('stale');
    expect(rebuilt.exports.answer()).toBe('omegaomega');
  });

  it('compiles as usual when V8 rejects the cached bytes', () => {
    const dir = tempDir();
    const file = bundle(dir, 'kept');
    const hash = createHash('sha256').update(readFileSync(file)).digest();
    writeFileSync(`${file}.v8cache`, Buffer.concat([hash, Buffer.from('not a code cache at all')]));
    const loaded = loadWithCodeCache<Answer>(file);
    expect(loaded.state).toBe('rejected');
    expect(loaded.exports.answer()).toBe('keptkept');
    // Saving replaces the bad bytes with a cache V8 takes.
    expect(loaded.save()).toBe(true);
    expect(loadWithCodeCache<Answer>(file).state).toBe('hit');
  });

  it('says false when the cache cannot be written (a read-only install) and leaves nothing behind', () => {
    const dir = tempDir();
    const file = bundle(dir, 'ro');
    const blocked = join(dir, 'cache-dir');
    mkdirSync(blocked);
    // A folder where the cache file should be: rename onto it fails, as on a read-only disk.
    const loaded = loadWithCodeCache<Answer>(file, blocked);
    expect(loaded.state).toBe('missing');
    expect(loaded.save()).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['cache-dir', 'core.cjs']);
    expect(existsSync(`${file}.v8cache`)).toBe(false);
  });
});
