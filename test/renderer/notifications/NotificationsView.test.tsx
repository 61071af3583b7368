import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResultOf } from '../../../src/shared/contract';
import { NotificationsView } from '../../../src/renderer/src/features/notifications/NotificationsView';
import { useNotifications } from '../../../src/renderer/src/features/notifications/store';
import { useStudio } from '../../../src/renderer/src/store/studio';
import { setLanguage } from '../../../src/renderer/src/i18n';
import { fakeClient } from '../fake-client';

const clock = {
  now: '2026-11-24T10:00:00.000Z',
  realNow: '2026-11-23T10:00:00.000Z',
  offsetMs: 86_400_000,
  nextWakeupAt: null,
  pendingWakeups: 0,
};

function overview(status: 'pending' | 'consumed'): ResultOf<'proactive.overview'> {
  return {
    projectId: 'p1',
    users: ['user-42'],
    clock,
    proactive: [
      {
        messageId: 'm1',
        agentId: 'a1',
        agentName: 'Aiko',
        userId: 'user-42',
        checkType: 'interest_check',
        generatedMessage: 'How did the piano recital go?',
        status,
        wakeupId: 'w1',
        intent: 'ask about the recital',
        createdAt: '2026-11-24T09:00:00.000Z',
        consumedAt: status === 'consumed' ? '2026-11-24T09:30:00.000Z' : null,
      },
    ],
    projectNotifications: [],
    wakeups: [],
    counts: {
      proactive: 1,
      proactivePending: status === 'pending' ? 1 : 0,
      projectNotifications: 0,
      projectNotificationsPending: 0,
      wakeups: 0,
      wakeupsPending: 0,
    },
  };
}

describe('Notifications view', () => {
  beforeEach(() => {
    useNotifications.setState({
      projectId: null,
      agentId: '',
      userId: '',
      overview: null,
      error: null,
      offsets: { proactive: 0, notifications: 0, wakeups: 0 },
    });
  });

  function setup(answers: Parameters<typeof fakeClient>[0]) {
    const fake = fakeClient({
      'projects.list': () => ({ projects: [{ projectId: 'p1', name: 'Default project' }] }),
      'agents.list': () => ({ agents: [{ agentId: 'a1', name: 'Aiko' }] }),
      ...answers,
    });
    useStudio.setState({ client: fake.client });
    return fake;
  }

  it('shows where the clock stands, the pending message, and consumes it', async () => {
    let state: 'pending' | 'consumed' = 'pending';
    const { calls } = setup({
      'proactive.overview': () => overview(state),
      'proactive.consume': () => {
        state = 'consumed';
        return { consumed: true };
      },
    });
    render(<NotificationsView />);
    expect(await screen.findByText('1d ahead of real time', { exact: false })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Agent notifications' });
    expect(within(table).getByText('How did the piano recital go?')).toBeTruthy();
    await act(async () => fireEvent.click(within(table).getByRole('button', { name: 'Consume' })));
    expect(calls).toContainEqual({ method: 'proactive.consume', params: { messageId: 'm1' } });
    expect(await within(table).findByText('consumed')).toBeTruthy();
    expect(within(table).queryByRole('button', { name: 'Consume' })).toBeNull();
  });

  it('refuses an unreadable duration inline without calling the studio, and advances a valid one', async () => {
    const { calls } = setup({
      'proactive.overview': () => overview('pending'),
      'clock.advance': () => ({ clock, executed: [] }),
    });
    render(<NotificationsView />);
    const input = await screen.findByLabelText('Advance by');
    fireEvent.change(input, { target: { value: 'tomorrow' } });
    fireEvent.click(screen.getByRole('button', { name: 'Advance' }));
    expect((await screen.findByRole('alert')).textContent).toContain('"tomorrow" is not a duration');
    expect(calls.some((c) => c.method === 'clock.advance')).toBe(false);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /\+1 day/ })));
    expect(calls).toContainEqual({ method: 'clock.advance', params: { ms: 86_400_000 } });
    expect(await screen.findByText('Advanced 1d: no wakeup fell due.')).toBeTruthy();
  });

  it('says what to do when there is nothing yet', async () => {
    setup({ 'proactive.overview': () => ({ ...overview('pending'), proactive: [] }) });
    render(<NotificationsView />);
    expect(await screen.findByText(/None yet. A proactive message/)).toBeTruthy();
    expect(screen.getByText(/No wakeups. Schedule one here/)).toBeTruthy();
  });

  it('shows true counts with 1,000 pending, pages through them, consumes all after asking, and returns the clock to real time', async () => {
    const page = (offset: number) =>
      // A slice of the page is enough here: the counts and the pager come from the store's totals.
      Array.from({ length: 20 }, (_, i) => ({
        ...overview('pending').proactive[0],
        messageId: `m${offset + i}`,
        generatedMessage: `message ${offset + i}`,
      }));
    let pending = 1000;
    const { calls } = setup({
      'proactive.overview': (p) => ({
        ...overview('pending'),
        proactive: page((p as { proactiveOffset: number }).proactiveOffset),
        counts: {
          proactive: 1200,
          proactivePending: pending,
          projectNotifications: 1000,
          projectNotificationsPending: 1000,
          wakeups: 3,
          wakeupsPending: 1,
        },
      }),
      'proactive.consumeAll': () => {
        pending = 0;
        return { consumed: 1000 };
      },
      'clock.reset': () => ({ ...clock, offsetMs: 0 }),
    });
    render(<NotificationsView />);
    await waitFor(() => expect(screen.getByTestId('proactive-counts').textContent).toBe('· 1,000 pending of 1,200'));
    expect(screen.getByTestId('project-counts').textContent).toContain('1,000 pending of 1,000');
    // The clock and the wakeup form are their own panel, not below the tables.
    const side = screen.getByRole('complementary', { name: 'Clock and wakeups' });
    expect(within(side).getByLabelText('Advance by')).toBeTruthy();
    expect(within(side).getByRole('heading', { name: 'Schedule a wakeup' })).toBeTruthy();

    const pager = screen.getByRole('navigation', { name: 'Agent notifications pages' });
    expect(pager.textContent).toContain('1–200 of 1,200');
    await act(async () => fireEvent.click(within(pager).getByRole('button', { name: 'Next' })));
    await screen.findByText('message 200');
    expect(calls.filter((c) => c.method === 'proactive.overview').at(-1)).toMatchObject({
      params: { proactiveOffset: 200, limit: 200 },
    });
    expect(screen.getByRole('navigation', { name: 'Agent notifications pages' }).textContent).toContain(
      '201–400 of 1,200',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Consume all pending' }));
    const ask = screen.getByRole('alertdialog');
    expect(ask.textContent).toContain('Consume all 1,000 pending agent notifications?');
    expect(calls.some((c) => c.method === 'proactive.consumeAll')).toBe(false);
    await act(async () => fireEvent.click(within(ask).getByRole('button', { name: 'Consume all' })));
    expect(calls).toContainEqual({ method: 'proactive.consumeAll', params: { projectId: 'p1' } });
    await waitFor(() => expect(screen.getByTestId('proactive-counts').textContent).toBe('· 0 pending of 1,200'));

    await act(async () => fireEvent.click(within(side).getByRole('button', { name: /Back to real time/ })));
    expect(calls.some((c) => c.method === 'clock.reset')).toBe(true);
  }, 15_000);
});

describe('Notifications view in Japanese and Chinese', () => {
  beforeEach(() => {
    useNotifications.setState({
      projectId: null,
      agentId: '',
      userId: '',
      overview: null,
      error: null,
      offsets: { proactive: 0, notifications: 0, wakeups: 0 },
    });
  });
  afterEach(async () => {
    await act(async () => void setLanguage('en'));
  });

  function setup(answers: Parameters<typeof fakeClient>[0]) {
    const fake = fakeClient({
      'projects.list': () => ({ projects: [{ projectId: 'p1', name: 'Default project' }] }),
      'agents.list': () => ({ agents: [{ agentId: 'a1', name: 'Aiko' }] }),
      ...answers,
    });
    useStudio.setState({ client: fake.client });
    return fake;
  }

  it('speaks Japanese: counts, plurals, the next wakeup relative to the studio clock, and a refused duration', async () => {
    // The studio clock is a day ahead of the wall clock; its next wakeup is two hours after its own now.
    const ahead = { ...clock, nextWakeupAt: '2026-11-24T12:00:00.000Z', pendingWakeups: 3 };
    setup({
      'proactive.overview': () => ({
        ...overview('pending'),
        clock: ahead,
        counts: {
          proactive: 1200,
          proactivePending: 1000,
          projectNotifications: 0,
          projectNotificationsPending: 0,
          wakeups: 3,
          wakeupsPending: 3,
        },
      }),
      'clock.advance': () => ({ clock: ahead, executed: [{}, {}] }),
    });
    await act(async () => void setLanguage('ja'));
    render(<NotificationsView />);
    expect(await screen.findByRole('heading', { level: 1, name: '通知' })).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId('proactive-counts').textContent).toBe('· 1,200 件中 1,000 件が保留中'),
    );
    const side = screen.getByRole('complementary', { name: '時計とウェイクアップ' });
    // Relative to the studio clock's now (2 hours), not to the wall clock's (a day and 2 hours).
    expect(within(side).getByText(/実時間より 1d 先 · 保留中のウェイクアップ 3 件 · 次回 .*（2 時間後）/)).toBeTruthy();
    const table = screen.getByRole('table', { name: 'エージェント通知' });
    expect(within(table).getByRole('columnheader', { name: 'ステータス' })).toBeTruthy();
    expect(within(table).getByText('保留中')).toBeTruthy();

    const input = within(side).getByLabelText('進める時間');
    fireEvent.change(input, { target: { value: 'tomorrow' } });
    fireEvent.click(within(side).getByRole('button', { name: '進める' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      '「tomorrow」は期間として読み取れません。90s、15m、2h、1d、1w、1h30m のように入力してください。',
    );
    await act(async () => fireEvent.click(within(side).getByRole('button', { name: /\+1 日/ })));
    expect(await screen.findByText('時計を 1d 進めました。ウェイクアップを 2 件実行しました。')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '保留中をすべて消費' }));
    expect(screen.getByRole('alertdialog').textContent).toContain(
      '保留中のエージェント通知 1,000 件をすべて消費しますか？',
    );
  });

  it('rewords what the clock did when the language changes, and says one wakeup in English', async () => {
    setup({
      'proactive.overview': () => overview('pending'),
      'clock.advance': () => ({ clock, executed: [{}] }),
    });
    render(<NotificationsView />);
    const side = await screen.findByRole('complementary', { name: 'Clock and wakeups' });
    await act(async () => fireEvent.click(within(side).getByRole('button', { name: /\+6 h/ })));
    expect(await screen.findByText('Advanced 6h: ran 1 wakeup.')).toBeTruthy();
    await act(async () => void setLanguage('zh'));
    expect(screen.getByRole('status').textContent).toBe('已快进 6h：执行了 1 个唤醒。');
    expect(screen.getByRole('heading', { level: 1, name: '通知' })).toBeTruthy();
    expect(within(side).getByRole('heading', { name: '安排唤醒' })).toBeTruthy();
  });
});
