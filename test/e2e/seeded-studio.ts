import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { cliOnce, runCli, type Running } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

/**
 * A headless studio with something in every area: webhooks into its own inbox and to a port
 * nobody listens on, a few delivered and failing events, a wakeup.
 */
export async function seededStudio(): Promise<{ server: Running; ui: string; base: string; dataDir: string }> {
  const dataDir = tempDir('seeded-');
  const server = runCli(['serve', '--port', '0', '--data-dir', dataDir]);
  const [, base] = await server.waitFor(/^SONZAI_BASE_URL=(\S+)$/m);
  const [, key] = await server.waitFor(/^SONZAI_API_KEY=(\S+)$/m);
  const [, ui] = await server.waitFor(/^WEBHOOK_STUDIO_UI=(\S+)$/m);
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  for (const [type, url] of [
    // A long URL, as real apps have: it must wrap or elide, never run off the screen.
    ['agent.message', `${base}/inbox/dev/hooks/sonzai/agent-message/handlers/v2/with-a-long-path-for-layout-tests`],
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
  return { server, ui, base, dataDir };
}

/** A seeded studio and Chromium for a whole test file, closed after it. */
export function seededBrowser(): { browser: () => Browser; ui: () => string } {
  let browser: Browser | undefined;
  let server: Running | undefined;
  let ui = '';
  beforeAll(async () => {
    ({ server, ui } = await seededStudio());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    await server?.exit;
  });
  return { browser: () => browser!, ui: () => ui };
}

/** Opens the first row of an area's list, and its first attempt, so detail panes are checked too. */
export async function openFirstDetail(page: Page): Promise<void> {
  const row = page.locator('[role="row"][aria-level="1"], [role="option"], table tbody tr').first();
  if ((await row.count()) > 0) await row.click({ timeout: 2000 }).catch(() => undefined);
  const attempt = page.locator('button.dl-attempt').first();
  if ((await attempt.count()) > 0) await attempt.click({ timeout: 2000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}
