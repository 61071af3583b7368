import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS } from '../helpers/browser';
import { openFirstDetail, seededBrowser } from './seeded-studio';

/**
 * What is cut off: a visible element past the viewport's right edge or out of its card, or a leaf element with text
 * cut by an ancestor that clips it (overflow hidden) without saying so (no ellipsis). Content of a
 * container the user can scroll (overflow auto/scroll) is reachable, so it does not count.
 */
function cutOff(page: Page): Promise<{ pageScrolls: boolean; cut: string[] }> {
  return page.evaluate(() => {
    const W = window.innerWidth;
    const cut: string[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      let scrollable = false;
      let clipRight = W;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'auto' || s.overflowX === 'scroll') {
          scrollable = true;
          break;
        }
        if (s.overflowX === 'hidden' || s.overflowX === 'clip')
          clipRight = Math.min(clipRight, a.getBoundingClientRect().right);
      }
      // Nor past its card into the next one (a select as wide as its longest option), unless
      // something between them scrolls or clips it.
      const card = el.parentElement?.closest('.card');
      if (card && r.right > card.getBoundingClientRect().right + 1) {
        let contained = false;
        for (let a = el.parentElement; a && a !== card; a = a.parentElement)
          if (getComputedStyle(a).overflowX !== 'visible') contained = true;
        if (!contained) cut.push(`${name(el)} runs out of its card at ${Math.round(r.right)}`);
      }
      if (scrollable) continue;
      if (r.right > W + 1) {
        cut.push(`${name(el)} ends at ${Math.round(r.right)} of ${W}`);
        continue;
      }

      const leafText = el.children.length === 0 && (el.textContent ?? '').trim() !== '';
      const elided = style.textOverflow === 'ellipsis' || el.closest('[title]') !== null;
      if (leafText && r.right > clipRight + 1 && !elided) cut.push(`${name(el)} clipped at ${Math.round(clipRight)}`);
    }
    return { pageScrolls: document.documentElement.scrollWidth > W, cut: cut.slice(0, 10) };
  });
}

describe('laptop screens and small windows', () => {
  const studio = seededBrowser();

  // Laptop sizes and a common desktop one in English; the smallest once more in Japanese and Chinese, whose labels differ in width.
  const NAMES = {
    'en-US': ['Events', 'Deliveries'],
    'ja-JP': ['イベント', '配信'],
    'zh-CN': ['事件', '投递'],
  } as const;
  for (const [width, height, locale] of [
    [1024, 700, 'en-US'],
    [1280, 800, 'en-US'],
    [1440, 900, 'en-US'],
    [1024, 700, 'ja-JP'],
    [1024, 700, 'zh-CN'],
  ] as const) {
    it(`at ${width}×${height} (${locale}) nothing of any area is cut off or scrolls the page sideways; the sidebar is icons`, async () => {
      const [events, deliveries] = NAMES[locale];
      const context = await studio.browser().newContext({ viewport: { width, height }, locale });
      const page = await context.newPage();
      await page.goto(studio.ui());
      await page.getByTestId('api-key').waitFor();
      const navBox = await page.getByRole('navigation').boundingBox();
      if (width <= 1280) expect(navBox!.width).toBeLessThan(80); // the sidebar collapses to icons
      const nav = page.getByRole('navigation').getByRole('button');
      expect(await nav.first().getAttribute('title')).toMatch(new RegExp(`^${events}`));
      await expect.poll(() => page.getByRole('button', { name: deliveries, exact: true }).count()).toBe(1);
      const problems: string[] = [];
      for (let i = 0; i < (await nav.count()); i++) {
        await nav.nth(i).click();
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForTimeout(250);
        await openFirstDetail(page);
        const area = (await page.getByRole('heading', { level: 1 }).first().textContent())?.trim();
        await page.screenshot({ path: `${SHOTS}/layout-${width}-${locale}-${i}.png` });
        const r = await cutOff(page);
        if (r.pageScrolls) problems.push(`${area}: the page scrolls sideways`);
        for (const c of r.cut) problems.push(`${area}: ${c}`);
      }
      expect(problems).toEqual([]);
      await context.close();
    }, 90_000);
  }
});
