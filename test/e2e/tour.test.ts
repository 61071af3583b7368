import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, SHOTS } from '../helpers/browser';
import { cliOnce, runCli, type Running } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

/** Every area of the UI, with real data in the studio: no page error, and a screenshot to look at. */
describe('a tour of every area', () => {
  let browser: Browser;
  let server: Running;
  let ui: string;

  beforeAll(async () => {
    const dataDir = tempDir('tour-');
    server = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
    const [, base] = await server.waitFor(/^SONZAI_BASE_URL=(\S+)$/m);
    const [, key] = await server.waitFor(/^SONZAI_API_KEY=(\S+)$/m);
    [, ui] = await server.waitFor(/^WEBHOOK_STUDIO_UI=(\S+)$/m);
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    // A webhook into the studio's own inbox, one to a port nobody listens on, then a few events.
    for (const [type, url] of [
      ['agent.message', `${base}/inbox/dev`],
      ['agent.mood_change', `${base}/inbox/dev`],
      ['agent.memory_added', 'http://127.0.0.1:9/unreachable'],
    ]) {
      const r = await fetch(`${base}/api/v1/webhooks/${type}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ webhook_url: url }),
      });
      expect(r.status).toBe(200);
    }
    for (const type of ['agent.message', 'agent.mood_change', 'agent.memory_added']) {
      const r = await cliOnce(['trigger', type, '--user', 'user-42', '--data-dir', dataDir]);
      expect(r.code, r.stderr).toBe(0);
    }
    const status = JSON.parse((await cliOnce(['status', '--json', '--data-dir', dataDir])).stdout) as {
      agentId: string;
    };
    await fetch(`${base}/api/v1/agents/${status.agentId}/wakeups`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        user_id: 'user-42',
        check_type: 'interest_check',
        intent: 'ask about the recital',
        delay_hours: 5,
      }),
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    await server?.exit;
  });

  it('opens every area without an error', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    const notBuilt: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    await page.goto(ui);
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
