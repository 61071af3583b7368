import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../../src/shared/contract/deliveries';
import { FireOutcome } from '../../../src/renderer/src/features/events/FireOutcome';
import { installFakeClient } from '../fake-client';
import { summary } from '../deliveries/fixtures';

const base: DeliverySummary = {
  seq: 1,
  deliveryId: 'dlv_1',
  eventId: 'evt_1',
  projectId: 'p1',
  eventType: 'agent.message',
  webhookUrl: 'http://127.0.0.1:3000/hook',
  state: 'scheduled',
  tries: 0,
  replays: 0,
  last: null,
  nextAttemptAt: null,
  source: 'ui',
  createdAt: '2026-01-01T00:00:00.000Z',
};
const last = (code: number) => ({
  attemptId: `a${code}`,
  status: code === 200 ? ('success' as const) : ('failed' as const),
  responseCode: code,
  durationMs: 17,
  createdAt: '2026-01-01T00:00:01.000Z',
  kind: 'delivery' as const,
});

describe('FireOutcome', () => {
  it("shows each delivery's state and response code as it arrives, with a link that opens it in Deliveries", async () => {
    let now: DeliverySummary = base;
    const fake = installFakeClient({ 'deliveries.list': () => ({ deliveries: [now], nextCursor: null }) });
    render(
      <FireOutcome
        fired={
          {
            eventId: 'evt_1',
            eventType: 'agent.message',
            bytes: 120,
            issues: [],
            deliveries: [{ deliveryId: 'dlv_1', webhookId: 'wh_1', webhookUrl: 'http://127.0.0.1:3000/hook' }],
          } as never
        }
      />,
    );
    const row = await screen.findByTestId('fire-outcome');
    await waitFor(() => expect(row.textContent).toContain('scheduled'));
    now = { ...base, state: 'retrying', tries: 1, last: last(500), nextAttemptAt: '2026-01-01T00:00:11.000Z' };
    act(() => fake.emit({ event: 'attempt.recorded', payload: summary(1, { deliveryId: 'dlv_1' }) }));
    await waitFor(() => expect(row.textContent).toContain('retrying'));
    expect(row.textContent).toContain('← 500 in 17 ms');
    expect(row.textContent).toMatch(/next try \d\d:\d\d:\d\d/);
    now = { ...base, state: 'delivered', tries: 2, last: last(200) };
    // An attempt of another delivery changes nothing.
    act(() => fake.emit({ event: 'attempt.recorded', payload: summary(2, { deliveryId: 'dlv_other' }) }));
    act(() => fake.emit({ event: 'attempt.recorded', payload: summary(3, { deliveryId: 'dlv_1' }) }));
    await waitFor(() => expect(row.textContent).toContain('delivered'));
    expect(row.textContent).toContain('← 200 in 17 ms');
    expect(fake.call.mock.calls.filter(([m]) => m === 'deliveries.list')).toHaveLength(3);
    expect(within(row).getByRole('link', { name: 'Open in Deliveries' }).getAttribute('href')).toBe(
      '#/deliveries/delivery/dlv_1',
    );
  });
});
