import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, SHOTS } from '../helpers/browser';
import { runCli, type Running } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

describe('headless mode in a real browser', () => {
  let browser: Browser;
  let server: Running;
  let base: string;
  let key: string;
  let ui: string;

  beforeAll(async () => {
    server = runCli(['serve', '--port', '0', '--data-dir', tempDir('e2e-')]);
    [, base] = await server.waitFor(/^SONZAI_BASE_URL=(\S+)$/m);
    [, key] = await server.waitFor(/^SONZAI_API_KEY=(\S+)$/m);
    [, ui] = await server.waitFor(/^WEBHOOK_STUDIO_UI=(\S+)$/m);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    await server?.exit;
  });

  it('loads the UI, connects, and shows the API URL and key in the status bar', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(ui);
    const bar = page.getByRole('contentinfo', { name: 'Studio status' });
    await expect.poll(() => bar.getByTestId('api-url').textContent()).toBe(base);
    expect(await bar.getByTestId('api-key').textContent()).toBe(key);
    expect(await bar.getByText('Connected').count()).toBe(1);
    expect(await bar.getByTestId('env-line').textContent()).toBe(`SONZAI_BASE_URL=${base} SONZAI_API_KEY=${key}`);
    // The token leaves the address bar once read; the address names the area shown instead.
    expect(page.url()).toBe(`${base}/#/events`);
    await page.screenshot({ path: `${SHOTS}/shell.png` });
    await page.getByRole('button', { name: /Settings/ }).click();
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.screenshot({ path: `${SHOTS}/settings-dark.png` });
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('without the launch token the UI says it is not authorised and shows no data', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    const bar = page.getByRole('contentinfo', { name: 'Studio status' });
    await expect.poll(() => bar.getByText('Not authorised').count()).toBe(1);
    expect(await bar.getByTestId('api-key').count()).toBe(0);
  });
});
