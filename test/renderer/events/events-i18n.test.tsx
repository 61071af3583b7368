import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventsView } from '../../../src/renderer/src/features/events/EventsView';
import { FireOutcome } from '../../../src/renderer/src/features/events/FireOutcome';
import { useEvents } from '../../../src/renderer/src/features/events/store';
import { installFakeClient } from '../fake-client';

/** Just enough of the events contract for the area to render, preview, fire, burst and import. */
function studio() {
  return installFakeClient({
    'events.catalog': () => ({
      types: [
        {
          type: 'agent.message',
          family: 'documented',
          kind: 'envelope',
          description: 'A proactive message',
          dataSchema: {},
          payloadSchema: {},
          sdkShapes: [
            { schema: 'MoodState', path: 'data.current' },
            { schema: 'MoodState', path: 'data.previous' },
          ],
        },
        {
          type: 'on_wakeup_ready',
          family: 'sdk',
          kind: 'flat-no-user',
          description: 'Wakeup ready',
          dataSchema: {},
          payloadSchema: {},
        },
      ],
    }),
    'events.targets': () => ({
      projects: [{ projectId: 'p1', name: 'Demo', isDefault: true }],
      agents: [],
      projectId: 'p1',
      defaultUserId: 'user_demo',
    }),
    'scenarios.list': () => ({
      scenarios: [
        {
          name: 'one step',
          description: 'a single message',
          builtIn: true,
          steps: [{ eventType: 'agent.message', delayMs: 0 }],
          updatedAt: null,
        },
        {
          name: 'three steps',
          description: 'three messages',
          builtIn: false,
          steps: [0, 1, 2].map(() => ({ eventType: 'agent.message', delayMs: 0 })),
          updatedAt: null,
        },
      ],
    }),
    'scenarios.import': () => ({ name: 'imported one' }),
    'events.template.get': (p) => ({ eventType: p.eventType, data: { content: 'Hello there' }, saved: false }),
    'events.template.validate': () => ({ issues: [] }),
    'events.preview': (p) => {
      const body = JSON.stringify({ event_id: 'e-1', event_type: p.eventType, data: p.data });
      return {
        eventId: 'e-1',
        eventType: p.eventType,
        projectId: 'p1',
        body,
        bytes: 1234,
        headers: [{ name: 'Sonzai-Signature', value: 't=1,v1=abc' }],
        webhook: { webhookId: 'w1', url: 'http://127.0.0.1:3000/hook', secretId: 's1' },
        note: null,
        issues: [],
      };
    },
    'events.fire': (p) => ({
      eventId: 'e-1',
      eventType: p.eventType,
      bytes: 1234,
      deliveries: [{ deliveryId: 'd1', webhookId: 'w1', webhookUrl: 'http://127.0.0.1:3000/hook' }],
      issues: [],
    }),
    'deliveries.list': () => ({ deliveries: [], nextCursor: null }),
    'events.burst.start': (p) => ({ burstId: 'b1', total: p.count }),
    'deliveries.counts': () => ({ deliveries: 1, delivered: 1, failing: 0, retrying: 0, attempts: 1 }),
  });
}

/** The payload editor, whatever the language of its label. */
const editor = () => document.querySelector<HTMLTextAreaElement>('textarea[aria-describedby="ev-editor-errors"]')!;

beforeEach(() => {
  useEvents.setState(useEvents.getInitialState(), true);
});

afterEach(async () => {
  await act(() => i18next.changeLanguage('en'));
});

describe('Events area in Japanese and Chinese', () => {
  it('speaks Japanese, words broken JSON with its line and column, and re-words it on a live switch', async () => {
    studio();
    await act(() => i18next.changeLanguage('ja'));
    render(<EventsView />);
    await waitFor(() => expect(editor().value).toContain('Hello there'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('イベント');
    expect(screen.getByText('ドキュメント化された agent.* イベント')).toBeTruthy();
    expect(screen.getByText('SDK のプロアクティブイベント')).toBeTruthy();
    expect(screen.getByRole('option', { name: 'Demo（デフォルト）' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'リクエストをプレビュー' })).toBeTruthy();
    // Plurals: one form in Japanese, the number grouped.
    expect(screen.getByText(/· 1 ステップ/)).toBeTruthy();
    expect(screen.getByText(/· 3 ステップ/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'one step を実行' })).toBeTruthy();
    expect(screen.getByTestId('sdk-shapes').textContent).toBe(
      'SDK スキーマに準拠： MoodState（data.current の位置）、MoodState（data.previous の位置）',
    );

    fireEvent.change(editor(), { target: { value: '{\n  "content": \n}' } });
    expect(screen.getByRole('alert').textContent).toBe('3 行 1 列目で JSON が不正です：値が必要です。');
    // The error is kept as facts, so a live switch re-words it.
    await act(() => i18next.changeLanguage('zh'));
    expect(screen.getByRole('alert').textContent).toBe('JSON 无效（第 3 行，第 1 列）：此处应为一个值。');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('事件');
    await act(() => i18next.changeLanguage('en'));
    expect(screen.getByRole('alert').textContent).toBe('Invalid JSON at line 3, column 1: expected a value');
    expect(screen.getByTestId('sdk-shapes').textContent).toBe(
      'Follows the SDK schema MoodState at data.current, MoodState at data.previous',
    );
    expect(within(screen.getByTestId('sdk-shapes')).getAllByText('MoodState')[0].tagName).toBe('CODE');
  });

  it('previews, fires and bursts in Chinese, with interpolated and counted values', async () => {
    const fake = studio();
    await act(() => i18next.changeLanguage('zh'));
    render(<EventsView />);
    await waitFor(() => expect(editor().value).toContain('Hello there'));
    fireEvent.click(screen.getByRole('button', { name: '预览请求' }));
    const preview = await screen.findByLabelText('请求预览');
    expect(within(preview).getByText('将发送的请求')).toBeTruthy();
    expect(preview.textContent).toContain('1,234 字节，事件 e-1');
    expect(within(preview).getByText('e-1').tagName).toBe('CODE');
    expect(within(preview).getByTitle('复制 Sonzai-Signature')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '按原样发送这些字节' }));
    const fired = await screen.findByRole('status', { name: '已发送' });
    expect(fired.textContent).toContain('1,234 字节');
    expect(fired.textContent).toContain('1 个投递');
    expect(within(fired).getByRole('link', { name: '在投递中打开' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('批量发送数量'), { target: { value: '1000' } });
    fireEvent.click(screen.getByRole('button', { name: '开始批量发送' }));
    await waitFor(() => expect(fake.call.mock.calls.some(([m]) => m === 'events.burst.start')).toBe(true));
    act(() =>
      fake.emit({
        event: 'burst.progress',
        payload: {
          burstId: 'b1',
          eventType: 'agent.message',
          total: 1000,
          fired: 250,
          deliveries: 250,
          state: 'running',
          elapsedMs: 1250,
          eventIds: ['ev-first'],
        },
      }),
    );
    await screen.findByText(/250 \/ 1,000 agent\.message · 250 个投递 · 200\/秒 · 运行中/);
    expect((await screen.findByTestId('burst-outcome')).textContent).toBe(
      '✓ 已投递 1 · ↻ 重试中 0 · ✗ 失败 0 （共 1 个投递）',
    );
    fireEvent.change(screen.getByLabelText('批量发送数量'), { target: { value: '0' } });
    expect(screen.getByText('数量须为 1–100,000，速率须为每秒 0–10,000（0 = 尽可能快）。')).toBeTruthy();
  });

  it('keeps notices and custom-type errors as facts, worded in the language shown', async () => {
    studio();
    await act(() => i18next.changeLanguage('ja'));
    render(<EventsView />);
    await waitFor(() => expect(editor().value).toContain('Hello there'));
    fireEvent.change(screen.getByLabelText('シナリオの JSON'), { target: { value: '{"name": "imported one"}' } });
    fireEvent.click(screen.getByRole('button', { name: 'インポート' }));
    const notice = await screen.findByText('シナリオ「imported one」をインポートしました。');
    await act(() => i18next.changeLanguage('en'));
    expect(notice.textContent).toBe('Imported scenario "imported one".');
    await act(() => i18next.changeLanguage('ja'));

    fireEvent.click(screen.getByText('カスタムタイプを新規作成'));
    const form = screen.getByRole('form', { name: '新しいカスタムイベントタイプ' });
    fireEvent.change(within(form).getByLabelText('タイプ名'), { target: { value: 'session.end' } });
    fireEvent.change(within(form).getByLabelText('サンプルデータ'), { target: { value: '{"a" 1}' } });
    fireEvent.click(within(form).getByRole('button', { name: 'タイプを作成' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'サンプル：1 行 6 列目で JSON が不正です：":" が必要です。',
    );
  });
});

describe('Events area plurals in English', () => {
  it('says "1 byte" and "1 delivery", and "2 bytes"', async () => {
    installFakeClient({ 'deliveries.list': () => ({ deliveries: [], nextCursor: null }) });
    const fired = (bytes: number) =>
      ({
        eventId: 'evt_1',
        eventType: 'agent.message',
        bytes,
        issues: [],
        deliveries: [{ deliveryId: 'dlv_1', webhookId: 'wh_1', webhookUrl: 'http://127.0.0.1:3000/hook' }],
      }) as never;
    const { rerender } = render(<FireOutcome fired={fired(1)} />);
    const status = screen.getByRole('status', { name: 'Fired' });
    expect(status.textContent).toContain('· 1 byte · 1 delivery');
    rerender(<FireOutcome fired={fired(2)} label="Test event" />);
    expect(screen.getByRole('status', { name: 'Test event' }).textContent).toContain('· 2 bytes · 1 delivery');
  });
});
