import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UI_CSP } from '../../src/core/static-ui';
import { IPC_CALL } from '../../src/shared/bridge';
import { tempDir } from '../helpers/tmp';
import { current, electronMock, loadMain } from './harness/load-main';
import type { FakeElectron } from './harness/fake-electron';

vi.mock('electron', () => electronMock());

const APP_PAGE = 'app://studio/index.html';

async function started(env: Record<string, string> = {}): Promise<FakeElectron> {
  const fake = await loadMain({ env: { WEBHOOK_STUDIO_DATA_DIR: tempDir(), WEBHOOK_STUDIO_PORT: '0', ...env } });
  fake.ready();
  await expect.poll(() => fake.state.windows.length + fake.state.errorBoxes.length).toBe(1);
  return fake;
}

afterEach(async () => {
  // Every test leaves the studio stopped, as the user closing the window does.
  const fake = current.fake;
  if (fake) {
    for (const w of fake.state.windows) if (!w.destroyed) w.close();
    await expect.poll(() => fake.state.quitted || fake.state.windows.length === 0, { timeout: 10_000 }).toBe(true);
  }
});

describe('the built main process: the window', () => {
  it('is sandboxed, context-isolated, without Node or <webview>, with a preload that exists, loading the app scheme', async () => {
    const fake = await started();
    const [win] = fake.state.windows;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(existsSync(String(prefs.preload))).toBe(true);
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.loaded).toEqual([APP_PAGE]);
    expect(fake.state.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the built renderer over the app scheme with one CSP header, identical to the code’s, on every response', async () => {
    const fake = await started();
    const html = await fake.fetch(APP_PAGE);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await html.text();
    expect(page).toBe(readFileSync(resolve('out/renderer/index.html'), 'utf8'));
    // No second, differing policy in the page itself.
    expect(page).not.toMatch(/http-equiv=["']?Content-Security-Policy/i);
    const script = /src="([^"]+\.js)"/.exec(page)![1];
    const responses = [
      html,
      await fake.fetch(new URL(script, APP_PAGE).href),
      await fake.fetch('app://studio/nope.js'),
      await fake.fetch('app://studio/%2e%2e/%2e%2e/package.json'),
      await fake.fetch('app://studio/../main/index.js'),
      await fake.fetch('app://elsewhere/index.html'),
      await fake.fetch(APP_PAGE, { method: 'POST', body: 'x' }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 404, 404, 404, 405]);
    for (const r of responses) {
      expect(r.headers.get('content-security-policy')).toBe(UI_CSP);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(fake.state.headersHooks).toEqual([]);
  });

  it('refuses navigation and new windows except to its own origin; Sonzai links open, others only after asking', async () => {
    const fake = await started();
    const wc = fake.state.windows[0].webContents;
    expect(wc.navigate('https://evil.example/')).toBe(true);
    expect(wc.navigate('file:///etc/passwd')).toBe(true);
    expect(wc.navigate('app://other/index.html')).toBe(true);
    expect(wc.navigate('https://evil.example/', 'will-redirect')).toBe(true);
    expect(wc.navigate('app://studio/index.html#/inspector')).toBe(false);

    expect(wc.openHandler!({ url: 'https://docs.sonz.ai/webhooks' })).toEqual({ action: 'deny' });
    await expect.poll(() => fake.state.opened).toEqual(['https://docs.sonz.ai/webhooks']);
    expect(fake.state.messageBoxes).toEqual([]);

    fake.state.messageBoxAnswers.push(1); // Cancel
    expect(wc.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    await expect.poll(() => fake.state.messageBoxes.length).toBe(1);
    expect(fake.state.messageBoxes[0]).toMatchObject({ detail: 'https://example.com/' });
    fake.state.messageBoxAnswers.push(0); // Open in browser
    wc.openHandler!({ url: 'https://example.com/ok' });
    await expect.poll(() => fake.state.opened).toEqual(['https://docs.sonz.ai/webhooks', 'https://example.com/ok']);

    expect(wc.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(wc.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.state.opened).toHaveLength(2);
    expect(fake.state.messageBoxes).toHaveLength(2);
  });

  it('denies every permission request, permission check and device permission', async () => {
    const fake = await started();
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid']) {
      fake.state.permissionRequest!(null, p, (ok) => answers.push(ok));
      answers.push(fake.state.permissionCheck!(null, p));
    }
    answers.push(fake.state.devicePermission!({ deviceType: 'usb' }));
    expect(answers).toHaveLength(11);
    expect(answers.every((a) => a === false)).toBe(true);
  });

  it('answers IPC calls from its own page and rejects calls from a foreign frame', async () => {
    const fake = await started();
    const ok = (await fake.invoke(IPC_CALL, APP_PAGE, { id: 1, method: 'studio.status' })) as {
      result: { state: string };
    };
    expect(ok.result.state).toBe('ready');
    for (const frame of ['https://evil.example/', 'app://other/index.html', 'file:///tmp/x.html', '']) {
      expect(await fake.invoke(IPC_CALL, frame, { id: 2, method: 'studio.status' })).toMatchObject({
        error: { code: 'invalid_params', message: expect.stringMatching(/are refused$/) },
      });
    }
  });
});
