import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ResultOf } from '../../../src/shared/contract';
import { NotificationsView } from '../../../src/renderer/src/features/notifications/NotificationsView';
import { useNotifications } from '../../../src/renderer/src/features/notifications/store';
import { useStudio } from '../../../src/renderer/src/store/studio';
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
