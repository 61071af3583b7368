import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookDto } from '../../../src/shared/contract/api';
import type { StudioClient } from '../../../src/shared/rpc-client';
import { StudioError } from '../../../src/shared/errors';
import { WebhooksView } from '../../../src/renderer/src/features/webhooks/WebhooksView';
import { useWebhooks } from '../../../src/renderer/src/features/webhooks/webhooks-store';
import { useStudio } from '../../../src/renderer/src/store/studio';
import { setLanguage } from '../../../src/renderer/src/i18n';

/** A fake core: webhooks of two projects, the calls it got, and live events it can push. */
function fakeCore() {
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let n = 0;
  const hooks: WebhookDto[] = [
    {
      webhookId: 'w1',
      projectId: 'p1',
      eventType: 'agent.message',
      webhookUrl: 'http://localhost:3000/hook',
      authHeader: null,
      isActive: true,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    },
  ];
  const secrets: Record<string, string> = { 'agent.message': 'whsec_first' };
  const handlers: Record<string, (p: Record<string, unknown>) => unknown> = {
    'projects.list': () => ({
      projects: [
        {
          projectId: 'p1',
          name: 'Default project',
          environment: 'development',
          businessName: '',
          isDefault: true,
          createdAt: '',
        },
        {
          projectId: 'p2',
          name: 'Other',
          environment: 'development',
          businessName: '',
          isDefault: false,
          createdAt: '',
        },
      ],
    }),
    'webhooks.list': (p) => ({ webhooks: hooks.filter((w) => w.projectId === p.projectId) }),
    'webhooks.upsert': (p) => {
      if (!String(p.webhookUrl).startsWith('http'))
        throw new StudioError('invalid_params', 'webhookUrl: expected an absolute http(s) URL');
      const existing = hooks.find((w) => w.projectId === p.projectId && w.eventType === p.eventType);
      if (existing) {
        existing.webhookUrl = String(p.webhookUrl);
        return { webhook: existing, created: false };
      }
      const w = {
        ...hooks[0],
        webhookId: `w${++n + 1}`,
        projectId: String(p.projectId),
        eventType: String(p.eventType),
        webhookUrl: String(p.webhookUrl),
      };
      hooks.push(w);
      secrets[w.eventType] = `whsec_new${n}`;
      return { webhook: w, created: true, signingSecret: secrets[w.eventType] };
    },
    'webhooks.delete': (p) => {
      hooks.splice(
        hooks.findIndex((w) => w.eventType === p.eventType),
        1,
      );
      return { deleted: true };
    },
    'webhooks.setActive': (p) => {
      const w = hooks.find((x) => x.eventType === p.eventType)!;
      w.isActive = Boolean(p.active);
      return w;
    },
    'webhooks.revealSecret': (p) => ({ secret: secrets[String(p.eventType)], createdAt: '' }),
    'webhooks.health': (p) => ({
      webhooks: hooks
        .filter((w) => w.projectId === p.projectId)
        .map((w) =>
          w.eventType === 'agent.message'
            ? {
                webhookId: w.webhookId,
                eventType: w.eventType,
                webhookUrl: w.webhookUrl,
                sample: 40,
                successRate: 0.75,
                p50Ms: 18,
                lastStatus: 'failed',
                lastCode: 503,
                lastAt: '2026-01-01T00:00:00Z',
              }
            : {
                webhookId: w.webhookId,
                eventType: w.eventType,
                webhookUrl: w.webhookUrl,
                sample: 0,
                successRate: null,
                p50Ms: null,
                lastStatus: null,
                lastCode: null,
                lastAt: null,
              },
        ),
    }),
    'events.fire': (p) => ({
      eventId: 'evt_test',
      eventType: p.eventType,
      bytes: 99,
      issues: [],
      deliveries: [{ deliveryId: 'dlv_test', webhookId: 'w1', webhookUrl: 'http://localhost:3000/hook' }],
    }),
    'deliveries.list': () => ({ deliveries: [], nextCursor: null }),
    'webhooks.rotate': (p) => {
      secrets[String(p.eventType)] = 'whsec_rotated';
      return { secret: 'whsec_rotated' };
    },
  };
  const client = {
    call: async (method: string, params: Record<string, unknown> = {}) => {
      calls.push({ method, params });
      const h = handlers[method];
      if (!h) throw new StudioError('unknown_method', method);
      return h(params);
    },
    on: (event: string, cb: (p: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(cb);
      return () => listeners.get(event)!.delete(cb);
    },
    onAny: () => () => {},
    failPending: () => {},
  } as unknown as StudioClient;
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((cb) => cb(payload));
  return { client, calls, hooks, emit, methods: () => calls.map((c) => c.method) };
}

let core: ReturnType<typeof fakeCore>;
beforeEach(() => {
  core = fakeCore();
  useWebhooks.setState({ projects: [], projectId: null, webhooks: [], revealed: {}, issued: null, error: null });
  useStudio.setState({ client: core.client, connection: 'connected' });
});

const row = (eventType: string) => within(screen.getByRole('table')).getByText(eventType).closest('tr')!;

describe('Webhooks screen', () => {
  it('lists the default project’s webhooks and registers a new one, showing its secret once', async () => {
    render(<WebhooksView />);
    expect(await screen.findByText('http://localhost:3000/hook')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Register a webhook' });
    fireEvent.change(within(form).getByLabelText('Event type'), { target: { value: 'agent.wakeup' } });
    fireEvent.change(within(form).getByLabelText('Webhook URL'), { target: { value: 'http://localhost:4000/w' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Register' }));
    expect(await screen.findByText('http://localhost:4000/w')).toBeTruthy();
    const notice = screen.getByRole('status');
    expect(notice.textContent).toContain('whsec_new1');
    expect(core.calls.find((c) => c.method === 'webhooks.upsert')!.params).toMatchObject({
      projectId: 'p1',
      eventType: 'agent.wakeup',
      webhookUrl: 'http://localhost:4000/w',
    });
  });

  it('refuses a relative URL before calling the core, and shows the core’s errors inline', async () => {
    render(<WebhooksView />);
    await screen.findByText('http://localhost:3000/hook');
    const form = screen.getByRole('form', { name: 'Register a webhook' });
    fireEvent.change(within(form).getByLabelText('Webhook URL'), { target: { value: '/relative' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Register' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('absolute http(s) URL');
    expect(core.methods()).not.toContain('webhooks.upsert');
  });

  it('reveals and hides the secret, with a copy button', async () => {
    render(<WebhooksView />);
    await screen.findByText('http://localhost:3000/hook');
    fireEvent.click(within(row('agent.message')).getByRole('button', { name: 'Reveal secret' }));
    expect(await screen.findByText('whsec_first')).toBeTruthy();
    expect(within(row('agent.message')).getByRole('button', { name: /Copy the signing secret/ })).toBeTruthy();
    fireEvent.click(within(row('agent.message')).getByRole('button', { name: 'Hide' }));
    expect(screen.queryByText('whsec_first')).toBeNull();
  });

  it('asks before rotating and deleting; Cancel does nothing', async () => {
    render(<WebhooksView />);
    await screen.findByText('http://localhost:3000/hook');
    fireEvent.click(within(row('agent.message')).getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Delete the agent.message webhook?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(core.methods()).not.toContain('webhooks.delete');

    fireEvent.click(within(row('agent.message')).getByRole('button', { name: 'Rotate' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Rotate secret' }));
    await waitFor(() => expect(core.methods()).toContain('webhooks.rotate'));
    expect((await screen.findAllByText('whsec_rotated')).length).toBeGreaterThan(0);

    fireEvent.click(within(row('agent.message')).getByRole('button', { name: 'Delete' }));
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.click(within(row('agent.message')).getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete webhook' }));
    expect(await screen.findByText('No webhooks in this project yet')).toBeTruthy();
  });

  it('toggles delivery and edits the URL', async () => {
    render(<WebhooksView />);
    await screen.findByText('http://localhost:3000/hook');
    fireEvent.click(screen.getByLabelText('Deliver agent.message'));
    expect(await screen.findByText('paused')).toBeTruthy();
    fireEvent.click(within(row('agent.message')).getByRole('button', { name: 'Edit' }));
    const edit = screen.getByRole('form', { name: 'Edit agent.message' });
    fireEvent.change(within(edit).getByLabelText('Webhook URL'), { target: { value: 'https://example.com/new' } });
    fireEvent.click(within(edit).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('https://example.com/new')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit agent.message' })).toBeNull());
  });

  it('follows live changes and switches projects', async () => {
    render(<WebhooksView />);
    await screen.findByText('http://localhost:3000/hook');
    core.hooks.push({ ...core.hooks[0], webhookId: 'w9', eventType: 'session.end', webhookUrl: 'http://sdk.test/x' });
    await act(async () => core.emit('webhooks.changed', { projectId: 'p1' }));
    expect(await screen.findByText('http://sdk.test/x')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Project'), { target: { value: 'p2' } });
    expect(await screen.findByText('No webhooks in this project yet')).toBeTruthy();
  });

  it('asks before replacing the URL of a type that already has a webhook, and says what it replaced', async () => {
    render(<WebhooksView />);
    await screen.findByText('http://localhost:3000/hook');
    const form = screen.getByRole('form', { name: 'Register a webhook' });
    fireEvent.change(within(form).getByLabelText('Event type'), { target: { value: 'agent.message' } });
    fireEvent.change(within(form).getByLabelText('Webhook URL'), { target: { value: 'http://localhost:4000/new' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Register' }));
    const ask = await screen.findByRole('alertdialog');
    expect(ask.textContent).toContain('agent.message already sends to http://localhost:3000/hook');
    expect(core.methods()).not.toContain('webhooks.upsert');
    fireEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(core.methods()).not.toContain('webhooks.upsert');

    fireEvent.click(within(form).getByRole('button', { name: 'Register' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Replace' }));
    expect(await screen.findByText('http://localhost:4000/new')).toBeTruthy();
    const notice = screen.getByRole('status');
    expect(notice.textContent).toContain("Replaced agent.message's previous URL http://localhost:3000/hook.");
    expect(notice.textContent).not.toContain('whsec_'); // the secret stays: nothing new to show
  });

  it('registers several event types to one URL in one step, one registration each, and the banner names this action', async () => {
    render(<WebhooksView />);
    await screen.findByText('http://localhost:3000/hook');
    fireEvent.click(within(row('agent.message')).getByRole('button', { name: 'Rotate' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Rotate secret' }));
    expect((await screen.findByRole('status')).textContent).toContain('Rotated');
    const form = screen.getByRole('form', { name: 'Register a webhook' });
    fireEvent.change(within(form).getByLabelText('Event type'), {
      target: { value: 'agent.wakeup, agent.mood_change agent.wakeup' },
    });
    fireEvent.change(within(form).getByLabelText('Webhook URL'), { target: { value: 'http://localhost:5000/all' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(screen.getAllByText('http://localhost:5000/all')).toHaveLength(2));
    const upserts = core.calls.filter((c) => c.method === 'webhooks.upsert').map((c) => c.params.eventType);
    expect(upserts).toEqual(['agent.wakeup', 'agent.mood_change']);
    const notice = screen.getByRole('status');
    expect(notice.textContent).toContain('2 registrations: the Sonzai API takes one event type per webhook');
    expect(notice.textContent).not.toContain('Rotated');
    expect(notice.textContent).toContain('whsec_new1');
    expect(notice.textContent).toContain('whsec_new2');
  });

  it('shows each webhook’s health and sends a test event, marked as a test, with its outcome', async () => {
    render(<WebhooksView />);
    await screen.findByText('http://localhost:3000/hook');
    const health = await screen.findByTestId('health-agent.message');
    await waitFor(() => expect(health.textContent).toContain('last 503'));
    expect(health.textContent).toContain('75% ok · p50 18 ms · last 40');
    fireEvent.click(within(row('agent.message')).getByRole('button', { name: 'Send test event' }));
    const outcome = await screen.findByRole('status', { name: 'Test event' });
    expect(outcome.textContent).toContain('evt_test');
    expect(core.calls.find((c) => c.method === 'events.fire')!.params).toEqual({
      eventType: 'agent.message',
      projectId: 'p1',
      source: 'test',
    });
  });
});

describe('Webhooks screen in Chinese and Japanese', () => {
  beforeEach(() => {
    // The store outlives each render: no test event, health or question left from a test before.
    useWebhooks.setState({ test: null, health: {}, pendingReplace: null });
  });
  afterEach(async () => {
    await act(async () => void setLanguage('en'));
  });

  it('speaks Chinese: headers, health, confirmations and what several registrations did', async () => {
    await act(async () => void setLanguage('zh'));
    render(<WebhooksView />);
    await screen.findByText('http://localhost:3000/hook');
    expect(screen.getByRole('heading', { level: 1, name: 'Webhook' })).toBeTruthy();
    expect(within(screen.getByRole('table')).getByRole('columnheader', { name: '签名密钥' })).toBeTruthy();
    const health = screen.getByTestId('health-agent.message');
    await waitFor(() => expect(health.textContent).toContain('最近 503'));
    expect(health.textContent).toContain('成功率 75% · p50 18毫秒 · 最近 40 次');

    fireEvent.click(within(row('agent.message')).getByRole('button', { name: '删除' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('删除 agent.message 的 Webhook？其投递将立即停止。');
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '取消' }));

    const form = screen.getByRole('form', { name: '注册 Webhook' });
    fireEvent.change(within(form).getByLabelText('Webhook URL'), { target: { value: '/relative' } });
    fireEvent.click(within(form).getByRole('button', { name: '注册' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Webhook URL 必须是 http(s) 绝对 URL。');

    fireEvent.change(within(form).getByLabelText('事件类型'), {
      target: { value: 'agent.wakeup, agent.mood_change' },
    });
    fireEvent.change(within(form).getByLabelText('Webhook URL'), { target: { value: 'http://localhost:5000/all' } });
    fireEvent.click(within(form).getByRole('button', { name: '注册' }));
    await waitFor(() => expect(screen.getAllByText('http://localhost:5000/all')).toHaveLength(2));
    const notice = screen.getByRole('status');
    expect(notice.textContent).toContain(
      '已注册 agent.wakeup和agent.mood_change → http://localhost:5000/all（共 2 条注册：Sonzai API 每个 Webhook 只接受一种事件类型）。',
    );
    expect(notice.textContent).toContain('agent.wakeup 的签名密钥（仅显示一次）：whsec_new1');
  });

  it('rewords the last action when the language changes to Japanese', async () => {
    render(<WebhooksView />);
    await screen.findByText('http://localhost:3000/hook');
    fireEvent.click(within(row('agent.message')).getByRole('button', { name: 'Rotate' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Rotate secret' }));
    expect((await screen.findByRole('status')).textContent).toContain('Rotated the signing secret of agent.message.');
    await act(async () => void setLanguage('ja'));
    expect(screen.getByRole('status').textContent).toContain(
      'agent.message の署名シークレットをローテーションしました。',
    );
    expect(within(row('agent.message')).getByRole('button', { name: 'テストイベントを送信' })).toBeTruthy();
  });
});
