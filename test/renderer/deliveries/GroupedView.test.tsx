import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryAttempt, DeliverySummary } from '../../../src/shared/contract/deliveries';
import { DeliveriesView } from '../../../src/renderer/src/features/deliveries/DeliveriesView';
import { useGrouped } from '../../../src/renderer/src/features/deliveries/grouped-store';
import { LIVE_FLUSH_MS, useDeliveries } from '../../../src/renderer/src/features/deliveries/store';
import { installFakeClient } from '../fake-client';
import { detailOf, summary } from './fixtures';

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
});
afterAll(() => {
  delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientHeight;
  delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientWidth;
});

function delivery(i: number, over: Partial<DeliverySummary> = {}): DeliverySummary {
  return {
    seq: 1000 - i,
    deliveryId: `dlv_${i}`,
    eventId: `evt_${i}`,
    projectId: 'proj',
    eventType: 'agent.message',
    webhookUrl: 'http://localhost:3000/webhooks',
    state: 'delivered',
    tries: 1,
    replays: 0,
    last: {
      attemptId: `att_${i}`,
      status: 'success',
      responseCode: 200,
      durationMs: 12,
      createdAt: '2026-01-01T00:00:00.000Z',
      kind: 'delivery',
    },
    nextAttemptAt: null,
    source: 'ui',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

const attempt = (n: number, over: Partial<DeliveryAttempt>): DeliveryAttempt => ({
  ...summary(n, { deliveryId: 'dlv_1', attemptNumber: n }),
  edited: false,
  ...over,
});

// A delivery that failed twice then succeeded, then was replayed with an edited body.
const HISTORY: DeliveryAttempt[] = [
  attempt(1, { attemptId: 'a1', kind: 'delivery', status: 'failed', responseCode: 500 }),
  attempt(2, { attemptId: 'a2', kind: 'retry', status: 'failed', responseCode: 500 }),
  attempt(3, { attemptId: 'a3', kind: 'retry', status: 'success', responseCode: 200 }),
  attempt(1, { attemptId: 'a4', kind: 'replay', status: 'success', responseCode: 200, replayOf: 'a1', edited: true }),
];
const ROWS = [
  delivery(2, {
    state: 'retrying',
    eventType: 'agent.wakeup',
    tries: 1,
    last: { ...delivery(2).last!, status: 'failed', responseCode: 503 },
    nextAttemptAt: '2026-01-01T10:20:30.000Z',
  }),
  delivery(1, {
    tries: 3,
    replays: 1,
    last: { ...delivery(1).last!, attemptId: 'a4', kind: 'replay', durationMs: 31 },
  }),
];

function setup(rows = ROWS) {
  useDeliveries.setState({ view: 'deliveries', filter: {}, rows: [], selectedId: null, detail: null, bulk: null });
  useGrouped.setState({ rows: [], expandedId: null, attempts: null, counts: null, nextCursor: null });
  let list = rows;
  const fake = installFakeClient({
    'deliveries.list': (p) =>
      p.ids
        ? { deliveries: list.filter((d) => (p.ids as string[]).includes(d.deliveryId)), nextCursor: null }
        : { deliveries: list, nextCursor: null },
    'deliveries.counts': () => ({ deliveries: 12_408, delivered: 12_360, failing: 37, retrying: 5, attempts: 51_220 }),
    'deliveries.attempts': () => ({ attempts: HISTORY }),
    'attempts.get': (p) => detailOf(summary(9, { attemptId: String(p.attemptId) })),
    'signature.inspect': () => {
      throw new Error('none');
    },
  });
  return { ...fake, setList: (l: DeliverySummary[]) => (list = l) };
}

/** The delivery rows (level 1 of the tree grid; attempts are level 2). */
const options = () =>
  within(screen.getByTestId('delivery-list'))
    .getAllByRole('row')
    .filter((r) => r.getAttribute('aria-level') === '1');

describe('Deliveries, by delivery (the default view)', () => {
  it('shows each delivery once with its final state, tries, last response and next retry; opens its attempts in order', async () => {
    const fake = setup();
    render(<DeliveriesView />);
    await waitFor(() => expect(options()).toHaveLength(2));
    const [retrying, delivered] = options();
    expect(retrying.textContent).toContain('retrying');
    expect(retrying.textContent).toContain('503');
    expect(retrying.textContent).toMatch(/next \d\d:\d\d:\d\d/);
    expect(delivered.textContent).toContain('delivered');
    expect(delivered.textContent).toContain('3 tries + 1 replay');
    expect(delivered.textContent).toContain('200 · 31 ms');
    // Totals from the store, not the rows loaded.
    expect(screen.getByTestId('dl-counts').textContent).toContain(
      '12,408 deliveries · 37 failing · 51,220 attempts · 2 loaded',
    );
    expect(screen.getByRole('button', { name: 'Export HAR · 1,000 attempts' })).toBeTruthy();

    fireEvent.click(delivered);
    const history = await screen.findByRole('rowgroup', { name: /Attempts of agent.message/ });
    await waitFor(() => expect(within(history).getAllByRole('button')).toHaveLength(4));
    expect(
      within(history)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([
      expect.stringMatching(/^500original/),
      expect.stringMatching(/^500retry 1/),
      expect.stringMatching(/^200retry 2/),
      expect.stringMatching(/^200edited replay of try 1/),
    ]);
    expect(fake.call).toHaveBeenCalledWith('deliveries.attempts', { deliveryId: 'dlv_1' });
    fireEvent.click(within(history).getAllByRole('button')[1]);
    await waitFor(() => expect(fake.call).toHaveBeenCalledWith('attempts.get', { attemptId: 'a2' }));
  });

  it('keeps the keyboard cursor on its delivery while 100 new deliveries arrive live', async () => {
    const fake = setup();
    render(<DeliveriesView />);
    await waitFor(() => expect(options()).toHaveLength(2));
    const area = screen.getByRole('region', { name: 'Deliveries' });
    fireEvent.keyDown(area, { key: 'ArrowDown' });
    expect(screen.getByTestId('delivery-list').getAttribute('aria-activedescendant')).toBe('dlv-dlv_1');
    const arrived = Array.from({ length: 100 }, (_, i) => delivery(100 + i, { seq: 5000 + i }));
    fake.setList([...arrived, ...ROWS]);
    act(() => {
      for (const d of arrived)
        fake.emit({
          event: 'attempt.recorded',
          payload: summary(100, { attemptId: `n${d.deliveryId}`, deliveryId: d.deliveryId }),
        });
    });
    await waitFor(() => expect(useGrouped.getState().rows).toHaveLength(102), { timeout: LIVE_FLUSH_MS * 8 });
    expect(useGrouped.getState().rows[0].deliveryId).toBe('dlv_199'); // newest first
    expect(screen.getByTestId('delivery-list').getAttribute('aria-activedescendant')).toBe('dlv-dlv_1');
    fireEvent.keyDown(area, { key: 'Enter' });
    await waitFor(() => expect(fake.call).toHaveBeenCalledWith('deliveries.attempts', { deliveryId: 'dlv_1' }));
  });
});

describe('Deliveries, attempt view', () => {
  it('keeps the keyboard cursor on its attempt while 100 attempts arrive: Enter opens the same one', async () => {
    useDeliveries.setState({ view: 'attempts', filter: {}, rows: [], selectedId: null, detail: null });
    const rows = [summary(3), summary(2), summary(1)];
    const fake = installFakeClient({
      'attempts.list': () => ({ attempts: rows, nextCursor: null }),
      'deliveries.counts': () => ({ deliveries: 3, delivered: 2, failing: 1, retrying: 0, attempts: 3 }),
      'attempts.get': (p) => detailOf(rows.find((r) => r.attemptId === p.attemptId)!),
      'signature.inspect': () => {
        throw new Error('none');
      },
    });
    render(<DeliveriesView />);
    const list = () => screen.getByTestId('attempt-list');
    await waitFor(() => expect(within(list()).getAllByRole('option')).toHaveLength(3));
    const area = screen.getByRole('region', { name: 'Deliveries' });
    fireEvent.keyDown(area, { key: 'ArrowDown' });
    fireEvent.keyDown(area, { key: 'ArrowDown' });
    expect(list().getAttribute('aria-activedescendant')).toBe('att-att_1');
    act(() => {
      for (let i = 0; i < 100; i++) fake.emit({ event: 'attempt.recorded', payload: summary(200 + i) });
    });
    await waitFor(() => expect(useDeliveries.getState().rows).toHaveLength(103), { timeout: LIVE_FLUSH_MS * 8 });
    expect(list().getAttribute('aria-activedescendant')).toBe('att-att_1');
    // No other row (the new ones at the top are in view) wears the cursor.
    for (const row of list().querySelectorAll('.dl-row.cursor')) expect(row.id).toBe('att-att_1');
    fireEvent.keyDown(area, { key: 'Enter' });
    await waitFor(() => expect(fake.call).toHaveBeenCalledWith('attempts.get', { attemptId: 'att_1' }));
  });
});
