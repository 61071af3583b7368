import { act, fireEvent, render, screen, within } from '@testing-library/react';
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
  };
}

describe('Notifications view', () => {
  beforeEach(() => {
    useNotifications.setState({ projectId: null, agentId: '', userId: '', overview: null, error: null });
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
});
