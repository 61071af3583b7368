import { act, render, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../../src/shared/contract/deliveries';
import type { BulkReplayProgress } from '../../../src/shared/contract/inspector';
import { StudioError } from '../../../src/shared/errors';
import { BulkReplayBar } from '../../../src/renderer/src/features/deliveries/BulkReplayBar';
import { DeliveriesView } from '../../../src/renderer/src/features/deliveries/DeliveriesView';
import { STATE_LABEL } from '../../../src/renderer/src/features/deliveries/delivery-labels';
import { Timeline } from '../../../src/renderer/src/features/deliveries/Timeline';
import { useGrouped } from '../../../src/renderer/src/features/deliveries/grouped-store';
import { useDeliveries } from '../../../src/renderer/src/features/deliveries/store';
import { installFakeClient } from '../fake-client';
import { summary } from './fixtures';

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
});
afterAll(() => {
  delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientHeight;
  delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientWidth;
});
afterEach(async () => {
  await act(() => i18next.changeLanguage('en'));
});

const at = '2026-01-01T00:00:00.000Z';
const delivery = (i: number, over: Partial<DeliverySummary> = {}): DeliverySummary => ({
  seq: 1000 - i,
  deliveryId: `dlv_${i}`,
  eventId: `evt_${i}`,
  projectId: 'proj',
  eventType: 'agent.message',
  webhookUrl: 'http://localhost:3000/webhooks',
  state: 'delivered',
  tries: 3,
  replays: 1,
  last: { attemptId: `att_${i}`, status: 'success', responseCode: 200, durationMs: 31, createdAt: at, kind: 'replay' },
  nextAttemptAt: null,
  source: 'ui',
  createdAt: at,
  ...over,
});

function grouped(plan: { total: number; urls: number }) {
  useDeliveries.setState({ view: 'deliveries', filter: {}, rows: [], selectedId: null, detail: null, bulk: null });
  useDeliveries.setState({ notice: null, error: null });
  useGrouped.setState({ rows: [], expandedId: null, attempts: null, counts: null, nextCursor: null, error: null });
  return installFakeClient({
    'deliveries.list': () => ({
      deliveries: [
        delivery(2, { state: 'retrying', tries: 1, replays: 0, last: { ...delivery(2).last!, responseCode: 0 } }),
        delivery(1),
      ],
      nextCursor: null,
    }),
    'deliveries.counts': () => ({ deliveries: 12_408, delivered: 12_360, failing: 37, retrying: 5, attempts: 51_220 }),
    'attempts.bulkReplay.preview': () => ({
      total: plan.total,
      skippedScheduled: 0,
      urls: Array.from({ length: plan.urls }, (_, i) => ({ url: `http://localhost:300${i}/h`, count: 1 })),
    }),
  });
}

const rowsOf = () =>
  within(screen.getByTestId('delivery-list'))
    .getAllByRole('row')
    .filter((r) => r.getAttribute('aria-level') === '1');

describe('Deliveries in Japanese and Chinese', () => {
  it('switches live to Japanese: headings, states, tries and totals with plurals and grouped numbers', async () => {
    grouped({ total: 2, urls: 1 });
    render(<DeliveriesView />);
    await waitFor(() => expect(rowsOf()).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('dl-counts').textContent).toContain('12,408 deliveries'));
    expect(rowsOf()[1].textContent).toContain('3 tries + 1 replay');

    await act(() => i18next.changeLanguage('ja'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('配信');
    expect(screen.getByRole('region', { name: '配信' })).toBeTruthy();
    const [retrying, delivered] = rowsOf();
    expect(retrying.textContent).toContain('再試行待ち');
    expect(retrying.textContent).toContain('1 回試行');
    expect(retrying.textContent).toContain('レスポンスなし');
    expect(delivered.textContent).toContain('配信済み');
    expect(delivered.textContent).toContain('3 回試行 + 1 回リプレイ');
    expect(screen.getByTestId('dl-counts').textContent).toBe(
      '配信 12,408 件 · 失敗中 37 件 · 試行 51,220 回 · 2 件読み込み済み · ↑↓ 移動 · Enter 開く · r リプレイ · / 検索',
    );
    expect(screen.getByRole('button', { name: 'HAR をエクスポート · 試行 1,000 件' })).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: 'リクエストとレスポンスの本文を検索' })).toBeTruthy();
    // The words read outside a component (as the events area reads them) follow too.
    expect(STATE_LABEL.failed).toBe('最終的に失敗');
  });

  it('words the bulk replay preview in Chinese, with the delivery and URL counts in one sentence', async () => {
    grouped({ total: 2, urls: 1 });
    await act(() => i18next.changeLanguage('zh'));
    render(<DeliveriesView />);
    await waitFor(() => expect(rowsOf()).toHaveLength(2));
    act(() => screen.getByRole('button', { name: /重放失败的投递/ }).click());
    const preview = await screen.findByRole('dialog', { name: '重放失败的投递' });
    await within(preview).findByText('重放 2 个失败的投递');
    expect(preview.querySelector('p')?.textContent).toBe('重放 2 个失败的投递，发往 1 个 URL：');
    expect(within(preview).getByRole('button', { name: '重放 2 个' })).toBeTruthy();
    expect(within(preview).getByRole('button', { name: '取消' })).toBeTruthy();
  });

  it('uses the singular in English where there is one', async () => {
    grouped({ total: 1, urls: 1 });
    render(<DeliveriesView />);
    await waitFor(() => expect(rowsOf()).toHaveLength(2));
    act(() => screen.getByRole('button', { name: /Replay failed/ }).click());
    const preview = await screen.findByRole('dialog', { name: 'Replay failed deliveries' });
    await within(preview).findByText('Replay 1 failed delivery');
    expect(preview.querySelector('p')?.textContent).toBe('Replay 1 failed delivery to 1 URL:');
  });

  it('re-words a notice and an error already shown when the language changes', async () => {
    grouped({ total: 0, urls: 0 });
    render(<DeliveriesView />);
    await waitFor(() => expect(rowsOf()).toHaveLength(2));
    act(() => useDeliveries.getState().setNotice({ kind: 'exported', count: 1, format: 'HAR' }));
    expect(screen.getByText('Exported 1 attempt as HAR')).toBeTruthy();
    act(() => useGrouped.setState({ error: new StudioError('not_found', 'delivery dlv_9 not found') }));
    expect(screen.getByRole('alert').textContent).toBe('delivery dlv_9 not found');

    await act(() => i18next.changeLanguage('ja'));
    expect(screen.getByText('試行 1 件を HAR としてエクスポートしました')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('見つかりません: delivery dlv_9 not found');

    act(() => useDeliveries.getState().setNotice({ kind: 'replayed', id: 'att_1', newId: 'att_2' }));
    await act(() => i18next.changeLanguage('zh'));
    expect(screen.getByText('已将 att_1 重放为 att_2')).toBeTruthy();
  });

  it('shows bulk replay progress and the timeline in Japanese', async () => {
    await act(() => i18next.changeLanguage('ja'));
    const p: BulkReplayProgress = {
      jobId: 'bulk_1',
      state: 'done',
      total: 3,
      done: 2,
      succeeded: 1,
      failed: 1,
      errors: 0,
      lastErrors: [],
      startedAt: at,
      finishedAt: at,
    };
    const { unmount } = render(<BulkReplayBar p={p} onCancel={() => {}} onDismiss={() => {}} />);
    const bar = screen.getByRole('status');
    expect(bar.textContent).toContain('一括リプレイ完了:');
    expect(bar.textContent).toContain('✓ 1 件成功');
    expect(bar.textContent).toContain('✗ 1 件は引き続き失敗');
    expect(bar.textContent).toContain('1 件は未送信');
    expect(screen.getByRole('button', { name: '閉じる' })).toBeTruthy();
    unmount();

    render(
      <Timeline
        items={[
          summary(1, { attemptId: 'a1', attemptNumber: 1 }),
          summary(2, { attemptId: 'a2', attemptNumber: 2, kind: 'retry' }),
          summary(3, { attemptId: 'a3', kind: 'replay', replayOf: 'a1' }),
        ]}
        currentId="a1"
        onOpen={() => {}}
      />,
    );
    expect(screen.getByRole('button', { name: '試行 #1' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '再試行 #2' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'リプレイ' })).toBeTruthy();
    expect(screen.getByText(/a1 のリプレイ/)).toBeTruthy();
  });
});
