import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, SHOTS } from '../helpers/browser';
import { cliOnce, runCli, type Running } from '../helpers/cli';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { tempDir } from '../helpers/tmp';

/**
 * The inspector as a developer fixing a handler uses it, in real Chromium against headless
 * mode and a real handler: the delivery fails, the reason is there, the handler is fixed,
 * replay succeeds; edit-and-replay sends the edited bytes; bulk replay sums up.
 */
describe('fail, see why, fix, replay — in the browser', () => {
  let browser: Browser;
  let page: Page;
  let server: Running;
  let handler: Receiver;
  let healthy = false;
  let dataDir: string;

  beforeAll(async () => {
    handler = await startReceiver((_r, res) => {
      res.statusCode = healthy ? 200 : 500;
      res.end(healthy ? 'ok' : 'TypeError: Cannot read properties of undefined (reading "user_id")');
    });
    dataDir = tempDir('replay-e2e-');
    server = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
    const [, base] = await server.waitFor(/^SONZAI_BASE_URL=(\S+)$/m);
    const [, key] = await server.waitFor(/^SONZAI_API_KEY=(\S+)$/m);
    const [, ui] = await server.waitFor(/^WEBHOOK_STUDIO_UI=(\S+)$/m);
    const reg = await fetch(`${base}/api/v1/webhooks/agent.message`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ webhook_url: `${handler.url}/webhooks` }),
    });
    expect(reg.status).toBe(200);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(ui);
    await page
      .getByRole('navigation', { name: 'Areas' })
      .getByRole('button', { name: 'Deliveries', exact: true })
      .click();
    // Every attempt, one row each (the default view groups them by delivery).
    await page.getByRole('button', { name: 'Attempts', exact: true }).click();
  });
  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    await server?.exit;
    await handler?.close();
  });

  it('shows the failed delivery live with the handler’s answer, and a replay after the fix succeeds', async () => {
    const fired = await cliOnce(['trigger', 'agent.message', '--user', 'user-42', '--data-dir', dataDir]);
    expect(fired.code, fired.stderr).toBe(0);
    // Appears live, without a reload.
    const failed = page.locator('.dl-row', { hasText: '500' }).first();
    await failed.waitFor();
    await failed.click();
    await page.getByRole('tab', { name: /Response/ }).click();
    await page.getByText('Cannot read properties of undefined').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/replay-flow-failed.png` });

    healthy = true;
    await page.getByRole('button', { name: '↻ Replay', exact: true }).click();
    const replayed = page.locator('.dl-row', { hasText: 'replay' }).filter({ hasText: '200' }).first();
    await replayed.waitFor();
    expect(handler.received.filter((r) => r.url === '/webhooks').length).toBeGreaterThanOrEqual(2);
    // The replay sent the original bytes.
    expect(handler.received.at(-1)!.body.equals(handler.received[0].body)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/replay-flow-fixed.png` });
  });

  it('edit and replay sends the edited body, re-signed', async () => {
    await page.locator('.dl-row', { hasText: '500' }).first().click();
    await page.getByRole('button', { name: 'Edit & replay' }).click();
    const editor = page.getByLabel('Edited body');
    const edited = (await editor.inputValue()).replace('"user-42"', '"user-43"');
    await editor.fill(edited);
    await page.locator('.diff-add').first().waitFor();
    const before = handler.received.length;
    await page
      .getByRole('dialog', { name: 'Edit and replay' })
      .getByRole('button', { name: 'Replay', exact: true })
      .click();
    await expect.poll(() => handler.received.length).toBe(before + 1);
    expect(JSON.parse(handler.received.at(-1)!.body.toString()).user_id).toBe('user-43');
  });

  it('bulk replay of the failed deliveries reports a summary', async () => {
    healthy = false;
    const fired = await cliOnce(['trigger', 'agent.message', '--count', '2', '--data-dir', dataDir]);
    expect(fired.code, fired.stderr).toBe(0);
    await expect
      .poll(() => page.locator('.dl-row', { hasText: '500' }).count(), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(3);
    healthy = true;
    await page.getByRole('button', { name: /Replay failed/ }).click();
    // Their automatic retries are still scheduled: left out unless asked, and the count says so.
    const preview = page.getByRole('dialog', { name: 'Replay failed deliveries' });
    await preview.getByText(/left out\)/).waitFor();
    await preview.getByRole('checkbox').check();
    await preview.getByText(/^Replay \d+ failed deliveries$/).waitFor();
    await preview.getByRole('button', { name: /^Replay \d+$/ }).click();
    await page.getByText(/Bulk replay done/).waitFor();
    expect(await page.getByText(/✓ \d+ succeeded/).textContent()).toMatch(/✓ [1-9]\d* succeeded/);
    await page.screenshot({ path: `${SHOTS}/replay-flow-bulk.png` });
  });
});
