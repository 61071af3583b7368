import { describe, expect, it } from 'vitest';
import { SHOTS } from '../helpers/browser';
import { seededBrowser } from './seeded-studio';

/** Every area of the UI, with real data in the studio: no page error, and a screenshot to look at. */
describe('a tour of every area', () => {
  const studio = seededBrowser();

  it('opens every area without an error', async () => {
    const page = await studio.browser().newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    const notBuilt: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    await page.goto(studio.ui());
    await page.getByTestId('api-key').waitFor();
    const nav = page.getByRole('navigation', { name: 'Areas' }).getByRole('button');
    const labels = (await nav.allTextContents()).map((t) => t.trim());
    expect(labels.length).toBeGreaterThanOrEqual(9);
    for (const [i, label] of labels.entries()) {
      const area = { label, id: label.toLowerCase().replace(/[^a-z]+/g, '-') };
      await nav.nth(i).click();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${SHOTS}/tour-${area.id}.png` });
      if ((await page.getByText('Not built yet').count()) > 0) notBuilt.push(area.label);
    }
    expect(notBuilt).toEqual([]);
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
