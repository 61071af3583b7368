import { act, fireEvent, render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiRequestSummary } from '../../../src/shared/contract/api';
import type { StudioClient } from '../../../src/shared/rpc-client';
import { RequestsView } from '../../../src/renderer/src/features/requests/RequestsView';
import { useRequests } from '../../../src/renderer/src/features/requests/requests-store';
import { useStudio } from '../../../src/renderer/src/store/studio';

const row = (seq: number, over: Partial<ApiRequestSummary> = {}): ApiRequestSummary => ({
  seq,
  requestId: `r${seq}`,
  method: 'GET',
  path: '/api/v1/webhooks',
  query: '',
  operationId: 'listWebhooksForTenant',
  status: 200,
  durationMs: 1.2,
  projectId: 'p1',
  lint: [],
  idempotentReplay: false,
  createdAt: '2026-01-01T00:00:00Z',
  ...over,
});

let listeners: Map<string, (p: unknown) => void>;
let lastListParams: Record<string, unknown> | undefined;
beforeEach(() => {
  listeners = new Map();
  useRequests.setState({
    rows: [],
    detail: null,
    error: null,
    paused: false,
    filters: { method: '', status: '', path: '', lintOnly: false },
  });
  const client = {
    call: async (method: string, params: Record<string, unknown>) => {
      if (method === 'requestLog.list') {
        lastListParams = params;
        return { requests: [row(1)] };
      }
      if (method === 'requestLog.get') {
        return {
          ...row(2, {
            method: 'POST',
            path: '/api/v1/agents/Aiko/wakeups',
            lint: [{ code: 'docs_example_body', message: 'uses the docs example fields' }],
          }),
          requestHeaders: { 'content-type': 'application/json' },
          requestBody: '{"userId":"u1"}',
          requestBodyTruncated: false,
          responseBody: '{"wakeup_id":"w1"}',
          responseBodyTruncated: false,
        };
      }
      throw new Error(method);
    },
    on: (event: string, cb: (p: unknown) => void) => {
      listeners.set(event, cb);
      return () => listeners.delete(event);
    },
  } as unknown as StudioClient;
  useStudio.setState({ client, connection: 'connected' });
});

describe('API log screen', () => {
  it('shows requests live, flags lint, filters, and opens a request with its bodies', async () => {
    render(<RequestsView />);
    expect(await screen.findByText('/api/v1/webhooks')).toBeTruthy();
    await act(async () =>
      listeners.get('apiRequest.logged')!(
        row(2, {
          method: 'POST',
          path: '/api/v1/agents/Aiko/wakeups',
          lint: [{ code: 'docs_example_body', message: 'uses the docs example fields' }],
        }),
      ),
    );
    const live = (await screen.findByText('/api/v1/agents/Aiko/wakeups')).closest('tr')!;
    expect(within(live).getByTitle('uses the docs example fields')).toBeTruthy();
    fireEvent.click(live);
    const detail = await screen.findByRole('region', { name: 'Request detail' });
    expect(detail.textContent).toContain('uses the docs example fields');
    expect(detail.textContent).toContain('"userId": "u1"');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: '4xx' } });
    expect(lastListParams).toMatchObject({ status: '4xx' });
    // A live 200 does not pass a 4xx filter.
    await act(async () => {
      listeners.get('apiRequest.logged')!(row(3, { path: '/api/v1/ok' }));
      listeners.get('apiRequest.logged')!(row(4, { path: '/api/v1/bad', status: 404 }));
    });
    expect(await screen.findByText('/api/v1/bad')).toBeTruthy();
    expect(screen.queryByText('/api/v1/ok')).toBeNull();
  });
});

describe('API log screen in another language', () => {
  afterEach(async () => {
    await act(() => i18next.changeLanguage('en'));
  });

  it('switches live to Japanese and counts lint findings in each language', async () => {
    render(<RequestsView />);
    expect(await screen.findByText('/api/v1/webhooks')).toBeTruthy();
    await act(async () =>
      listeners.get('apiRequest.logged')!(
        row(2, {
          path: '/api/v1/agents/Aiko/wakeups',
          lint: [
            { code: 'docs_example_body', message: 'uses the docs example fields' },
            { code: 'missing_idempotency_key', message: 'no Idempotency-Key' },
          ],
        }),
      ),
    );
    const live = (await screen.findByText('/api/v1/agents/Aiko/wakeups')).closest('tr')!;
    expect(within(live).getByText('2 lint findings')).toBeTruthy();

    await act(() => i18next.changeLanguage('ja'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('API ログ');
    expect(screen.getByRole('columnheader', { name: '時刻' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'ライブ表示を一時停止' })).toBeTruthy();
    expect(within(live).getByText('lint の指摘 2 件')).toBeTruthy();
    expect((screen.getByLabelText('ステータス') as HTMLSelectElement).options[0].textContent).toBe('すべて');

    fireEvent.click(live);
    const detail = await screen.findByRole('region', { name: 'リクエストの詳細' });
    expect(within(detail).getByRole('heading', { name: /レスポンス本文/ })).toBeTruthy();
    expect(within(detail).getByRole('button', { name: '詳細を閉じる' }).textContent).toBe('閉じる');

    await act(() => i18next.changeLanguage('zh'));
    expect(within(live).getByText('2 条 lint 提示')).toBeTruthy();
    expect(screen.getByRole('region', { name: '请求详情' })).toBeTruthy();
  });
});
