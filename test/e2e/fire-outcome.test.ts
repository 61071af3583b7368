import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../src/core/index';
import { createStudioClient } from '../../src/shared/rpc-client';
import { CHROMIUM, launchBrowser, SHOTS } from '../helpers/browser';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { tempDir } from '../helpers/tmp';

/**
 * Fire and see the outcome, in real Chromium against a studio on a real port and a real
 * handler that fails twice and then answers 200: the Events area shows the delivery's live
 * state and code; its link opens the delivery in Deliveries, with its attempts in order; the
 * address names it, so a reload keeps it open and Back returns to Events.
 */
const UI_DIR = join(process.cwd(), 'out/renderer');
const ready = existsSync(join(UI_DIR, 'index.html')) && existsSync(CHROMIUM);

describe.skipIf(!ready)('fire → outcome → linked delivery → reload (Chromium)', () => {
  let studio: Studio;
  let handler: Receiver;
  let browser: Browser;
  let page: Page;
  let calls = 0;

  beforeAll(async () => {
    handler = await startReceiver((_r, res) => {
      calls++;
      res.statusCode = calls <= 2 ? 500 : 200;
      res.end(calls <= 2 ? 'not yet' : 'ok');
    });
    studio = await createStudio({ dataDir: tempDir('fire-e2e-'), port: 0, uiDir: UI_DIR, writeRuntimeFile: false });
    const client = createStudioClient(studio.connectInMemory());
    await client.call('delivery.settings.set', { patch: { schedule: 'custom', customDelaysMs: [400, 400] } });
    await client.call('webhooks.upsert', {
      projectId: studio.status().projectId,
      eventType: 'agent.message',
      webhookUrl: `${handler.url}/webhooks`,
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(studio.status().uiUrl!);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await studio?.close();
    await handler?.close();
  });

  it('shows retrying ← 500, then delivered ← 200, links to the delivery, and a reload keeps it open', async () => {
    await page.getByRole('button', { name: 'Fire', exact: true }).click();
    const outcome = page.getByTestId('fire-outcome');
    await outcome.getByText('retrying').waitFor({ timeout: 10_000 });
    expect(await outcome.textContent()).toContain('← 500');
    await outcome.getByText('delivered').waitFor({ timeout: 10_000 });
    expect(await outcome.textContent()).toContain('← 200');
    await page.screenshot({ path: `${SHOTS}/fire-outcome.png` });

    await outcome.getByRole('link', { name: 'Open in Deliveries' }).click();
    const history = page.getByRole('rowgroup', { name: /Attempts of agent\.message/ });
    await history.waitFor();
    await expect.poll(() => history.getByRole('button').count()).toBe(3);
    const texts = await history.getByRole('button').allTextContents();
    expect(texts.map((t) => t.replace(/\s+/g, ' '))).toEqual([
      expect.stringMatching(/^500 ?original/),
      expect.stringMatching(/^500 ?retry 1/),
      expect.stringMatching(/^200 ?retry 2/),
    ]);
    const url = page.url();
    expect(url).toMatch(/#\/deliveries\/delivery\/[\w-]+$/);
    expect(url).not.toContain('token=');
    await page.screenshot({ path: `${SHOTS}/fire-outcome-delivery.png` });

    await page.reload();
    await page.getByRole('rowgroup', { name: /Attempts of agent\.message/ }).waitFor();
    expect(page.url()).toBe(url);
    expect(await page.getByTestId('delivery-list').getByRole('row', { selected: true }).textContent()).toContain(
      'delivered',
    );

    // An attempt opened from the delivery gets its own address too.
    await page
      .getByRole('rowgroup', { name: /Attempts of agent\.message/ })
      .getByRole('button')
      .first()
      .click();
    await page.getByRole('tab', { name: /Request/ }).waitFor();
    expect(page.url()).toMatch(/#\/deliveries\/attempt\/[\w-]+$/);
    await page.reload();
    await page.getByRole('tab', { name: /Request/ }).waitFor();

    await page.goBack();
    await expect.poll(() => page.url()).toMatch(/#\/events$/);
    await page.getByRole('button', { name: 'Fire', exact: true }).waitFor();
  }, 60_000);
});
