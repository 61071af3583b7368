import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { attachClient, useStudio } from '../../src/renderer/src/store/studio';
import type { StudioStatus } from '../../src/shared/contract';
import { fakeClient } from './fake-client';

const status: StudioStatus = {
  state: 'ready',
  version: '0.1.0',
  host: '127.0.0.1',
  port: 8455,
  apiBaseUrl: 'http://127.0.0.1:8455',
  uiUrl: null,
  dataDir: '/home/dev/.config/Sonzai Webhook Studio',
  dbPath: '/home/dev/.config/Sonzai Webhook Studio/studio.db',
  startedAt: '2026-11-23T00:00:00.000Z',
  uptimeMs: 1000,
  projectId: 'p-1',
  agentId: 'a-1',
  apiKey: 'sk_test_key_123456789',
  storage: { ok: true, detail: null, since: null },
};

describe('app shell', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/'); // each test starts at an address naming no area
    useStudio.setState({ client: null, status: null, settings: null, connection: 'connecting', area: 'events' });
  });

  it('shows the connection, the API URL, the key and the ready-to-paste env line', async () => {
    const { client } = fakeClient({
      'studio.status': () => status,
      'settings.get': () => ({ theme: 'system' }),
    });
    useStudio.setState({ connection: 'connected' });
    attachClient(client);
    render(<App />);
    const bar = await screen.findByRole('contentinfo', { name: 'Studio status' });
    expect(within(bar).getByText('Connected')).toBeTruthy();
    expect((await within(bar).findByTestId('api-url')).textContent).toBe('http://127.0.0.1:8455');
    expect(within(bar).getByTestId('api-key').textContent).toBe('sk_test_key_123456789');
    expect(within(bar).getByTestId('env-line').textContent).toBe(
      'SONZAI_BASE_URL=http://127.0.0.1:8455 SONZAI_API_KEY=sk_test_key_123456789',
    );
    expect(within(bar).getByRole('button', { name: 'Copy the API key' })).toBeTruthy();
  });

  it('shows a banner on every screen while the studio’s disk is full, and drops it when space returns', async () => {
    const full = {
      ...status,
      storage: {
        ok: false,
        detail: "the studio's disk is full: nothing was stored",
        since: '2026-11-23T00:00:05.000Z',
      },
    };
    const { client, emit } = fakeClient({ 'studio.status': () => full, 'settings.get': () => ({ theme: 'system' }) });
    useStudio.setState({ connection: 'connected' });
    attachClient(client);
    render(<App />);
    const banner = (await screen.findByText('The studio cannot store anything new.')).parentElement!;
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain("the studio's disk is full: nothing was stored");
    fireEvent.click(screen.getByRole('button', { name: /Settings/ }));
    expect(screen.getByText('The studio cannot store anything new.').parentElement).toBe(banner);
    act(() => emit('studio.statusChanged', status));
    expect(screen.queryByText('The studio cannot store anything new.')).toBeNull();
  });

  it('navigates between areas from the sidebar and with Alt+number', async () => {
    const { client } = fakeClient({ 'studio.status': () => status, 'settings.get': () => ({ theme: 'system' }) });
    attachClient(client);
    render(<App />);
    fireEvent.click(screen.getByRole('button', { name: /Settings/ }));
    expect(screen.getByRole('heading', { name: 'Settings', level: 1 })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Settings/ }).getAttribute('aria-current')).toBe('page');
    fireEvent.keyDown(window, { key: '1', altKey: true });
    expect(useStudio.getState().area).toBe('events');
  });

  it('saves a setting through the contract and shows the error when the studio refuses', async () => {
    const { client, calls } = fakeClient({
      'studio.status': () => status,
      'settings.get': () => ({ theme: 'system' }),
      'settings.set': () => {
        throw new Error('settings.set: patch.theme: Invalid option');
      },
    });
    useStudio.setState({ connection: 'connected', area: 'settings' });
    attachClient(client);
    render(<App />);
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'dark' } });
    });
    expect(calls.at(-1)).toEqual({ method: 'settings.set', params: { patch: { theme: 'dark' } } });
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent).join('\n')).toContain('Invalid option');
  });

  it('shows the status pushed by the studio when it changes', async () => {
    const { client, emit } = fakeClient({
      'studio.status': () => status,
      'settings.get': () => ({ theme: 'system' }),
    });
    attachClient(client);
    render(<App />);
    act(() => emit('studio.statusChanged', { ...status, apiKey: 'sk_rotated_key_0000000' }));
    expect((await screen.findByTestId('api-key')).textContent).toBe('sk_rotated_key_0000000');
  });
});
