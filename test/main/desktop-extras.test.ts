import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sign } from '../../src/core/signing/signature';
import { IPC_CALL, IPC_EVENT } from '../../src/shared/bridge';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { tempDir } from '../helpers/tmp';
import { current, electronMock, loadMain } from './harness/load-main';
import { findItem, type FakeElectron } from './harness/fake-electron';

vi.mock('electron', () => electronMock());

const APP_PAGE = 'app://studio/index.html';
let receiver: Receiver | null = null;

afterEach(async () => {
  const fake = current.fake;
  if (fake?.state.ready && !fake.state.quitted) {
    for (const w of fake.state.windows) if (!w.destroyed) w.close();
    await expect.poll(() => fake.state.quitted, { timeout: 10_000 }).toBe(true);
  }
  await receiver?.close();
  receiver = null;
});

async function call<T>(fake: FakeElectron, method: string, params?: unknown): Promise<T> {
  const res = (await fake.invoke(IPC_CALL, APP_PAGE, { id: 1, method, params })) as { result?: T; error?: unknown };
  if (res.error) throw new Error(JSON.stringify(res.error));
  return res.result as T;
}

async function started(dir = tempDir()) {
  const fake = await loadMain({ env: { WEBHOOK_STUDIO_DATA_DIR: dir, WEBHOOK_STUDIO_PORT: '0' } });
  fake.ready();
  await expect.poll(() => fake.state.windows.length).toBe(1);
  const status = await call<{ apiBaseUrl: string; apiKey: string; projectId: string; uiUrl: string; dataDir: string }>(
    fake,
    'studio.status',
  );
  return { fake, status, dir };
}

/** Failed attempts the window was told about (the same bus the tray listens to). */
const failedSeen = (fake: FakeElectron) =>
  fake.state.windows[0].webContents.sent.filter(
    ([ch, e]) =>
      ch === IPC_EVENT &&
      (e as { event: string }).event === 'attempt.recorded' &&
      (e as { payload: { status: string } }).payload.status === 'failed',
  ).length;

describe('the built main process: what only the desktop app does', () => {
  it('the tray shows that the studio runs and counts failed deliveries since the user last looked; a first failure after success notifies once', async () => {
    const { fake, status } = await started();
    let answer = 200;
    receiver = await startReceiver((_r, res) => {
      res.statusCode = answer;
      res.end('x');
    });
    await call(fake, 'webhooks.upsert', {
      projectId: status.projectId,
      eventType: 'agent.message',
      webhookUrl: `${receiver.url}/hook`,
    });
    const tray = fake.state.trays[0];
    expect(tray.image.isEmpty()).toBe(false); // the tray icon is shipped beside the bundle
    expect(tray.image.reps.map((r) => [r.scaleFactor, r.buffer.readUInt32BE(16)])).toEqual([[2, 32]]); // a 32 px @2x PNG
    expect(tray.tooltip).toBe(
      `Sonzai Webhook Studio running on ${status.apiBaseUrl} · no failed deliveries since you last looked`,
    );
    const fire = () => call(fake, 'events.fireRaw', { eventType: 'agent.message', body: '{"n":1}' });

    fake.state.windows[0].blur(); // the user is elsewhere
    await fire();
    await expect.poll(() => receiver!.received.length).toBe(1);
    answer = 500;
    await fire();
    await expect.poll(() => failedSeen(fake)).toBeGreaterThanOrEqual(1);
    await fire();
    await expect.poll(() => failedSeen(fake), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const n = failedSeen(fake);
    await expect.poll(() => tray.tooltip).toMatch(new RegExp(`· ${n} failed deliveries since you last looked$`));
    expect(findItem(tray.menu!.items, tray.tooltip)?.enabled).toBe(false);
    // One notification: the first failure after a success, not every failure.
    expect(fake.state.notifications).toEqual([
      { title: 'A webhook started failing', body: `agent.message to ${receiver.url}/hook: HTTP 500` },
    ]);

    fake.state.windows[0].focus(); // the user looks
    expect(tray.tooltip).toMatch(/· no failed deliveries since you last looked$/);
  });

  it('the notification is off when the setting says so, and the setting is kept', async () => {
    const dir = tempDir();
    const { fake, status } = await started(dir);
    const toggle = findItem(fake.state.appMenu!.items, 'Notify when a webhook starts failing')!;
    expect(toggle).toMatchObject({ type: 'checkbox', checked: true });
    toggle.click!({ checked: false });
    expect(JSON.parse(readFileSync(join(dir, 'desktop-prefs.json'), 'utf8'))).toEqual({ notifyOnFirstFailure: false });
    let answer = 200;
    receiver = await startReceiver((_r, res) => {
      res.statusCode = answer;
      res.end();
    });
    await call(fake, 'webhooks.upsert', {
      projectId: status.projectId,
      eventType: 'agent.message',
      webhookUrl: receiver.url,
    });
    await call(fake, 'events.fireRaw', { eventType: 'agent.message', body: '{}' });
    await expect.poll(() => receiver!.received.length).toBe(1);
    answer = 503;
    await call(fake, 'events.fireRaw', { eventType: 'agent.message', body: '{}' });
    await expect.poll(() => failedSeen(fake)).toBeGreaterThanOrEqual(1);
    expect(fake.state.notifications).toEqual([]);
  });

  it('the menu copies the SONZAI env, opens the data folder and the headless UI with its token', async () => {
    const { fake, status, dir } = await started();
    const items = fake.state.appMenu!.items;
    findItem(items, 'Copy SONZAI env')!.click!({ checked: false });
    await expect
      .poll(() => fake.state.clipboardText)
      .toBe(`export SONZAI_BASE_URL=${status.apiBaseUrl} SONZAI_API_KEY=${status.apiKey}`);
    findItem(items, 'Open data folder')!.click!({ checked: false });
    await expect.poll(() => fake.state.openedPaths).toEqual([dir]);
    findItem(items, 'Open in browser')!.click!({ checked: false });
    await expect.poll(() => fake.state.opened).toHaveLength(1);
    expect(fake.state.opened[0]).toMatch(new RegExp(`^${status.apiBaseUrl}/#token=[\\w-]{20,}$`));
    const ui = await fetch(fake.state.opened[0]);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('<div id="root"></div>');
    // The tray offers the same items.
    for (const label of ['Copy SONZAI env', 'Open data folder', 'Open in browser', 'Check signature from clipboard']) {
      expect(findItem(fake.state.trays[0].menu!.items, label), label).toBeDefined();
    }
  });

  it('"Check signature from clipboard" says whether a pasted request was signed by one of the webhooks', async () => {
    const { fake, status } = await started();
    const { signingSecret } = await call<{ signingSecret: string }>(fake, 'webhooks.upsert', {
      projectId: status.projectId,
      eventType: 'agent.message',
      webhookUrl: 'http://127.0.0.1:9/hook',
    });
    const check = findItem(fake.state.appMenu!.items, 'Check signature from clipboard')!;
    const body = '{"type":"agent.message","data":{"text":"héllo"}}';
    const header = sign(body, signingSecret, Math.floor(Date.now() / 1000));

    fake.state.clipboardText = `POST /hook HTTP/1.1\r\nContent-Type: application/json\r\nSonzai-Signature: ${header}\r\n\r\n${body}`;
    check.click!({ checked: false });
    await expect.poll(() => fake.state.messageBoxes.length).toBe(1);
    expect(fake.state.messageBoxes[0]).toMatchObject({
      type: 'info',
      message: 'Valid signature',
      detail: expect.stringContaining('agent.message webhook for http://127.0.0.1:9/hook'),
    });

    fake.state.clipboardText = `Sonzai-Signature: ${header}\n\n${body.replace('héllo', 'hello')}`;
    check.click!({ checked: false });
    await expect.poll(() => fake.state.messageBoxes.length).toBe(2);
    expect(fake.state.messageBoxes[1]).toMatchObject({ type: 'warning', message: 'The signature does not verify' });

    fake.state.clipboardText = 'just some text';
    check.click!({ checked: false });
    await expect.poll(() => fake.state.messageBoxes.length).toBe(3);
    expect(fake.state.messageBoxes[2]).toMatchObject({ message: 'No signed request on the clipboard' });
  });
});
