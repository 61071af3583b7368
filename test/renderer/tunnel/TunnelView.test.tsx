import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TunnelView } from '../../../src/renderer/src/features/tunnel/TunnelView';
import { useTunnel } from '../../../src/renderer/src/features/tunnel/tunnel-store';
import { useStudio } from '../../../src/renderer/src/store/studio';
import type { StudioStatus } from '../../../src/shared/contract';
import { StudioError } from '../../../src/shared/errors';
import type { CaptureDetail, CaptureSummary, Inbox, RelayStatus } from '../../../src/shared/contract/tunnel';
import { fakeClient } from '../fake-client';

const status = { apiBaseUrl: 'http://127.0.0.1:8455' } as StudioStatus;
const inbox: Inbox = {
  name: 'dev',
  responseStatus: 200,
  responseBody: '',
  responseContentType: 'text/plain; charset=utf-8',
  delayMs: 0,
  forwardTo: 'http://localhost:3000/hooks',
  forwardTimeoutMs: 10000,
  updatedAt: '2026-11-23T00:00:00.000Z',
};
const relayOff: RelayStatus = {
  state: 'off',
  relayUrl: null,
  channel: null,
  channelUrl: null,
  inbox: null,
  rttMs: null,
  backlog: 0,
  relayed: 0,
  reconnects: 0,
  lastError: null,
  since: null,
};
const capture: CaptureSummary = {
  seq: 1,
  captureId: 'cap_1',
  inbox: 'dev',
  via: 'http',
  method: 'POST',
  path: '/inbox/dev',
  query: '',
  contentType: 'application/json',
  bodySize: 13,
  sourceAddress: '127.0.0.1:5000',
  signature: {
    ok: true,
    code: 'valid',
    message: '✓ signed with secret sec_abc (agent.message)',
    secretId: 'sec_abc',
    webhookId: 'wh_1',
    eventType: 'agent.message',
    timestamp: 1700000000,
    checkedSecrets: 1,
  },
  forwardTo: 'http://localhost:3000/hooks',
  responseStatus: 201,
  forwardStatus: 201,
  forwardError: null,
  durationMs: 4,
  receivedAt: '2026-11-23T10:00:00.000Z',
};
const detail: CaptureDetail = {
  ...capture,
  headers: [
    ['Content-Type', 'application/json'],
    ['Sonzai-Signature', 't=1700000000,v1=abc'],
  ],
  bodyBase64: btoa('{"test":true}'),
  forwardHeaders: [['X-Handler', 'mine']],
  forwardBodyBase64: btoa('handled'),
  relayId: null,
};

function setup(extra: Parameters<typeof fakeClient>[0] = {}) {
  const fake = fakeClient({
    'captures.list': () => ({ captures: [], hasMore: false }),
    'inboxes.list': () => [inbox],
    'relay.status': () => relayOff,
    'captures.get': () => detail,
    ...extra,
  });
  useStudio.setState({ client: fake.client, connection: 'connected', status });
  render(<TunnelView />);
  return fake;
}

describe('Inbox & Tunnel', () => {
  beforeEach(() => {
    useTunnel.setState({ captures: [], selectedId: null, detail: null, inboxes: [], relay: null, error: null });
  });

  it('shows the inbox URL and an empty state, then captures as they arrive, with their verdict', async () => {
    const fake = setup();
    expect(await screen.findByText('No requests yet')).toBeTruthy();
    expect(screen.getByText('http://127.0.0.1:8455/inbox/dev')).toBeTruthy();
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'relay.status')).toBe(true));
    act(() => fake.emit('capture.recorded', capture));
    const list = await screen.findByRole('listbox', { name: 'Captured requests' });
    const item = within(list).getByRole('option');
    expect(item.textContent).toContain('POST');
    expect(item.textContent).toContain('201');
    expect(within(item).getByTitle('signed with secret sec_abc (agent.message)').textContent).toBe('✓');
  });

  it('opens a capture: headers, raw body, verdict and the local response; replays it to a URL', async () => {
    const fake = setup({
      'captures.list': () => ({ captures: [capture], hasMore: false }),
      'captures.replay': () => ({
        url: 'http://localhost:4000/x',
        status: 202,
        headers: [],
        bodyBase64: btoa('again'),
        error: null,
        durationMs: 3,
      }),
    });
    fireEvent.click(await screen.findByRole('option'));
    expect(await screen.findByText('t=1700000000,v1=abc')).toBeTruthy();
    // Worded from the verdict's code and facts: one mark, not the core message's own second ✓.
    expect(screen.getByText('✓ signed with secret sec_abc (agent.message)')).toBeTruthy();
    expect(screen.getByLabelText('request body').textContent).toContain('"test": true');
    expect(screen.getByText('mine')).toBeTruthy();
    expect(screen.getByLabelText('local response body').textContent).toBe('handled');

    const url = screen.getByLabelText('Replay the exact bytes and headers to') as HTMLInputElement;
    expect(url.value).toBe('http://localhost:3000/hooks');
    fireEvent.change(url, { target: { value: 'http://localhost:4000/x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    expect(await screen.findByText('202')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy as curl: a curl command that resends this request' })).toBeTruthy();
    expect(fake.calls.find((c) => c.method === 'captures.replay')?.params).toEqual({
      captureId: 'cap_1',
      url: 'http://localhost:4000/x',
    });
  });

  it('connects the relay and shows its health live; a refusal is shown inline', async () => {
    let refuse = true;
    const fake = setup({
      'relay.connect': () => {
        if (refuse) throw new Error('the relay refused the token (401)');
        return { ...relayOff, state: 'connected', channelUrl: 'https://relay.example.com/c/me', rttMs: 12.5 };
      },
    });
    const panel = await screen.findByRole('region', { name: 'Relay' });
    fireEvent.change(within(panel).getByLabelText('Relay URL'), { target: { value: 'https://relay.example.com' } });
    fireEvent.change(within(panel).getByLabelText('Channel'), { target: { value: 'me' } });
    fireEvent.change(within(panel).getByLabelText('Token'), { target: { value: 'wrong' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Connect' }));
    expect((await screen.findByRole('alert')).textContent).toContain('refused the token');

    refuse = false;
    fireEvent.click(within(panel).getByRole('button', { name: 'Connect' }));
    expect(await within(panel).findByText('https://relay.example.com/c/me')).toBeTruthy();
    // The round trip is a duration, in the locale's unit words (whole milliseconds below a second).
    expect(within(panel).getByText('13 ms')).toBeTruthy();
    act(() =>
      fake.emit('relay.status', {
        ...relayOff,
        state: 'reconnecting',
        channelUrl: 'https://relay.example.com/c/me',
        backlog: 3,
        lastError: 'closed',
      }),
    );
    expect(within(panel).getByText('Reconnecting…')).toBeTruthy();
    expect(within(panel).getByText('3')).toBeTruthy();
  });

  it('saves the inbox answer and shows a refused value inline', async () => {
    const fake = setup({
      'inboxes.configure': (p) => {
        const params = p as { forwardTo: string | null };
        if (params.forwardTo === 'http://bad') throw new Error('forwardTo: an http(s) URL');
        return { ...inbox, ...params, updatedAt: '2026-11-23T01:00:00.000Z' };
      },
    });
    // Seeded from the stored answer once it has loaded.
    await waitFor(() => expect(screen.getByDisplayValue('http://localhost:3000/hooks')).toBeTruthy());
    const form = screen.getByRole('form', { name: 'Inbox response' });
    fireEvent.change(within(form).getByLabelText('Forward to'), { target: { value: '' } });
    fireEvent.change(within(form).getByLabelText('Status'), { target: { value: '418' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'inboxes.configure')).toBe(true));
    expect(fake.calls.find((c) => c.method === 'inboxes.configure')?.params).toMatchObject({
      name: 'dev',
      forwardTo: null,
      responseStatus: 418,
    });
    // The form is re-seeded from the stored answer once saved.
    const saved = await screen.findByRole('form', { name: 'Inbox response' });
    await waitFor(() => expect((within(saved).getByLabelText('Status') as HTMLInputElement).value).toBe('418'));
    const again = screen.getByRole('form', { name: 'Inbox response' });
    fireEvent.change(within(again).getByLabelText('Forward to'), { target: { value: 'http://bad' } });
    fireEvent.click(within(again).getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('an http(s) URL');
  });
});

describe('Inbox & Tunnel in another language', () => {
  beforeEach(() => {
    useTunnel.setState({ captures: [], selectedId: null, detail: null, inboxes: [], relay: null, error: null });
  });
  afterEach(async () => {
    await act(() => i18next.changeLanguage('en'));
  });

  it('switches live to Japanese: headings, the capture detail, byte counts and the relay counts', async () => {
    setup({
      'captures.list': () => ({ captures: [capture], hasMore: false }),
      'relay.status': () => ({
        ...relayOff,
        state: 'connected',
        channelUrl: 'https://relay.example.com/c/me',
        relayed: 1,
        reconnects: 3,
      }),
    });
    const panel = await screen.findByRole('region', { name: 'Relay' });
    expect(await within(panel).findByText('1 request · 3 reconnects')).toBeTruthy();

    await act(() => i18next.changeLanguage('ja'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('受信箱とトンネル');
    const relay = screen.getByRole('region', { name: 'リレー' });
    expect(within(relay).getByText('接続済み')).toBeTruthy();
    expect(within(relay).getByText('リクエスト 1 件 · 再接続 3 回')).toBeTruthy();
    expect(screen.getByRole('form', { name: '受信箱の応答' })).toBeTruthy();

    fireEvent.click(
      await screen
        .findByRole('listbox', { name: 'キャプチャしたリクエスト' })
        .then((l) => within(l).getByRole('option')),
    );
    expect(await screen.findByText('リクエストヘッダー')).toBeTruthy();
    expect(screen.getByText('127.0.0.1:5000').parentElement!.textContent).toContain('から HTTP 経由');
    expect(screen.getAllByText('13 バイト').length).toBeGreaterThan(0);
    expect(screen.getByLabelText('リクエスト本文').textContent).toContain('"test": true');
    expect(screen.getByRole('button', { name: 'リプレイ' })).toBeTruthy();
    // The signature verdict, worded from its code and facts.
    expect(screen.getByText('✓ シークレット sec_abc（agent.message）で署名されています')).toBeTruthy();
  });

  it('frames a studio error in Chinese, and again in English after switching back', async () => {
    setup({
      'relay.connect': () => {
        throw new StudioError('invalid_params', 'channel: letters, digits, _ - (at most 64)');
      },
    });
    await act(() => i18next.changeLanguage('zh'));
    const panel = await screen.findByRole('region', { name: '中继' });
    expect(within(panel).getByText('未连接')).toBeTruthy();
    fireEvent.change(within(panel).getByLabelText('中继 URL'), { target: { value: 'https://relay.example.com' } });
    fireEvent.change(within(panel).getByLabelText('频道'), { target: { value: 'me' } });
    fireEvent.change(within(panel).getByLabelText('令牌'), { target: { value: 't' } });
    fireEvent.click(within(panel).getByRole('button', { name: '连接' }));
    expect((await screen.findByRole('alert')).textContent).toBe('参数无效：channel: letters, digits, _ - (at most 64)');
    await act(() => i18next.changeLanguage('en'));
    expect(screen.getByRole('alert').textContent).toBe('channel: letters, digits, _ - (at most 64)');
  });
});
