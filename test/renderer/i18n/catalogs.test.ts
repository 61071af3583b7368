/// <reference types="node" />
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGS, NAMESPACES } from '../../../src/renderer/src/i18n';

/**
 * The catalogs hold together: every language has every key English has (plural forms as the
 * language needs them), the same placeholders, no empty text, and every English key is used
 * somewhere in the renderer.
 */
type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

const flat = Object.fromEntries(
  Object.entries(CATALOGS).map(([lang, cat]) => [
    lang,
    new Map(NAMESPACES.flatMap((ns) => [...flatten(cat[ns] as Tree)].map(([k, v]) => [`${ns}:${k}`, v] as const))),
  ]),
) as Record<keyof typeof CATALOGS, Map<string, string>>;

describe('message catalogs', () => {
  it('give every language every key English has, and no other', () => {
    const en = new Set([...flat.en.keys()].map(base));
    for (const lang of ['ja', 'zh'] as const) {
      const other = new Set([...flat[lang].keys()].map(base));
      expect(
        [...en].filter((k) => !other.has(k)),
        `${lang} lacks`,
      ).toEqual([]);
      expect(
        [...other].filter((k) => !en.has(k)),
        `${lang} has keys English has not`,
      ).toEqual([]);
    }
  });

  it('use the plural forms each language has: one and other in English, other only in Japanese and Chinese', () => {
    const plurals = [...flat.en.keys()].filter((k) => PLURAL.test(k)).map(base);
    for (const key of new Set(plurals)) {
      expect(flat.en.has(`${key}_one`) && flat.en.has(`${key}_other`), `en ${key}`).toBe(true);
      for (const lang of ['ja', 'zh'] as const) {
        expect(flat[lang].has(`${key}_other`), `${lang} ${key}_other`).toBe(true);
        expect(flat[lang].has(`${key}_one`), `${lang} ${key}_one (Intl gives ${lang} no "one")`).toBe(false);
      }
    }
  });

  it('keep the same placeholders in every language, and no text is empty', () => {
    const wrong: string[] = [];
    for (const [key, text] of flat.en) {
      if (!text.trim()) wrong.push(`en ${key} is empty`);
      const want = placeholders(text).filter((p) => p !== 'count');
      for (const lang of ['ja', 'zh'] as const) {
        const theirs = flat[lang].get(key) ?? flat[lang].get(key.replace(/_one$/, '_other'));
        if (theirs === undefined) continue;
        if (!theirs.trim()) wrong.push(`${lang} ${key} is empty`);
        const got = placeholders(theirs).filter((p) => p !== 'count');
        const need = key.endsWith('_one') ? got.filter((p) => want.includes(p)) : got;
        if (JSON.stringify([...new Set(need)]) !== JSON.stringify([...new Set(want)]) && !key.endsWith('_one'))
          wrong.push(`${lang} ${key}: {{${got.join(', ')}}} where English has {{${want.join(', ')}}}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('hold no key the renderer does not use', () => {
    const root = join(__dirname, '../../../src/renderer/src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== 'i18n') walk(path);
        } else if (/\.tsx?$/.test(name)) files.push(path);
      }
    };
    walk(root);
    const used = new Set<string>();
    const prefixes: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const spaces = new Set<string>();
      for (const m of text.matchAll(/useTranslation\(\s*(?:\[([^\]]*)\]|'(\w+)')?/g)) {
        if (m[2]) spaces.add(m[2]);
        else if (m[1]) for (const n of m[1].matchAll(/'(\w+)'/g)) spaces.add(n[1]);
        else spaces.add('common');
      }
      for (const m of text.matchAll(/['"`]((?:\w+:)?[\w.]+?)(\$\{|['"`])/g)) {
        const [, literal, end] = m;
        const [ns, key] = literal.includes(':') ? literal.split(':') : [null, literal];
        const inSpaces = ns ? [ns] : [...spaces];
        for (const s of inSpaces) {
          if (end === '${') prefixes.push(`${s}:${key}`);
          else used.add(`${s}:${key}`);
        }
      }
    }
    const unused = [...new Set([...flat.en.keys()].map(base))].filter(
      (k) => !used.has(k) && !prefixes.some((p) => p && k.startsWith(p)),
    );
    expect(unused).toEqual([]);
  });
});
