import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, SHOTS } from '../helpers/browser';
import { runCli, type Running } from '../helpers/cli';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { tempDir } from '../helpers/tmp';

/**
 * OneInbox in real Chromium against headless mode and a real handler: register a webhook by
 * id, start a call, fast-forward the clock and watch the call's events arrive, replay one.
 */
describe('OneInbox in the browser: register, start a call, events arrive, replay', () => {
  let browser: Browser;
  let page: Page;
  let server: Running;
  let handler: Receiver;

  beforeAll(async () => {
    handler = await startReceiver((_r, res) => res.end('ok'));
    server = runCli(['serve', '--port', '0', '--data-dir', tempDir('oneinbox-e2e-')]);
    const [, ui] = await server.waitFor(/^WEBHOOK_STUDIO_UI=(\S+)$/m);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(ui);
  });
  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    await server?.exit;
    await handler?.close();
  });

  const area = (name: string) =>
    page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name, exact: true }).click();
  const events = () => handler.received.map((r) => JSON.parse(r.body.toString()) as { event: string; call_id: string });

  it('registers a OneInbox webhook by id, says it is unsigned, and sends a test', async () => {
    await area('Webhooks');
    await page.getByRole('radio', { name: 'OneInbox' }).click();
    await page
      .getByText(/OneInbox documents/)
      .first()
      .waitFor();
    await page.getByLabel('Webhook URL').fill(`${handler.url}/oneinbox`);
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const row = page.locator('tr[data-webhook-id]').first();
    await row.waitFor();
    expect(await row.getAttribute('data-webhook-id')).toMatch(/^wh_/);
    await row.getByRole('button', { name: 'Send test' }).click();
    await page
      .getByRole('status', { name: 'Test delivery result' })
      .getByText(/answered 200 ok/)
      .waitFor();
    expect(handler.received).toHaveLength(1);
    // The status toggle pauses and resumes it (a controlled switch: it flips once the studio answers).
    await row.getByRole('switch').click();
    await row.getByText('Inactive').waitFor();
    await row.getByText(/events are dropped, not kept for later/).waitFor();
    await row.getByRole('switch').click();
    await row.getByText('Active', { exact: true }).waitFor();
    await page.screenshot({ path: `${SHOTS}/oneinbox-webhooks.png` });
  });

  it('starts a call; on the fast-forwarded clock all its events arrive (the order is tested in test/core)', async () => {
    handler.received.length = 0;
    await area('Events');
    await page.getByRole('radio', { name: 'OneInbox' }).click();
    await page.getByRole('list', { name: 'OneInbox event types' }).getByRole('listitem').nth(6).waitFor();
    await page.getByLabel('To number').fill('+819012345678');
    await page.getByRole('button', { name: 'Start call' }).click();
    const call = page.locator('tr[data-call-id]').first();
    await call.waitFor();
    await page.getByRole('button', { name: 'Advance clock 10 min' }).click();
    await call.locator('.oi-call-status', { hasText: 'completed' }).waitFor({ timeout: 10_000 });
    await expect
      .poll(() => events().some((e) => e.event === 'call.recording.available'), { timeout: 10_000 })
      .toBe(true);
    const types = events().map((e) => e.event);
    expect(types).toContain('call.started');
    expect(types).toContain('transcript.partial');
    expect(types).toContain('transcript.final');
    const ended = events().find((e) => e.event === 'call.ended') as unknown as { ai_summary: string };
    expect(ended.ai_summary).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/); // a Japanese call
    await page.screenshot({ path: `${SHOTS}/oneinbox-call.png` });
  });

  it('the call’s deliveries are in Deliveries, filtered by platform, and one replays to the handler', async () => {
    await area('Deliveries');
    // Every attempt, one row each (the default view groups them by delivery).
    await page.getByRole('button', { name: 'Attempts', exact: true }).click();
    await page.getByLabel('Platform').selectOption('oneinbox');
    const row = page.locator('.dl-row', { hasText: 'call.ended' }).first();
    await row.waitFor();
    await row.click();
    await page.getByRole('tab', { name: /Signature/ }).click();
    await page.getByText(/OneInbox documents no signature/).waitFor();
    const before = handler.received.length;
    const original = handler.received.find((r) => JSON.parse(r.body.toString()).event === 'call.ended')!;
    await page.getByRole('button', { name: '↻ Replay', exact: true }).click();
    // It was delivered: replaying it again asks first.
    await page.getByRole('alertdialog').getByRole('button', { name: 'Replay anyway' }).click();
    await expect.poll(() => handler.received.length).toBe(before + 1);
    expect(handler.received.at(-1)!.body.equals(original.body)).toBe(true);
    await page.locator('.dl-row', { hasText: 'replay' }).first().waitFor();
    await page.screenshot({ path: `${SHOTS}/oneinbox-replay.png` });
  });
});
