import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OneInboxCall, OneInboxSettings, OneInboxWebhook } from '../../../src/shared/contract/oneinbox';
import { setLanguage } from '../../../src/renderer/src/i18n';
import { OneInboxEvents } from '../../../src/renderer/src/features/oneinbox/OneInboxEvents';
import { OneInboxWebhooks } from '../../../src/renderer/src/features/oneinbox/OneInboxWebhooks';
import { PlatformSwitch } from '../../../src/renderer/src/features/oneinbox/PlatformSwitch';
import { useOneInbox } from '../../../src/renderer/src/features/oneinbox/store';
import { installFakeClient } from '../fake-client';

/** OneInbox's screens in English, Japanese and Chinese: the words, the plurals, the interpolated results. */
const settings: OneInboxSettings = { timeoutMs: 5_000, perCallOverride: 'instead', authHeader: null };

const webhook = (over: Partial<OneInboxWebhook>): OneInboxWebhook => ({
  id: 'wh_1',
  name: 'Call events',
  url: 'http://localhost:3000/webhooks/oneinbox',
  events: ['call.started', 'call.ended'],
  status: 'active',
  skippedWhileInactive: 0,
  createdAt: '2026-06-01T10:00:00.000Z',
  updatedAt: '2026-06-01T10:00:00.000Z',
  ...over,
});

const call = (over: Partial<OneInboxCall>): OneInboxCall => ({
  id: 'call_1',
  agentId: 'agt_abc123',
  toNumber: '+819012345678',
  fromNumber: '+15739693824',
  webhookUrl: null,
  language: 'ja',
  status: 'completed',
  outcome: 'Appointment Booked',
  reason: null,
  durationSeconds: 87,
  aiSummary: null,
  recordingUrl: null,
  transcript: [],
  createdAt: '2026-06-01T10:00:00.000Z',
  startedAt: null,
  endedAt: null,
  ...over,
});

function connect(
  webhooks: OneInboxWebhook[],
  calls: OneInboxCall[] = [],
  test = { responseStatus: 200, responseBody: 'ok' as string | null, error: null as string | null },
) {
  return installFakeClient({
    'oneinbox.status': () => ({ baseUrl: 'http://127.0.0.1:1', apiKey: 'oi_key', settings, eventTypes: [] }),
    'oneinbox.webhooks.list': () => ({ webhooks }),
    'oneinbox.calls.list': () => ({ calls }),
    'oneinbox.webhooks.test': () => ({ attemptId: 'att_1', ...test }),
    'oneinbox.scenario.busyAfternoon': () => ({ calls: Array.from({ length: 6 }, (_, i) => call({ id: `c${i}` })) }),
    'oneinbox.calls.start': () => call({ id: 'call_new', status: 'ringing' }),
  });
}

const switchTo = (lang: 'en' | 'ja' | 'zh') =>
  act(async () => {
    setLanguage(lang);
  });

beforeEach(() => {
  useOneInbox.setState({ settings: null, webhooks: [], calls: [], error: null, notice: null, lastTest: null });
});
afterEach(async () => {
  await switchTo('en');
});

describe('OneInbox webhooks in other languages', () => {
  it('shows Japanese words, the unsigned note, a plural count and the test result with its interpolated values', async () => {
    connect([webhook({ status: 'inactive', skippedWhileInactive: 1234 })]);
    await switchTo('ja');
    render(<OneInboxWebhooks />);
    const table = await screen.findByRole('table', { name: 'OneInbox Webhook' });
    expect(within(table).getByRole('columnheader', { name: 'ステータス' })).toBeTruthy();
    expect(within(table).getByRole('columnheader', { name: '操作' })).toBeTruthy();
    expect(within(table).getByRole('switch', { name: 'wh_1 を有効化' })).toBeTruthy();
    expect(within(table).getByText('無効')).toBeTruthy();
    expect(screen.getByTestId('skipped').textContent).toBe('無効の間に 1,234 件を破棄');
    const note = screen.getByRole('note');
    expect(note.querySelector('strong')!.textContent).toBe('署名の仕組みがありません');
    expect(note.textContent).toMatch(/^OneInbox のドキュメントには署名の仕組みがありません。/);
    expect(screen.getByRole('button', { name: '登録' })).toBeTruthy();

    fireEvent.click(within(table).getByRole('button', { name: 'テスト送信' }));
    const result = await screen.findByRole('status', { name: 'テスト配信の結果' });
    expect(result.textContent).toBe('wh_1 へのテスト：応答 200 ok');
    expect(result.querySelector('code')!.textContent).toBe('wh_1');

    // OneInbox's own delivery settings: the input and the select sit inside the Japanese sentence.
    const form = screen.getByRole('form', { name: 'OneInbox の配信' });
    expect((within(form).getByLabelText('タイムアウト（秒）') as HTMLInputElement).value).toBe('5');
    expect(form.textContent).toContain('秒以内に 2xx を返す必要があります（ドキュメントでは「数秒以内」）');
    const mode = within(form).getByLabelText('通話ごとの webhook_url') as HTMLSelectElement;
    expect([...mode.options].map((o) => o.textContent)).toEqual([
      'グローバル Webhook の代わりに',
      'グローバル Webhook に加えて',
    ]);
    expect(within(form).getByRole('button', { name: '保存' })).toBeTruthy();
  });

  it('keeps the English as it was, with the singular, and shows a response body as text', async () => {
    connect([webhook({ skippedWhileInactive: 1 })], [], {
      responseStatus: 500,
      responseBody: '<b>boom</b>',
      error: null,
    });
    render(<OneInboxWebhooks />);
    const table = await screen.findByRole('table', { name: 'OneInbox webhooks' });
    expect(screen.getByTestId('skipped').textContent).toBe('1 dropped while inactive');
    expect(within(table).getByRole('switch', { name: 'Active wh_1' })).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Send test' }));
    const result = await screen.findByRole('status', { name: 'Test delivery result' });
    expect(result.textContent).toBe('Test to wh_1: answered 500 <b>boom</b>');
    expect(result.querySelector('b')).toBeNull();
    expect(screen.getByText(/OneInbox documents/)).toBeTruthy();
  });

  it('shows an empty list with its path, and switches live to Chinese', async () => {
    connect([]);
    render(<OneInboxWebhooks />);
    const empty = await screen.findByText(/No OneInbox webhooks yet/);
    expect(empty.textContent).toBe('No OneInbox webhooks yet. Register one above, or with POST /v1/webhooks.');
    await switchTo('zh');
    const zh = screen.getByRole('status');
    expect(zh.textContent).toBe('还没有 OneInbox Webhook。请在上方注册，或使用 POST /v1/webhooks。');
    expect(zh.querySelector('code')!.textContent).toBe('POST /v1/webhooks');
    expect(screen.getByRole('heading', { name: '注册 OneInbox Webhook' })).toBeTruthy();
    expect(screen.getByLabelText('Webhook 名称')).toBeTruthy();
  });
});

describe('OneInbox events in other languages', () => {
  it('describes the seven events, the call form and the calls in Japanese, durations in Japanese units', async () => {
    connect([], [call({}), call({ id: 'call_2', status: 'in-progress', outcome: null })]);
    await switchTo('ja');
    render(<OneInboxEvents />);
    const types = screen.getByRole('list', { name: 'OneInbox のイベントタイプ' });
    expect(within(types).getAllByRole('button', { name: /のサンプルを送信$/ })).toHaveLength(7);
    expect(within(types).getByRole('button', { name: 'call.ended のサンプルを送信' }).textContent).toBe('サンプル送信');
    expect(within(types).getByText('完全なトランスクリプト（call.ended の後）')).toBeTruthy();
    expect(screen.getByRole('button', { name: '時計を 10 分 進める' })).toBeTruthy();
    expect(screen.getByLabelText('宛先番号')).toBeTruthy();
    const outcome = screen.getByLabelText('通話の結果') as HTMLSelectElement;
    expect([...outcome.options].map((o) => o.textContent)).toEqual([
      '接続する',
      '失敗する：no-answer',
      '失敗する：busy',
    ]);
    const calls = await screen.findByRole('table', { name: 'OneInbox の通話' });
    const states = [...calls.querySelectorAll('.oi-call-status')].map((c) => c.textContent);
    expect(states).toEqual(['完了', '通話中']);
  });

  it('words a notice when shown: the plural in English, then live in Chinese', async () => {
    connect([]);
    render(
      <>
        <PlatformSwitch value="oneinbox" onChange={() => {}} />
        <OneInboxEvents />
      </>,
    );
    expect(screen.getByRole('button', { name: 'Advance clock 10 min' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Busy afternoon (overlapping calls)' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Started 6 overlapping calls'));
    await switchTo('zh');
    expect(screen.getByRole('status').textContent).toBe('已发起 6 个重叠通话 关闭');
    expect(screen.getByRole('radiogroup', { name: '平台' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'OneInbox' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '繁忙的下午（重叠通话）' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '时钟前进 10分钟' })).toBeTruthy();
  });
});
