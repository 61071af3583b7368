import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';
// @ts-expect-error a plain .mjs script without types
import { judge } from '../../scripts/security-audit.mjs';

const run = promisify(execFile);

describe('the static security audit (electronegativity)', () => {
  it('fails on a high-severity finding the allow-list does not explain, and passes the one it does', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'src/main'), { recursive: true });
    writeFileSync(
      join(dir, 'src/main/bad.js'),
      `const { BrowserWindow } = require('electron');
       new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: true } });`,
    );
    writeFileSync(
      join(dir, 'src/main/worse.js'),
      `const { BrowserWindow } = require('electron');
       new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: true } });`,
    );
    const allow = join(dir, 'allow.json');
    writeFileSync(
      allow,
      JSON.stringify([{ id: 'CONTEXT_ISOLATION_JS_CHECK', file: 'main/bad.js', reason: 'a fixture, explained' }]),
    );
    const err = await run(process.execPath, [
      'scripts/security-audit.mjs',
      '--input',
      join(dir, 'src'),
      '--allow-list',
      allow,
    ]).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stdout).toMatch(/^ {2}FAIL {6}CONTEXT_ISOLATION_JS_CHECK HIGH\/\w+ main\/worse\.js:2$/m);
    expect(err?.stdout).toMatch(/^ {2}explained CONTEXT_ISOLATION_JS_CHECK HIGH\/\w+ main\/bad\.js:2$/m);
    expect(err?.stderr).toContain('security audit failed: explain each FAIL above in');
  });

  it('counts high severity or certain confidence as serious; an entry without a reason explains nothing', () => {
    const issues = [
      { id: 'A', file: 'main/a.ts', severity: 'HIGH', confidence: 'TENTATIVE' },
      { id: 'B', file: 'main/b.ts', severity: 'LOW', confidence: 'CERTAIN' },
      { id: 'C', file: 'main/c.ts', severity: 'MEDIUM', confidence: 'FIRM' },
    ];
    const r = judge(issues, [
      { id: 'A', file: 'main/a.ts', reason: ' ' },
      { id: 'C', file: 'main/c.ts', reason: 'reviewed' },
      { id: 'D', file: 'main/d.ts', reason: 'gone' },
    ]);
    expect(r.serious.map((i: { id: string }) => i.id)).toEqual(['A', 'B']);
    expect(r.unexplained.map((i: { id: string }) => i.id)).toEqual(['A', 'B']);
    expect(r.stale.map((a: { id: string }) => a.id)).toEqual(['D']);
  });
});
