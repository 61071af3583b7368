import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventsView } from '../../../src/renderer/src/features/events/EventsView';
import { FireOutcome } from '../../../src/renderer/src/features/events/FireOutcome';
import { useEvents } from '../../../src/renderer/src/features/events/store';
import enEvents from '../../../src/renderer/src/i18n/en/events';
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

describe("The core's built-in event types and scenarios in Japanese and Chinese", () => {
  /**
   * The catalog and scenarios as the core sends them (English: the catalog's, which
   * builtin-descriptions.test.ts holds equal to the core's), beside a user's own type and scenario.
   */
  function coreStudio() {
    const entry = (type: string, family: string, description: string) => ({
      type,
      family,
      kind: 'envelope',
      description,
      dataSchema: {},
      payloadSchema: {},
    });
    const core = enEvents.builtin;
    const scenario = (s: (typeof core.scenario)[keyof typeof core.scenario]) => ({
      name: s.name,
      description: s.description,
      builtIn: true,
      steps: Object.values(s.steps).map((note) => ({ eventType: 'agent.message', delayMs: 0, note })),
      updatedAt: null,
    });
    return installFakeClient({
      'events.catalog': () => ({
        types: [
          entry('agent.mood_change', 'documented', core.description.agent_mood_change),
          entry('conversation.takeover.started', 'sdk', core.description.conversation_takeover_started),
          // A core whose text the catalog does not know (changed since): shown as the core has it.
          entry('agent.wakeup', 'documented', 'A wakeup fired (new wording).'),
          entry('session.end', 'custom', 'The user closed the session.'),
        ],
      }),
      'events.targets': () => ({ projects: [], agents: [], projectId: 'p1', defaultUserId: 'user_demo' }),
      'scenarios.list': () => ({
        scenarios: [
          scenario(core.scenario.flaky_handler),
          scenario(core.scenario.companion_s_first_week),
          {
            name: 'my story',
            description: 'two of my own steps',
            builtIn: false,
            steps: [{ eventType: 'session.end', delayMs: 0, note: 'first my step' }],
            updatedAt: null,
          },
        ],
      }),
      'events.template.get': (p) => ({ eventType: p.eventType, data: {}, saved: false }),
      'events.template.validate': () => ({ issues: [] }),
      'deliveries.list': () => ({ deliveries: [], nextCursor: null }),
    });
  }

  it("words the built-ins' descriptions, names and step notes, and leaves the user's own as written", async () => {
    const fake = coreStudio();
    await act(() => i18next.changeLanguage('ja'));
    render(<EventsView />);
    const picker = await screen.findByRole('listbox', { name: 'イベントタイプ' });
    const option = (type: string) => within(picker).getByText(type).closest('button')!;
    expect(option('agent.mood_change').textContent).toContain(
      'エージェントのムードが大きく変化しました。変化前と現在の各次元、およびその理由を含みます。',
    );
    expect(option('agent.mood_change').title).toBe(
      'エージェントのムードが大きく変化しました。変化前と現在の各次元、およびその理由を含みます。',
    );
    // `conversation.takeover.started`: a type with several dots.
    expect(option('conversation.takeover.started').textContent).toContain(
      '人間のオペレーターがエージェントから会話を引き継ぎました。',
    );
    expect(option('agent.wakeup').textContent).toContain('A wakeup fired (new wording).');
    expect(option('session.end').textContent).toContain('The user closed the session.');
    // The selected type's description above the editor.
    fireEvent.click(option('agent.mood_change'));
    await waitFor(() =>
      expect(
        screen.getAllByText(
          'エージェントのムードが大きく変化しました。変化前と現在の各次元、およびその理由を含みます。',
        ),
      ).toHaveLength(2),
    );

    // Scenarios: a built-in's name, description and step count in Japanese; beside it the name the CLI takes.
    const flaky = await screen.findByText('不安定なハンドラー');
    const item = flaky.closest('li')!;
    expect(item.querySelector('code')?.textContent).toBe('flaky handler');
    expect(item.textContent).toContain('· 8 ステップ · 組み込み');
    expect(item.textContent).toContain('ハンドラーは冪等性を保つ必要があります。');
    expect(screen.getByText('コンパニオンの最初の 1 週間')).toBeTruthy();
    expect(screen.getByRole('button', { name: '不安定なハンドラー を実行' })).toBeTruthy();
    // The user's scenario as written, once.
    expect(screen.getByText('my story').closest('li')!.querySelector('code')).toBeNull();
    expect(screen.getByText('two of my own steps')).toBeTruthy();

    // A run's progress: the scenario's name and its step's note by index, re-worded on a live switch.
    act(() =>
      fake.emit({
        event: 'scenario.progress',
        payload: {
          runId: 'r1',
          scenario: 'flaky handler',
          total: 8,
          done: 3,
          state: 'running',
          step: {
            index: 2,
            eventType: 'agent.mood_change',
            eventId: null,
            deliveries: 0,
            note: 'Delivered twice: dedupe on event_id',
          },
        },
      }),
    );
    const progress = await screen.findByText(/^不安定なハンドラー: 3\/8 · 実行中/);
    expect(progress.textContent).toBe(
      '不安定なハンドラー: 3/8 · 実行中 · 直前: agent.mood_change — 2 回配信：event_id で重複を排除',
    );
    await act(() => i18next.changeLanguage('zh'));
    expect(progress.textContent).toBe(
      '不稳定的处理程序：3/8 · 运行中 · 上一步：agent.mood_change — 投递两次：按 event_id 去重',
    );
    expect(option('agent.mood_change').textContent).toContain(
      '智能体情绪发生显著变化：包含变化前与当前的各维度及原因。',
    );
    await act(() => i18next.changeLanguage('en'));
    expect(progress.textContent).toBe(
      'flaky handler: 3/8 · running · last: agent.mood_change — Delivered twice: dedupe on event_id',
    );
    expect(option('agent.mood_change').textContent).toContain(
      "The agent's mood shifted significantly: previous and current dimensions, and why.",
    );
    expect(screen.getByText('flaky handler').getAttribute('title')).toBeNull();

    // A saved scenario's note stays as written, whatever its index (once the first run has ended).
    await act(() => i18next.changeLanguage('ja'));
    act(() =>
      fake.emit({
        event: 'scenario.progress',
        payload: { runId: 'r1', scenario: 'flaky handler', total: 8, done: 3, state: 'cancelled', step: null },
      }),
    );
    act(() =>
      fake.emit({
        event: 'scenario.progress',
        payload: {
          runId: 'r2',
          scenario: 'my story',
          total: 1,
          done: 1,
          state: 'done',
          step: { index: 0, eventType: 'session.end', eventId: null, deliveries: 0, note: 'first my step' },
        },
      }),
    );
    expect((await screen.findByText(/^my story: 1\/1/)).textContent).toBe(
      'my story: 1/1 · 完了 · 直前: session.end — first my step',
    );
  });
});
