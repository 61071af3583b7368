import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS } from '../helpers/browser';
import { openFirstDetail, seededBrowser } from './seeded-studio';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[]; summary: string }[];
}

async function axe(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol: the studio's CSP (rightly) refuses injected script tags.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Violation[] }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        summary: (n as unknown as { failureSummary?: string }).failureSummary ?? '',
      })),
    }));
  });
}

describe('accessibility (axe-core) of every area, both themes, in English, Japanese and Chinese, detail panes open', () => {
  const studio = seededBrowser();

  it('has no serious or critical violation', async () => {
    const byRule = new Map<
      string,
      { impact: string | null; count: number; where: Set<string>; examples: Map<string, string> }
    >();
    // Both themes in English; then each theme once more in Japanese and in Chinese (the browser's
    // language on first run), where names are longer or shorter and copy buttons name things differently.
    const passes = [
      ['light', 'en-US'],
      ['dark', 'en-US'],
      ['light', 'ja-JP'],
      ['dark', 'zh-CN'],
    ] as const;
    for (const [scheme, locale] of passes) {
      const context = await studio
        .browser()
        .newContext({ viewport: { width: 1440, height: 900 }, colorScheme: scheme, locale });
      const page = await context.newPage();
      await page.goto(studio.ui());
      await page.getByTestId('api-key').waitFor();
      const nav = page.getByRole('navigation').getByRole('button');
      const count = await nav.count();
      for (let i = 0; i < count; i++) {
        await nav.nth(i).click();
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForTimeout(300);
        await openFirstDetail(page);
        const area = (await page.getByRole('heading', { level: 1 }).first().textContent())?.trim() ?? `#${i}`;
        for (const v of await axe(page)) {
          const e = byRule.get(v.id) ?? { impact: v.impact, count: 0, where: new Set<string>(), examples: new Map() };
          e.count += v.nodes.length;
          for (const n of v.nodes)
            if (e.examples.size < 40) e.examples.set(n.target.join(' '), n.summary.slice(0, 300));
          e.where.add(`${area} (${scheme}, ${locale})`);
          byRule.set(v.id, e);
        }
      }
      await context.close();
    }
    const table = [...byRule].map(([id, e]) => ({
      rule: id,
      impact: e.impact,
      nodes: e.count,
      where: [...e.where].join(', '),
      examples: Object.fromEntries(e.examples),
    }));
    writeFileSync(`${SHOTS}/../axe-violations.json`, JSON.stringify(table, null, 2));
    console.log(`axe: ${table.map((t) => `${t.rule} (${t.impact}) ${t.nodes}`).join('; ') || 'no violations'}`);
    const serious = table.filter((t) => t.impact === 'serious' || t.impact === 'critical');
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
  }, 240_000);
});
