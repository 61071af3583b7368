import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveriesView } from '../../../src/renderer/src/features/deliveries/DeliveriesView';
import { useDeliveries } from '../../../src/renderer/src/features/deliveries/store';
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

const rows = [summary(3), summary(2), summary(1)];
const listRows = () => within(screen.getByTestId('attempt-list')).getAllByRole('option');

function setup() {
  useDeliveries.setState({
    view: 'attempts',
    filter: {},
    rows: [],
    selectedId: null,
    detail: null,
    bulk: null,
    notice: null,
    tab: 'request',
  });
  return installFakeClient({
    'attempts.list': () => ({ attempts: rows, nextCursor: null }),
    'attempts.get': (p) =>
      detailOf(rows.find((r) => r.attemptId === p.attemptId) ?? summary(99, { attemptId: String(p.attemptId) })),
    'signature.inspect': () => {
      throw new Error('no signature');
    },
    'attempts.replay': () => ({ attemptId: 'att_new' }),
    'attempts.recentTargets': () => ({
      targets: [{ url: 'http://localhost:4000/h', local: true, count: 1, lastAt: '' }],
    }),
    'attempts.bulkReplay.preview': (p) =>
      p.includeScheduled
        ? { total: 3, skippedScheduled: 0, urls: [{ url: 'http://localhost:3000/webhooks', count: 3 }] }
        : { total: 2, skippedScheduled: 1, urls: [{ url: 'http://localhost:3000/webhooks', count: 2 }] },
    'attempts.bulkReplay.start': () => ({
      jobId: 'bulk_1',
      state: 'running',
      total: 2,
      done: 0,
      succeeded: 0,
      failed: 0,
      errors: 0,
      lastErrors: [],
      startedAt: '',
      finishedAt: null,
    }),
  });
}

describe('DeliveriesView', () => {
  beforeEach(() => useDeliveries.setState({ rows: [] }));

  it('lists attempts, opens one with the keyboard and replays it with r', async () => {
    const fake = setup();
    render(<DeliveriesView />);
    await waitFor(() => expect(listRows()).toHaveLength(3));
    const area = screen.getByRole('region', { name: 'Deliveries' });
    fireEvent.keyDown(area, { key: 'ArrowDown' });
    fireEvent.keyDown(area, { key: 'Enter' });
    await waitFor(() => expect(fake.call).toHaveBeenCalledWith('attempts.get', { attemptId: 'att_2' }));
    await screen.findByRole('tab', { name: /Request/ });
    expect(screen.getByText(/Sonzai-Signature/)).toBeTruthy();
    fireEvent.keyDown(area, { key: 'r' });
    // att_2 succeeded: replaying it asks first.
    const ask = await screen.findByRole('alertdialog');
    expect(ask.textContent).toContain('already succeeded');
    expect(fake.call).not.toHaveBeenCalledWith('attempts.replay', expect.anything());
    fireEvent.click(within(ask).getByRole('button', { name: 'Replay anyway' }));
    await waitFor(() => expect(fake.call).toHaveBeenCalledWith('attempts.replay', { attemptId: 'att_2' }));
    await screen.findByText(/Replayed att_2 as att_new/);
    // With the detail open, it follows the cursor.
    fireEvent.keyDown(area, { key: 'ArrowDown' });
    await waitFor(() => expect(fake.call).toHaveBeenCalledWith('attempts.get', { attemptId: 'att_1' }));
  });

  it('"/" focuses the body search', async () => {
    setup();
    render(<DeliveriesView />);
    await waitFor(() => expect(listRows()).toHaveLength(3));
    fireEvent.keyDown(screen.getByRole('region', { name: 'Deliveries' }), { key: '/' });
    expect(document.activeElement).toBe(screen.getByRole('searchbox'));
  });

  it('shows new attempts live, when they match the filter', async () => {
    const fake = setup();
    render(<DeliveriesView />);
    await waitFor(() => expect(listRows()).toHaveLength(3));
    act(() => fake.emit({ event: 'attempt.recorded', payload: summary(4, { eventType: 'agent.breakthrough' }) }));
    await waitFor(() => expect(listRows()).toHaveLength(4));
    expect(listRows()[0].textContent).toContain('agent.breakthrough');
  });

  it('edit and replay: shows the change as a diff and sends the edited JSON', async () => {
    const fake = setup();
    render(<DeliveriesView />);
    await waitFor(() => expect(listRows()).toHaveLength(3));
    fireEvent.click(listRows()[0]);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit & replay' }));
    const editor = screen.getByRole('textbox', { name: 'Edited body' }) as HTMLTextAreaElement;
    fireEvent.change(editor, { target: { value: editor.value.replace('"hi"', '"hello"') } });
    const diff = screen.getByLabelText('Changes');
    expect(diff.querySelector('.diff-del')?.textContent).toContain('"hi"');
    expect(diff.querySelector('.diff-add')?.textContent).toContain('"hello"');
    fireEvent.change(editor, { target: { value: '{ broken' } });
    expect(screen.getByText(/Not valid JSON/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Replay' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(editor, { target: { value: '{"event_type": "agent.message", "data": {"text": "hello"}}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    await waitFor(() =>
      expect(fake.call).toHaveBeenCalledWith('attempts.replay', {
        attemptId: 'att_3',
        body: '{"event_type":"agent.message","data":{"text":"hello"}}',
      }),
    );
  });

  it('bulk replay says how many and where before it starts, then shows progress and the summary', async () => {
    const fake = setup();
    render(<DeliveriesView />);
    await waitFor(() => expect(listRows()).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: /Replay failed/ }));
    const preview = await screen.findByRole('dialog', { name: 'Replay failed deliveries' });
    await within(preview).findByText('Replay 2 failed deliveries');
    expect(preview.textContent).toContain('http://localhost:3000/webhooks · 2');
    expect(preview.textContent).toContain('(1 left out)');
    expect(fake.call).not.toHaveBeenCalledWith('attempts.bulkReplay.start', expect.anything());
    // Asking for the deliveries still scheduled changes the count before anything is sent.
    fireEvent.click(within(preview).getByRole('checkbox'));
    await within(preview).findByText('Replay 3 failed deliveries');
    fireEvent.click(within(preview).getByRole('checkbox'));
    await within(preview).findByText('Replay 2 failed deliveries');
    fireEvent.click(within(preview).getByRole('button', { name: 'Replay 2' }));
    await waitFor(() =>
      expect(fake.call).toHaveBeenCalledWith('attempts.bulkReplay.start', { filter: {}, includeScheduled: false }),
    );
    await screen.findByText(/Replaying failed deliveries… 0\/2/);
    const base = { jobId: 'bulk_1', total: 2, errors: 0, lastErrors: [], startedAt: '', finishedAt: null };
    act(() =>
      fake.emit({
        event: 'bulkReplay.progress',
        payload: { ...base, state: 'running', done: 1, succeeded: 1, failed: 0 },
      }),
    );
    await screen.findByText(/1\/2/);
    act(() =>
      fake.emit({
        event: 'bulkReplay.progress',
        payload: { ...base, state: 'done', done: 2, succeeded: 1, failed: 1 },
      }),
    );
    await screen.findByText(/Bulk replay done/);
    expect(screen.getByText(/1 still failing/)).toBeTruthy();
  });

  it('says so when nothing is stored yet', async () => {
    useDeliveries.setState({ view: 'attempts', filter: {}, rows: [] });
    installFakeClient({ 'attempts.list': () => ({ attempts: [], nextCursor: null }) });
    render(<DeliveriesView />);
    await screen.findByText('No deliveries yet');
  });
});
