import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect } from 'vitest';

const perTest: string[] = [];
const perSuite: string[] = [];
const remove = (dirs: string[]) => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
};
afterEach(() => remove(perTest));
afterAll(() => remove(perSuite));

/** A fresh temp folder: removed after the test that made it, or after the file when made in a `beforeAll`. */
export function tempDir(prefix = 'studio-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  (expect.getState().currentTestName === undefined ? perSuite : perTest).push(d);
  return d;
}
