import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, SHOTS } from '../helpers/browser';
import { runCli, type Running } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

/**
 * The agent state panel in a real browser: what the mock API's reads return, live as
 * the state changes; and the Events catalog naming the SDK schema a type follows.
 */
describe('agent state and SDK shapes in the UI', () => {
  let browser: Browser;
  let server: Running;
  let base: string;
  let key: string;
  let ui: string;

  beforeAll(async () => {
    server = runCli(['serve', '--port', '0', '--data-dir', tempDir('e2e-state-')]);
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

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it('shows mood, diary and schedules as the API returns them, and updates live', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(ui);
    await page
      .getByRole('navigation', { name: 'Areas' })
      .getByRole('button', { name: /Notifications/ })
      .click();
    const panel = page.getByTestId('agent-state');
    await expect.poll(() => panel.getByTestId('mood-valence').count()).toBe(1);

    const agentId = (await api('GET', '/agents')).items[0].agent_id as string;
    await api('PUT', `/agents/${agentId}/mood`, { valence: 12.5, arousal: 33, tension: 44, affiliation: 55 });
    await expect.poll(() => panel.getByTestId('mood-valence').textContent()).toBe('12.5');
    const mood = (await api('GET', `/agents/${agentId}/mood`)).mood;
    expect(await panel.getByTestId('mood-label').textContent()).toBe(mood.label);
    expect(await panel.getByTestId('mood-tension').textContent()).toBe(String(mood.tension));

    await api('POST', `/agents/${agentId}/events`, { user_id: 'u1', event_type: 'milestone', language: 'zh' });
    await expect.poll(() => panel.getByRole('region', { name: 'Diary' }).locator('li').count()).toBe(1);
    const entry = (await api('GET', `/agents/${agentId}/diary`)).entries[0];
    expect(await panel.getByRole('region', { name: 'Diary' }).locator('li').textContent()).toContain(entry.content);

    await api('POST', `/agents/${agentId}/users/u1/schedules`, {
      cadence: { cron: '30 7 * * *', timezone: 'UTC' },
      intent: 'morning stretch',
      check_type: 'reminder',
    });
    await expect
      .poll(() => panel.getByRole('region', { name: 'Schedules' }).textContent())
      .toContain('morning stretch');
    await page.screenshot({ path: `${SHOTS}/agent-state.png`, fullPage: true });

    await page
      .getByRole('navigation', { name: 'Areas' })
      .getByRole('button', { name: /Events/ })
      .click();
    await page.locator('#evt-type-on_mood_updated').click();
    await expect.poll(() => page.getByTestId('sdk-shapes').textContent()).toContain('MoodState');
    expect(await page.getByTestId('sdk-shapes').textContent()).toContain('previous_mood');
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
