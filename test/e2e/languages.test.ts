import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS } from '../helpers/browser';
import { openFirstDetail, seededBrowser } from './seeded-studio';

/**
 * The UI in each of its languages, in real Chromium with the CJK and emoji fonts: the browser's
 * language on first run, a live switch in Settings that is kept, every area screenshotted per
 * language, and no English word left in the chrome of any area in Japanese or Chinese.
 */
const AREAS = [
  'events',
  'deliveries',
  'webhooks',
  'projects',
  'requests',
  'tunnel',
  'notifications',
  'signatures',
  'settings',
];
const VIEWPORT = { width: 1440, height: 900 };

/**
 * Words that stay as they are in every language: names, protocols, units, keys on a keyboard, and
 * the terms of art the catalogs keep (JSON Schema, lint, the envelope's `data`).
 */
const KEEP = new Set(
  'Sonzai OneInbox Webhook Webhooks Studio API CLI SDK JSON HTTP HTTPS URL URLs HMAC SHA Node Python Go TypeScript JavaScript curl env ms Alt Ctrl Enter Esc Shift Tab Bearer UTC ID IDs OK Base64 WebSocket Svix English Schema Lint lint data Authorization'.split(
    ' ',
  ),
);

/**
 * The English words a user reads in the chrome of the page (headings, labels, buttons, hints,
 * names, titles), each with the element it is in. Not counted: code and data (`code`, `pre`,
 * inputs), what the UI marks as data (`translate="no"`: names people gave, field names, header
 * names) and what it marks as the studio's own English (`lang="en"`: its messages, as the CLI's).
 */
async function englishWords(page: Page): Promise<string[]> {
  return page.evaluate(
    (keep) => {
      const chrome =
        'h1, h2, h3, h4, label, th, button, legend, option, summary, dt, [role="tab"], [role="status"], [role="alert"], .hint, .empty, .muted, p, figcaption, caption';
      const data = 'code, pre, textarea, input, kbd, samp, [contenteditable], .mono, [translate="no"]';
      const found = new Set<string>();
      const exempt = (el: Element | null) => {
        if (!el || el.closest(data)) return true;
        const declared = el.closest('[lang]');
        return !!declared && declared !== document.documentElement && declared.getAttribute('lang')!.startsWith('en');
      };
      const where = (el: Element) => {
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
        return `${el.tagName.toLowerCase()}${cls}`;
      };
      const words = (text: string, el: Element) => {
        for (const token of text.split(/[\s,;()[\]"'“”‘’!?…·—–→←|+*]+/)) {
          const word = token.replace(/[.:]+$/, '');
          if (!/^[A-Za-z]{2,}$/.test(word)) continue; // ids, paths, event names, numbers, CJK
          if (/[A-Z]/.test(word.slice(1))) continue; // ALLCAPS or camelCase: code
          if (keep.includes(word)) continue;
          found.add(`${word} (${where(el)})`);
        }
      };
      const visible = (el: Element) => {
        const r = (el as HTMLElement).getBoundingClientRect?.();
        return !!r && (r.width > 0 || r.height > 0) && getComputedStyle(el).visibility !== 'hidden';
      };
      for (const el of document.querySelectorAll(chrome)) {
        if (!visible(el) && !el.closest('.sr-only')) continue;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!exempt(n.parentElement)) words(n.textContent ?? '', n.parentElement!);
        }
      }
      // Attributes: a copy button's name and title say which value it copies (data); the rest are words.
      const marked = (el: Element) =>
        !!el.closest('[translate="no"], button.copy') || (exempt(el) && !el.matches('input, textarea'));
      for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
        if (marked(el)) continue;
        for (const attr of ['aria-label', 'placeholder', 'title']) {
          const v = el.getAttribute(attr);
          if (v) words(v, el);
        }
      }
      return [...found].sort();
    },
    [...KEEP],
  );
}

async function chooseLanguage(page: Page, id: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button').nth(AREAS.indexOf('settings')).click();
  await page.locator('select[aria-describedby="language-hint"]').selectOption(id);
}

describe('the UI in English, Japanese and Chinese', () => {
  const studio = seededBrowser();

  it('speaks the browser’s language on first run', async () => {
    for (const [locale, nav, lang] of [
      ['ja-JP', '画面', 'ja-JP'],
      ['zh-CN', '功能区', 'zh-CN'],
      ['fr-FR', 'Areas', 'en'],
    ]) {
      const context = await studio.browser().newContext({ locale, viewport: VIEWPORT });
      const page = await context.newPage();
      await page.goto(studio.ui());
      await page.getByRole('navigation', { name: nav }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await context.close();
    }
  });

  it(
    'switches live in Settings, keeps the choice, and leaves no English in any area',
    { timeout: 180_000 },
    async () => {
      const context = await studio.browser().newContext({ locale: 'en-US', viewport: VIEWPORT });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await page.goto(studio.ui());
      await page.getByTestId('api-key').waitFor();

      // Live: the navigation changes without a reload; kept: a reload shows the same language.
      await chooseLanguage(page, 'ja');
      await page.getByRole('navigation', { name: '画面' }).waitFor({ timeout: 5000 });
      await page.reload();
      await page.getByRole('navigation', { name: '画面' }).waitFor({ timeout: 5000 });

      const leaks: string[] = [];
      try {
        for (const lang of ['ja', 'zh', 'en']) {
          await chooseLanguage(page, lang);
          await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
          const nav = page.getByRole('navigation').getByRole('button');
          for (const [i, area] of AREAS.entries()) {
            await nav.nth(i).click();
            await page.getByRole('heading', { level: 1 }).first().waitFor();
            await openFirstDetail(page);
            await page.waitForTimeout(250);
            await page.screenshot({ path: `${SHOTS}/lang-${lang}-${area}.png` });
            if (lang !== 'en') {
              const words = await englishWords(page);
              if (words.length) leaks.push(`${lang} ${area}: ${words.join(' ')}`);
            }
          }
        }
      } finally {
        await chooseLanguage(page, 'system');
        await context.close();
      }
      expect(leaks).toEqual([]);
      expect(errors).toEqual([]);
    },
  );
});
