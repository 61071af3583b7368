import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const re =
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...src.matchAll(re)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function offenders(dir: string, bad: (spec: string, file: string) => boolean): string[] {
  return files(dir).flatMap((f) =>
    imports(f)
      .filter((s) => bad(s, f))
      .map((s) => `${relative('.', f)} → ${s}`),
  );
}

/** ARCHITECTURE.md's dependency direction: renderer → shared ← core ← {main, headless, cli, relay}. */
describe('module boundaries', () => {
  it('src/core and src/shared never import electron', () => {
    const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/');
    expect([...offenders('src/core', isElectron), ...offenders('src/shared', isElectron)]).toEqual([]);
  });

  it('src/shared is pure: no node:*, no core, no renderer, no DOM-only code', () => {
    expect(offenders('src/shared', (s) => s.startsWith('node:') || /\/(core|renderer|main)\//.test(s + '/'))).toEqual(
      [],
    );
  });

  it('src/renderer never imports node:* or the core', () => {
    expect(
      offenders('src/renderer', (s) => s.startsWith('node:') || /(^|\/)core(\/|$)/.test(s) || s === 'electron'),
    ).toEqual([]);
  });

  it('src/core never imports a host (main, headless, cli, relay, renderer)', () => {
    expect(offenders('src/core', (s) => /^\.\.\/(\.\.\/)*(main|headless|cli|renderer|preload)(\/|$)/.test(s))).toEqual(
      [],
    );
  });

  it('the checker itself catches a forbidden import', () => {
    expect(imports('test/boundaries.test.ts')).toContain('node:fs');
  });
});
